// Offline use: after a first visit the service worker has cached the page, the wasm and the
// examples, so with the network cut off a reload still loads the page and an example.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, rendered, summary, closeChecked, KINDS_41 } from './helpers.mjs';

const browser = await launch({ serviceWorkers: 'allow' });
const page = browser.page;
after(() => closeChecked(browser));

// A timeout of its own: a service worker that never takes over must fail the test, not hang it.
test('a second visit works without the network', { timeout: 120_000 }, async () => {
  await openPage(page);
  // The worker installs (caching the list the build wrote) and takes the page over.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const caches = await page.evaluate(async () => {
    const list = await (await fetch('pkg/assets.json')).json();
    return { names: await caches.keys(), version: list.version, files: list.files };
  });
  assert.ok(caches.names.includes(`bits-inspector-${caches.version}`), `a cache named by the build's version: ${caches.names}`);
  for (const file of ['./', 'app.js', 'pkg/bits_inspector_bg.wasm', 'examples/mc-bup-4.1-upload.http']) {
    assert.ok(caches.files.includes(file), `${file} is cached`);
  }

  await browser.context.setOffline(true);
  try {
    await openPage(page);
    await rendered(page, () => page.click('button[data-file="mc-bup-4.1-upload.http"]'));
    const s = await summary(page);
    assert.deepEqual(s.kinds, KINDS_41);
    assert.equal(s.errors, 0);
    // Even a share link (the page with a fragment) opens offline.
    const other = await browser.context.newPage();
    await other.goto(`${new URL(page.url()).origin}/?from=offline`);
    await other.waitForFunction(() => document.documentElement.dataset.state === 'ready');
    await other.close();
  } finally {
    await browser.context.setOffline(false);
  }
});
