// Files: dropped anywhere on the page or opened with the button, any name; bytes from a
// file are checked strictly (CRLF included), invalid UTF-8 keeps its offsets.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  launch, openPage, rendered, summary, fixture, markedText, assertOnlyOwnOrigin, assertNoProblems, KINDS_41, KINDS_42, closeChecked,
} from './helpers.mjs';

let browser;
let page;
let dir;

before(async () => {
  browser = await launch();
  page = browser.page;
  dir = await mkdtemp(path.join(tmpdir(), 'bits-inspector-files-'));
  await openPage(page);
});

after(async () => {
  await closeChecked(browser);
  await rm(dir, { recursive: true, force: true });
});

/** Drops a file with `bytes` on `selector`, as a drag from the file manager would. */
async function drop(selector, name, bytes) {
  const dataTransfer = await page.evaluateHandle(({ name, data }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type: '' }));
    return dt;
  }, { name, data: [...bytes] });
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  assert.equal(await page.isVisible('#drop-overlay'), true, 'the drop target shows while dragging');
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await rendered(page, () => page.dispatchEvent(selector, 'drop', { dataTransfer }));
  assert.equal(await page.isHidden('#drop-overlay'), true);
}

test('dropping a capture anywhere on the page inspects its bytes strictly', async () => {
  const bytes = await fixture('mc-bup-4.1-upload.http');
  await drop('#findings-card', 'capture.txt', bytes);
  const s = await summary(page);
  assert.equal(s.errors, 0, s.verdict);
  assert.deepEqual(s.kinds, KINDS_41);
  assert.ok(!s.rules.includes('input-line-endings-unchecked'));
  assert.match(s.verdict, /line endings checked \(CRLF\)/);
  assert.match(await page.textContent('#input-note'), /from file “capture\.txt”, [\d,]+ bytes: checked byte for byte/i);
});

test('a dropped file with bare LF is checked strictly: the engine reports it', async () => {
  const lf = Buffer.from('BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n', 'latin1');
  await drop('body', 'no-extension', lf);
  const s = await summary(page);
  assert.ok(s.rules.includes('http-bare-lf'), s.rules.join(','));
  assert.deepEqual(s.kinds, ['ping']);
  // Editing turns it into pasted text: line endings are no longer judged.
  await rendered(page, async () => {
    await page.focus('#input');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n');
  });
  const edited = await summary(page);
  assert.ok(!edited.rules.includes('http-bare-lf'));
  assert.match(await page.textContent('#input-note'), /Pasted text/);
});

test('the Open file button reads any file name', async () => {
  const file = path.join(dir, 'upload-reply.capture');
  await writeFile(file, await fixture('mc-bup-4.2-upload-reply.http'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await rendered(page, () => chooser.setFiles(file));
  const s = await summary(page);
  assert.equal(s.errors, 0, s.verdict);
  assert.deepEqual(s.kinds, KINDS_42);
});

test('invalid UTF-8 and non-ASCII bytes in a file keep spans aligned with the text shown', async () => {
  const bytes = Buffer.concat([
    Buffer.from('BITS_POST /upload/\xff\xfe\xe2\x82 HTTP/1.1\r\n', 'latin1'),
    Buffer.from('X-Bad: \xc3\x28\xf0\x9f\x98 tail\r\n', 'latin1'),
    Buffer.from('X-Good: ', 'latin1'), Buffer.from('na\u00efve \u{1F600}\r\n', 'utf8'),
    Buffer.from('BITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n', 'latin1'),
  ]);
  await drop('body', 'odd-bytes.http', bytes);
  const s = await summary(page);
  assert.deepEqual(s.kinds, ['ping']);
  await page.click('#row-m0-h2 button.hname');
  assert.equal(await markedText(page), 'BITS-Packet-Type: Ping');
  await page.click('#row-m0-h1 button.hname');
  assert.equal(await markedText(page), 'X-Good: na\u00efve \u{1F600}');
  await page.click('#row-m0-h0 button.hname');
  // TextDecoder: C3 then ( is one U+FFFD and "(", F0 9F 98 is one U+FFFD.
  assert.equal(await markedText(page), 'X-Bad: \uFFFD(\uFFFD tail');
  // The page compares its decoded text with the engine's count and warns on a mismatch.
  assert.deepEqual(browser.problems, []);
});
