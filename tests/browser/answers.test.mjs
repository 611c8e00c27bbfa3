// Every answer a BITS server gives is judged as what it is, in the page as in the CLI: an
// error answer with the BITS error headers but no BITS-Packet-Type is a broken Ack (named
// so, with its error), one with no BITS header at all stays plain HTTP.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, paste, summary } from './helpers.mjs';

let page;
browserForFile((browser) => {
  page = browser.page;
});

const FRAGMENT = [
  'BITS_POST /upload/a.txt HTTP/1.1',
  'BITS-Packet-Type: Fragment',
  'BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}',
  'Content-Range: bytes 0-9/10',
  'Content-Length: 10',
  '',
  '0123456789',
].join('\n');

const labelOf = (index) => page.evaluate((i) => {
  const card = document.querySelector(`#messages details.msg[data-index="${i}"]`);
  return card.querySelector('.mlabel').textContent;
}, index);

test('an error answer without BITS-Packet-Type is shown as a broken Ack with its error', async () => {
  const answer = ['HTTP/1.1 500 Internal Server Error', 'BITS-Error-Code: 0x8020001F', 'BITS-Error-Context: 0x5', '', ''].join('\n');
  await paste(page, `${FRAGMENT}${answer}`);
  const s = await summary(page);
  assert.deepEqual(s.kinds, ['fragment', 'ack-fragment']);
  assert.ok(s.rules.includes('ack-packet-type-missing'), s.rules.join(' '));
  assert.ok(s.rules.includes('ack-content-length-missing'), s.rules.join(' '));
  assert.ok(!s.rules.includes('ack-http-level-response'));
  assert.equal(await labelOf(1), 'Ack for Fragment, without BITS-Packet-Type');
  const finding = await page.evaluate(() =>
    document.querySelector('#findings .finding[data-rule="ack-packet-type-missing"]').textContent);
  assert.match(finding, /BG_E_SESSION_NOT_FOUND/);
  assert.match(finding, /BITS-Packet-Type: Ack/);
});

test('an answer with no BITS header at all stays plain HTTP', async () => {
  const answer = ['HTTP/1.1 401 Unauthorized', 'WWW-Authenticate: Negotiate', 'Content-Length: 0', '', ''].join('\n');
  await paste(page, `${FRAGMENT}${answer}`);
  const s = await summary(page);
  assert.ok(s.rules.includes('ack-http-level-response'), s.rules.join(' '));
  assert.ok(!s.rules.includes('ack-packet-type-missing'));
  assert.equal(await labelOf(1), 'HTTP response to Fragment (not an Ack)');
});
