// The report can be saved: the whole report as the CLI's JSON (the same document
// `bits-inspector check --format json` writes for the same bytes) and the findings as Markdown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserForFile, cliReport, dropFile, fixture } from './helpers.mjs';

let page;
browserForFile((opened) => {
  page = opened.page;
});

/** Clicks a download button and returns the saved file's name and text. */
async function saved(button) {
  // The page's policy keeps fetch() off blob: URLs, so the blob is read where it is made.
  return page.evaluate(async (id) => {
    const made = new Promise((resolve) => {
      const click = HTMLAnchorElement.prototype.click;
      const createObjectURL = URL.createObjectURL;
      let blob;
      URL.createObjectURL = (b) => {
        blob = b;
        return createObjectURL(b);
      };
      HTMLAnchorElement.prototype.click = function () {
        HTMLAnchorElement.prototype.click = click;
        URL.createObjectURL = createObjectURL;
        resolve({ name: this.download, blob, blobUrl: this.href.startsWith('blob:') });
      };
    });
    document.getElementById(id).click();
    const { name, blob, blobUrl } = await made;
    return { name, blobUrl, text: await blob.text() };
  }, button);
}

for (const name of ['mc-bup-4.2-upload-reply.http', 'captures/bits-upload-port-8123.pcapng']) {
  test(`the JSON report of ${name} is the CLI's`, async () => {
    const bytes = await fixture(name);
    await dropFile(page, '#input', path.basename(name), bytes);
    const file = await saved('download-json');
    assert.equal(file.name, 'bits-inspector-report.json');
    assert.ok(file.blobUrl, 'made in the page, from a blob URL');
    const mine = JSON.parse(file.text);
    const cli = await cliReport(bytes, path.basename(name));
    // The CLI also names the file it read; the page's file has no path.
    delete cli.file;
    assert.deepEqual(mine, cli);
    assert.match(await page.textContent('#copy-status'), /Saved the report as JSON/);
  });
}

test('the findings are saved as Markdown', async () => {
  const file = await saved('download-markdown');
  assert.equal(file.name, 'bits-inspector-findings.md');
  assert.match(file.text, /^\*\*bits-inspector /);
  assert.match(file.text, /^- \*\*note\*\* `ack-session-id-missing`/m);
});
