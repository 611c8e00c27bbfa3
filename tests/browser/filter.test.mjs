// Finding your way in a big report: the findings by rule with counts (Expert Info), filters
// by severity, rule and message, and a search; the worker does the matching, so they work on
// tens of thousands of findings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, rendered } from './helpers.mjs';

let page;
browserForFile((opened) => {
  page = opened.page;
});

const status = () => page.textContent('#filter-status');
const drawn = () => page.$$eval('#findings .finding', (fs) => fs.map((f) => ({ rule: f.dataset.rule, severity: f.dataset.severity })));

/** Runs `action` (a change of the filters), then waits for the filtered list and checks its status. */
async function filtered(action, pattern) {
  const before = await page.$eval('#filter-status', (s) => Number(s.dataset.applied ?? 0));
  await action();
  await page.waitForFunction((n) => Number(document.getElementById('filter-status').dataset.applied ?? 0) > n, before);
  assert.match(await status(), pattern);
}

test('a report of 3,000 Pings without Content-Length: grouped, filtered and searched', async () => {
  // Each Ping without Content-Length is an error; each Ack without one is an error too.
  const n = 3000;
  const text = Array.from({ length: n }, (_, i) => `BITS_POST /u${i} HTTP/1.1\nBITS-Packet-Type: Ping\n\nHTTP/1.1 200 OK\nBITS-Packet-Type: Ack\n${i % 10 === 0 ? 'BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\n' : ''}Content-Length: 0\n\n`).join('');
  await rendered(page, () => page.evaluate((t) => {
    const box = document.getElementById('input');
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }, text));
  assert.match(await status(), /^All /);

  // By rule, with counts: 3,000 request-content-length-missing errors, 300 notes on the Acks.
  const groups = await page.$$eval('#rule-groups tbody tr', (rows) => rows.map((r) => [r.dataset.rule, r.querySelector('.count').textContent]));
  assert.deepEqual(groups.find(([rule]) => rule === 'request-content-length-missing'), ['request-content-length-missing', '3,000']);
  assert.deepEqual(groups.find(([rule]) => rule === 'ack-ping-unexpected-header'), ['ack-ping-unexpected-header', '300']);

  // Notes only.
  await filtered(() => page.uncheck('#findings-filter input[value="error"]'), /^Showing [\d,]+ of/);
  await filtered(() => page.uncheck('#findings-filter input[value="warning"]'), /^Showing [\d,]+ of/);
  let shown = await drawn();
  assert.ok(shown.length > 0 && shown.every((f) => f.severity === 'note'), JSON.stringify(shown.slice(0, 3)));
  // This report has no warnings: errors and notes are all of it.
  await filtered(() => page.check('#findings-filter input[value="error"]'), /^All /);
  await filtered(() => page.check('#findings-filter input[value="warning"]'), /^All /);

  // One rule, picked in the By-rule table.
  await filtered(() => page.click('#rule-groups tr[data-rule="ack-ping-unexpected-header"] button'), /^Showing 300 of/);
  assert.equal(await page.inputValue('#filter-rule'), 'ack-ping-unexpected-header');
  shown = await drawn();
  assert.ok(shown.every((f) => f.rule === 'ack-ping-unexpected-header'));

  // One message.
  await filtered(() => page.selectOption('#filter-rule', ''), /^All /);
  await filtered(() => page.fill('#filter-message', '21'), /^Showing 1 of/);
  assert.deepEqual((await drawn()).map((f) => f.rule), ['ack-ping-unexpected-header']);

  // A search, over summaries and message names.
  await filtered(() => page.fill('#filter-message', ''), /^All /);
  await filtered(() => page.fill('#filter-text', '#4 Ping'), /^Showing 1 of/);
  assert.deepEqual((await drawn()).map((f) => f.rule), ['request-content-length-missing']);
  // The same search lists the header lines that hold the words, each a way to its message.
  await filtered(() => page.fill('#filter-text', 'bits-session-id: {a0ff5911'), /^Showing 0 of/);
  const hits = await page.$$eval('#header-hits li', (lis) => lis.map((li) => li.textContent));
  assert.equal(hits.length, 100, 'the first 100 of 300');
  assert.match(hits[0], /^#1 BITS-Session-Id: \{A0FF5911/);
  assert.match(await page.textContent('#header-hits'), /The first 100 holding/);
  await page.click('#header-hits li:nth-child(2) button');
  await page.waitForSelector('#row-m21-h1.selected');
  await filtered(() => page.fill('#filter-text', 'no such words anywhere'), /^Showing 0 of/);
  assert.match(await page.textContent('#header-hits'), /No header holds/);
  assert.equal((await drawn()).length, 0);
  await filtered(() => page.fill('#filter-text', ''), /^All /);
});
