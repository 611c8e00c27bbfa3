// Share links: the input travels in the URL fragment only, compressed and versioned, with a
// size cap; redaction of host names, cookies and Authorization; opening a link restores it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  launch, openPage, rendered, summary, paste, assertOnlyOwnOrigin, assertNoProblems, ORIGIN, BASE, KINDS_42,
} from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await openPage(page);
});

after(async () => {
  await assertNoProblems(page, browser.problems);
  assertOnlyOwnOrigin(browser.requests);
  // The fragment never reaches the server: no request URL carries one.
  assert.deepEqual(browser.requests.filter((u) => u.includes('#')), []);
  await browser.close();
});

async function makeLink() {
  // The status still holds the previous link's words: clear it, or the wait below would
  // return at once with the previous link.
  await page.evaluate(() => { document.getElementById('share-status').textContent = ''; });
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
  return page.inputValue('#share-url');
}

test('a share link keeps the file bytes and the profile, and opening it restores them', async () => {
  await rendered(page, () => page.click('button[data-file="mc-bup-4.2-upload-reply.http"]'));
  await rendered(page, () => page.selectOption('#profile', 'win32'));
  const before = await summary(page);
  const link = await makeLink();
  assert.ok(link.startsWith(`${BASE}#v1=`), link.slice(0, 80));
  assert.ok(link.length - BASE.length < 8192);
  assert.match(await page.textContent('#share-status'), /Copied the share link/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  const other = await browser.context.newPage();
  await other.goto(link);
  await other.waitForFunction(() => Number(document.documentElement.dataset.rendered ?? 0) > 0);
  const after = await summary(other);
  assert.deepEqual(after.kinds, KINDS_42);
  assert.deepEqual(after.rules, before.rules, 'strict (file) checking and the win32 profile survive the link');
  assert.equal(await other.inputValue('#profile'), 'win32');
  assert.match(await other.textContent('#share-status'), /Opened from a share link/);
  await other.close();
  await rendered(page, () => page.selectOption('#profile', 'default'));
});

test('redacted sharing hides host names, cookies and Authorization values', async () => {
  await paste(page, [
    'BITS_POST http://files.corp.example:8080/upload/a.txt HTTP/1.1',
    'Host: files.corp.example:8080',
    'Authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACjggR',
    'Cookie: session=abc123; theme=dark',
    'BITS-Packet-Type: Ping',
    'Content-Length: 0',
    '',
    'HTTP/1.1 200 OK',
    'BITS-Packet-Type: Ack',
    'Set-Cookie: id=secret-value; HttpOnly',
    'Content-Length: 0',
    '',
    '',
  ].join('\n'));
  await page.check('#redact');
  const link = await makeLink();
  const status = await page.textContent('#share-status');
  await page.uncheck('#redact');
  const other = await browser.context.newPage();
  await other.goto(link);
  await other.waitForFunction(() => Number(document.documentElement.dataset.rendered ?? 0) > 0);
  const text = await other.inputValue('#input');
  for (const secret of ['corp.example', 'YIIGhgYJ', 'abc123', 'secret-value']) {
    assert.ok(!text.includes(secret), `${secret} is redacted`);
  }
  // The engine redacts the parsed messages: the same host is the same stand-in
  // everywhere, schemes and cookie names stay, values go.
  assert.match(text, /^Host: host-1\.invalid:8080$/m);
  assert.match(text, /^Authorization: Negotiate <redacted>$/m);
  assert.match(text, /^Cookie: session=<redacted>; theme=<redacted>$/m);
  assert.match(text, /^Set-Cookie: id=<redacted>; HttpOnly$/m);
  assert.match(text, /^BITS_POST http:\/\/host-1\.invalid:8080\/upload\/a\.txt HTTP\/1\.1$/m);
  assert.match(status, /redacted: 1 Authorization value, 3 cookies, 1 host name\)/);
  assert.deepEqual((await summary(other)).kinds, ['ping', 'ack-ping']);
  // Pasted input stays pasted input: line endings not judged.
  assert.match(await other.textContent('#input-note'), /Pasted text/);
  await other.close();
});

test('past the size cap the page says so instead of making a link', async () => {
  // Random bytes do not compress: 12 KB of them cannot fit in 8 KB of fragment.
  const noise = randomBytes(12 * 1024).toString('base64');
  await paste(page, `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nX-Noise: ${noise}\nContent-Length: 0\n\n`);
  await page.click('#share');
  await page.waitForFunction(() => /Too large/.test(document.getElementById('share-status').textContent));
  assert.match(await page.textContent('#share-status'), /limit is 8\.0 KB/);
  assert.equal(await page.isHidden('#share-out'), true);
});

test('a damaged or newer link is refused with a clear message', async () => {
  const other = await browser.context.newPage();
  await other.goto(`${BASE}#v1=not-really-deflate`);
  await other.waitForFunction(() => /damaged/.test(document.getElementById('share-status').textContent));
  await other.goto('about:blank');
  await other.goto(`${BASE}#v9=abc`);
  await other.waitForFunction(() => /newer version/.test(document.getElementById('share-status').textContent));
  await other.close();
});
