// A body's bytes in hexadecimal, on demand: binary bodies show as U+FFFD in the raw view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, dropFile } from './helpers.mjs';

let page;
browserForFile((opened) => {
  page = opened.page;
});

test('a binary fragment body is shown as hex, offsets and ASCII, when asked', async () => {
  const body = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x41, 0x42, 0x43, 0x0a, 0x7f, 0x80, 0x20, 0x7e, 0x01, 0x02, 0x03]);
  const head = Buffer.from([
    'BITS_POST /upload/a.zip HTTP/1.1', 'BITS-Packet-Type: Fragment', 'BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}',
    `Content-Range: bytes 0-${body.length - 1}/${body.length}`, `Content-Length: ${body.length}`, '', '',
  ].join('\r\n'));
  await dropFile(page, '#input', 'fragment.http', Buffer.concat([head, body]));
  const card = page.locator('#messages details.msg[data-index="0"]');
  if (!(await card.evaluate((d) => d.open))) await card.locator('summary').click();
  const button = card.locator('.hex-view button');
  assert.equal(await button.textContent(), 'Show as hex');
  await button.click();
  const dump = card.locator('pre.hex');
  await dump.waitFor({ state: 'visible' });
  const lines = (await dump.textContent()).split('\n');
  assert.equal(lines[0], '00000000  50 4b 03 04 00 ff 10 41  42 43 0a 7f 80 20 7e 01  |PK.....ABC... ~.|');
  assert.equal(lines[1], '00000010  02 03                                             |..|');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await button.textContent(), 'Hide hex');
  await button.click();
  assert.equal(await dump.isHidden(), true);
});
