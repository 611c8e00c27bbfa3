// Sharing a large input with redaction says "too large" without holding the page: the engine
// redacts in the worker, and the link is refused before any compression of an input no
// deflate could fit (or as soon as the compressed output passes the cap).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, uploadText, watchLongTasks, pasteAndTime } from './helpers.mjs';

let page;
browserForFile(async (browser) => {
  page = browser.page;
});

test('a 20 MB input shared with redaction is refused at once, no long task', { timeout: 180_000 }, async () => {
  await page.evaluate(watchLongTasks);
  const length = await page.evaluate(uploadText, 100_000);
  assert.ok(length > 15_000_000, `${length} characters`);
  await page.evaluate(pasteAndTime);
  await page.evaluate(() => { delete window.__pasteText; });
  await page.check('#redact');
  const took = await page.evaluate(async () => {
    window.__longTasks = [];
    const status = document.getElementById('share-status');
    status.textContent = '';
    const t0 = performance.now();
    document.getElementById('share').click();
    await new Promise((resolve) => {
      const check = () => (/Too large/.test(status.textContent) ? resolve() : setTimeout(check, 5));
      check();
    });
    return { ms: performance.now() - t0, longest: Math.max(0, ...window.__longTasks.map((t) => t.duration)), status: status.textContent };
  });
  await page.uncheck('#redact');
  console.log(`share of ${length.toLocaleString('en-US')} characters: "too large" after ${took.ms.toFixed(0)} ms, longest main-thread task ${took.longest.toFixed(0)} ms`);
  assert.match(took.status, /Too large for a share link/);
  assert.ok(took.longest < 200, `longest main-thread task ${took.longest} ms`);
});
