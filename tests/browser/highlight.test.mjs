// Pointing at the bytes: a finding or a decoded header lights up its exact span in the raw
// view, hovering the raw text lights up the decoded row, non-ASCII text keeps its offsets,
// and the whitespace switch shows CR, LF and tabs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { rendered, summary, paste, markedText, ROOT, browserForFile } from './helpers.mjs';

let browser;
let page;

browserForFile((opened) => {
  [browser, page] = [opened, opened.page];
});

test('clicking a finding highlights its exact span and scrolls to it', async () => {
  await rendered(page, () => page.click('button[data-file="ack-create-session-protocol-on-403.http"]'));
  const finding = page.locator('#findings .finding[data-rule="ack-create-session-protocol-on-failure"] .finding-head');
  await finding.click();
  assert.equal(await markedText(page), 'BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}');
  assert.match(await page.textContent('#highlight-status'), /line 14, column 1 to column 54/);
  // The decoded row of that header is selected too.
  assert.match(await page.getAttribute('#row-m1-h2', 'class'), /\bselected\b/);
  // The mark is inside the visible part of the raw pane.
  const visible = await page.evaluate(() => {
    const pre = document.getElementById('raw').getBoundingClientRect();
    const mark = document.querySelector('#raw mark').getBoundingClientRect();
    return mark.top >= pre.top && mark.bottom <= pre.bottom;
  });
  assert.ok(visible, 'the highlighted bytes are scrolled into view');

  // Save the screenshot artifact of a broken example (artifacts/ is gitignored).
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'artifacts/broken-example-403.png'), fullPage: true });
});

test('a finding far down a large capture is scrolled into view', async () => {
  await rendered(page, () => page.click('button[data-file="mc-bup-4.2-upload-reply.http"]'));
  const head = page.locator('#findings .finding[data-rule="ack-session-id-missing"] .finding-head').last();
  await head.click();
  const { inView, text } = await page.evaluate(() => {
    const pre = document.getElementById('raw');
    const box = pre.getBoundingClientRect();
    const mark = document.querySelector('#raw mark');
    const r = mark.getBoundingClientRect();
    return { inView: r.top >= box.top && r.bottom <= box.bottom && pre.scrollTop > 0, text: mark.dataset.text };
  });
  assert.ok(inView);
  assert.equal(text, 'HTTP/1.1 200 OK');
});

test('clicking a decoded header highlights its line; hovering raw text lights up the row', async () => {
  await rendered(page, () => page.click('button[data-file="mc-bup-4.1-upload.http"]'));
  await page.click('#row-m1-h5 button.hname');
  assert.equal(await markedText(page), 'BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}');
  await page.click('#row-m0-sl button.locate');
  assert.equal(await markedText(page), 'BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1');

  await page.hover('#raw [data-row="m2-h3"]');
  assert.match(await page.getAttribute('#row-m2-h3', 'class'), /hovered/);
  await page.hover('#raw [data-row="m3-sl"]');
  assert.doesNotMatch(await page.getAttribute('#row-m2-h3', 'class'), /hovered/);
  assert.match(await page.getAttribute('#row-m3-sl', 'class'), /hovered/);
});

test('non-ASCII text: spans are UTF-16 offsets, so highlights land on the right characters', async () => {
  const text = [
    'BITS_POST /upload/r\u00e9sum\u00e9-\u{1F4C4}.txt HTTP/1.1',
    'BITS-Packet-Type: Create-Session',
    'BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}',
    'Content-Name: \u00fcbersicht-\u65e5\u672c-\u{1F600}.txt',
    'Content-Length: 0',
    '',
    'HTTP/1.1 200 OK',
    'BITS-Packet-Type: Ack',
    'BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}',
    'BITS-Session-Id: {11111111-2222-3333-4444-555555555555}',
    'X-Note: caf\u00e9 \u{1F375}',
    'Content-Length: 0',
    'Accept-Encoding: identity',
    '',
    '',
  ].join('\n');
  await paste(page, text);
  const s = await summary(page);
  assert.deepEqual(s.kinds, ['create-session', 'ack-create-session']);
  await page.click('#row-m0-h2 button.hname');
  assert.equal(await markedText(page), 'Content-Name: \u00fcbersicht-\u65e5\u672c-\u{1F600}.txt');
  // Columns count characters: the emoji is two UTF-16 units but one column.
  assert.match(await page.textContent('#highlight-status'), /line 4, column 1 to column 33/);
  await page.click('#row-m1-h4 button.hname');
  assert.equal(await markedText(page), 'Content-Length: 0');
  await page.click('#row-m1-h3 button.hname');
  assert.equal(await markedText(page), 'X-Note: caf\u00e9 \u{1F375}');
  // The line/column of the status line counts characters.
  await page.click('#row-m1-sl button.locate');
  assert.match(await page.textContent('#highlight-status'), /line 7, column 1 to column 16/);
});

test('the whitespace switch shows CR, LF and tabs', async () => {
  await rendered(page, () => page.click('button[data-file="mc-bup-4.1-upload.http"]'));
  assert.equal(await page.locator('#raw .ws').count(), 0);
  await page.check('#show-ws');
  assert.ok((await page.locator('#raw .ws-cr').count()) > 50);
  assert.ok((await page.locator('#raw .ws-lf').count()) > 50);
  await paste(page, 'BITS_POST /u HTTP/1.1\nX-Tab:\tvalue\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n');
  assert.equal(await page.locator('#raw .ws-cr').count(), 0, 'a paste has no CR');
  assert.equal(await page.locator('#raw .ws-tab').count(), 1);
  await page.click('#row-m0-h0 button.hname');
  assert.equal(await markedText(page), 'X-Tab:\tvalue', 'highlights work with the switch on');
  await page.uncheck('#show-ws');
  assert.equal(await page.locator('#raw .ws').count(), 0);
});
