// Capture files: a pcapng of a multi-fragment BITS upload on a non-standard port and a HAR,
// dropped on the page, are found, decoded conversation by conversation and checked; every
// message shows its frame numbers, its connection and its capture time. A file in a format
// the engine does not know, or a capture broken part way, says what was understood.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { summary, fixture, dropFile, markedText, ROOT, browserForFile } from './helpers.mjs';

let browser;
let page;

browserForFile((opened) => {
  [browser, page] = [opened, opened.page];
});

const UPLOAD = [
  'create-session', 'ack-create-session',
  'fragment', 'ack-fragment', 'fragment', 'ack-fragment', 'fragment', 'ack-fragment',
  'close-session', 'ack-close-session',
];

/** Frame numbers, connection and time of every message card, in message order. */
function origins() {
  return page.evaluate(() => [...document.querySelectorAll('#messages details.msg')]
    .sort((a, b) => a.dataset.index - b.dataset.index)
    .map((d) => {
      const o = d.querySelector('summary .origin');
      return o && {
        first: Number(o.dataset.firstFrame), last: Number(o.dataset.lastFrame),
        frames: o.querySelector('.frames').textContent, conn: o.querySelector('.conn').textContent,
        time: o.querySelector('.when')?.textContent ?? null,
      };
    }));
}

test('a dropped pcapng of a multi-fragment upload on port 8123: the whole conversation, checked, with frame numbers', async () => {
  await dropFile(page, 'body', 'bits-upload-port-8123.pcapng', await fixture('captures/bits-upload-port-8123.pcapng'));
  const s = await summary(page);
  assert.deepEqual(s.kinds, UPLOAD, s.verdict);
  assert.equal(s.errors, 0, s.verdict);
  assert.match(s.verdict, /a pcapng capture/);
  assert.match(s.verdict, /6,696 bytes from file/);
  const o = await origins();
  // Wireshark's numbering: the Create-Session came in frames 4-8, its Ack in 9-13.
  assert.deepEqual([o[0].first, o[0].last], [4, 8]);
  assert.equal(o[0].frames, 'frames 4–8');
  assert.deepEqual([o[1].first, o[1].last], [9, 13]);
  assert.deepEqual([o[9].first, o[9].last], [43, 45]);
  for (let i = 1; i < o.length; i++) assert.ok(o[i].first > o[i - 1].last, `message ${i} comes after message ${i - 1}`);
  assert.equal(o[0].conn, '10.0.0.1:49152 → 10.0.0.2:8123');
  assert.equal(o[1].conn, '10.0.0.2:8123 → 10.0.0.1:49152');
  // Capture time in the browser's zone, ISO-like, to the millisecond.
  assert.match(o[0].time, /^2024-06-01 \d\d:00:00\.003 [+−]\d\d:\d\d$/);
  // The capture summary and the conversation.
  const capture = await page.textContent('#capture');
  assert.match(capture, /pcapng capture/);
  assert.match(capture, /Frames read48/);
  assert.match(capture, /10\.0\.0\.1:49152 → 10\.0\.0\.2:8123/);
  assert.doesNotMatch(capture, /stopped/i);
  const conv = await page.textContent('#conversation');
  assert.match(conv, /Ended byclose-session/);
  assert.equal(await page.locator('#conversation .fragments tbody tr').count(), 3);
  assert.match(await page.textContent('#conversation .sequence'), /frames 4–8/);
  // The raw view shows the transcript, and a header still lights up its bytes.
  assert.match(await page.textContent('#raw'), /^BITS_POST \/upload\/2000mb-rfc2119\.txt HTTP\/1\.1\r\n/);
  await page.click('#row-m0-sl button.locate');
  assert.equal(await markedText(page), 'BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1');
  assert.match(await page.textContent('#input-note'), /a pcapng capture/);
  assert.equal(await page.inputValue('#input'), '', 'binary capture bytes are not put in the paste box');
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'artifacts/pcapng-capture.png'), fullPage: true });
});

test('a dropped HAR: every entry decoded as a request and its response, checked, with times', async () => {
  await dropFile(page, '#findings-card', 'bits-upload.har', await fixture('captures/bits-upload.har'));
  const s = await summary(page);
  assert.deepEqual(s.kinds.slice(0, 10), UPLOAD, s.verdict);
  assert.equal(s.kinds.length, 12);
  assert.equal(s.errors, 0, s.verdict);
  assert.match(s.verdict, /a har capture/);
  const o = await origins();
  assert.ok(o.every((x) => x && x.time), 'every message has its time');
  assert.match(o[0].time, /^2024-06-01 \d\d:00:00\.000 /);
  assert.match(o[2].time, /^2024-06-01 \d\d:00:01\.100 /);
  assert.match(await page.textContent('#capture'), /HAR capture/);
});

test('a capture broken part way shows what was read and where it stopped', async () => {
  const whole = await fixture('captures/bits-upload-port-8123.pcapng');
  // Cut inside the Close-Session's frames: everything before it is still decoded.
  const cut = whole.subarray(0, Math.floor(whole.length * 0.8));
  await dropFile(page, 'body', 'cut.pcapng', cut);
  const stopped = await page.textContent('#capture .stopped');
  assert.match(stopped, /Reading stopped part way/);
  assert.match(stopped, /Everything read before it is kept/);
  const s = await summary(page);
  assert.deepEqual(s.kinds.slice(0, 4), UPLOAD.slice(0, 4), 'what came before the break is kept');
});

test('a file in a format the engine does not know says so', async () => {
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + 13) & 0xff;
  await dropFile(page, 'body', 'mystery.bin', noise);
  // The verdict names it, once (no second alert beside it).
  assert.match(await page.textContent('#verdict'), /Not HTTP traffic: the input looks like binary data of a format the inspector does not read/);
  assert.doesNotMatch(await page.textContent('#capture'), /Not a format the inspector knows/);
  const s = await summary(page);
  assert.deepEqual(s.rules, ['input-not-http']);
  assert.deepEqual(s.kinds, []);
});
