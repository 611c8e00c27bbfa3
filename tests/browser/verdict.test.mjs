// An honest verdict on the page: HTTP without BITS is "No BITS traffic found", input that is
// not HTTP says what it looks like, and a binary file claims no line endings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, paste, summary, dropFile } from './helpers.mjs';

let page;
browserForFile((browser) => {
  page = browser.page;
});

const verdict = () => page.evaluate(() => {
  const v = document.getElementById('verdict');
  return { text: v.textContent, content: v.dataset.content, level: v.dataset.level };
});

test('plain web traffic is never "All well"', async () => {
  await paste(page, 'GET /index.html HTTP/1.1\nHost: www.example.com\n\nHTTP/1.1 200 OK\nContent-Length: 0\n\n');
  const v = await verdict();
  assert.equal(v.content, 'http-without-bits');
  assert.match(v.text, /No BITS traffic found: 2 messages decoded/);
  assert.doesNotMatch(v.text, /All well/);
  assert.ok((await summary(page)).rules.includes('input-no-bits'));
});

test('pasted JSON is named, not counted as an error in 0 messages', async () => {
  await paste(page, '{"jobs": [{"id": 1, "state": "ERROR"}]}');
  const v = await verdict();
  assert.equal(v.content, 'not-http');
  assert.match(v.text, /Not HTTP traffic: the input looks like JSON/);
  assert.doesNotMatch(v.text, /in 0 messages/);
  assert.equal((await summary(page)).errors, 0);
});

test('a binary file says what it looks like and claims no line endings', async () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x00, 0x42]);
  await dropFile(page, '#input', 'session.saz', zip);
  const v = await verdict();
  assert.equal(v.content, 'not-http');
  assert.match(v.text, /ZIP archive/);
  assert.doesNotMatch(v.text, /line endings checked/);
});

test('backticks in explanations and help are shown as code, not as backticks', async () => {
  // The engine writes `...` around header lines and values; the page shows them as <code>.
  await paste(page, 'BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\nHTTP/1.1 500 Internal Server Error\nBITS-Error-Code: 0x8020001F\nBITS-Error-Context: 0x5\nContent-Length: 0\n\n');
  const texts = await page.evaluate(() => [...document.querySelectorAll('#findings .finding .explanation, #findings .finding .summary, #findings .finding .finding-title')]
    .map((el) => ({ text: el.textContent, code: el.querySelectorAll('code').length })));
  assert.ok(texts.length > 0);
  for (const t of texts) assert.ok(!t.text.includes('`'), `a literal backtick in: ${t.text}`);
  assert.ok(texts.some((t) => t.code > 0), 'some parts are shown as code');
});
