// A paste of 100,000 messages (20 MB of text): the page keeps it out of the paste box, the
// worker keeps the report, and the page shows the right counts, stays responsive, and
// draws the end of the message list from rows it asks the worker for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, uploadText, watchLongTasks, pasteAndTime, markedText } from './helpers.mjs';

/**
 * The page aims at 50 ms, and meets it once warm; this is the first paste of a fresh page
 * (code not yet optimised, fonts not yet looked up) on a 2-core machine shared with other
 * work, where a task of 10 ms of main-thread time was seen to take 60-75 ms: room for twice
 * that. (A task this page splits no further is the paste itself, 20 MB read off the
 * clipboard.)
 */
const LONGEST_TASK_MS = 150;
const MESSAGES = 100_000;

let browser;
let page;

browserForFile(async (opened) => {
  [browser, page] = [opened, opened.page];
  await page.evaluate(watchLongTasks);
});

test('a paste of 100,000 messages: right counts, a responsive page, the last message from the worker', async (t) => {
  await page.evaluate(uploadText, MESSAGES);
  const pasting = page.evaluate(pasteAndTime);
  // While the worker inspects, the page answers a click at once.
  await page.waitForFunction(() => 'busy' in document.documentElement.dataset);
  await page.click('#theme-toggle');
  assert.equal(await page.evaluate(() => 'busy' in document.documentElement.dataset), true, 'the click was answered while the worker was still busy');
  await page.click('#theme-toggle'); // back to following the system
  const result = await pasting;
  await page.evaluate(() => { delete window.__pasteText; });
  t.diagnostic(`longest main-thread task from paste to painted report: ${result.longest.toFixed(0)} ms`);
  assert.ok(result.longest < LONGEST_TASK_MS, `the longest main-thread task from paste to painted report took ${result.longest.toFixed(0)} ms (at most ${LONGEST_TASK_MS} ms)`);

  // Counts: every message, and the one finding a paste has (line endings not checked).
  assert.equal(result.messages, MESSAGES);
  const verdict = await page.evaluate(() => {
    const v = document.getElementById('verdict');
    return { errors: v.dataset.errors, warnings: v.dataset.warnings, notes: v.dataset.notes, text: v.textContent };
  });
  assert.deepEqual([verdict.errors, verdict.warnings, verdict.notes], ['0', '0', '1'], verdict.text);
  assert.match(verdict.text, /in 100,000 messages/);
  assert.deepEqual(await page.$$eval('#findings .finding', (els) => els.map((e) => e.dataset.rule)), ['input-line-endings-unchecked']);
  // The text is not in the paste box; the note says where it is.
  assert.equal(await page.inputValue('#input'), '');
  assert.match(await page.textContent('#input-note'), /Pasted 20,\d{3},\d{3} characters: too large to keep in the paste box/);
  // Only what is on screen is drawn.
  const drawn = await page.evaluate(() => document.querySelectorAll('#messages details.msg').length);
  assert.ok(drawn > 0 && drawn < 200, `${drawn} message cards drawn of ${MESSAGES}`);

  // The end of the list: the page asks the worker for the last rows and draws them.
  await page.focus('#messages .vviewport');
  await page.keyboard.press('End');
  const last = MESSAGES - 1;
  await page.waitForFunction((i) => document.getElementById(`msg-${i}`) != null, last);
  const pair = await page.evaluate((i) => [...document.getElementById(`msg-${i}`).parentElement.children].map((d) => [d.id, d.dataset.kind]), last);
  assert.deepEqual(pair, [[`msg-${last - 1}`, 'close-session'], [`msg-${last}`, 'ack-close-session']]);
  assert.match(await page.textContent(`#msg-${last} summary`), new RegExp(`#${last}\\s+Ack for Close-Session`));
  await page.click(`#msg-${last - 1} summary`);
  assert.equal(await page.textContent(`#row-m${last - 1}-h1 .hvalue`), '{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}');
  // Its bytes, fetched from the worker's text, light up in the raw view.
  await page.click(`#row-m${last - 1}-h1 button.hname`);
  await page.waitForFunction(() => document.querySelector('#raw mark') != null);
  assert.equal(await markedText(page), 'BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}');
  assert.match(await page.textContent('#raw-caption'), new RegExp(`showing message #${last - 1} only`));
});
