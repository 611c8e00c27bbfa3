// How a report reaches the screen: a large one shows its findings before anything below
// them is drawn, and then the rest; a long paste goes to the worker in pieces and comes back
// whole, a character cut between two pieces included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserForFile, uploadText, watchLongTasks, pasteAndTime, markedText } from './helpers.mjs';

let browser;
let page;

browserForFile(async (opened) => {
  [browser, page] = [opened, opened.page];
  await page.evaluate(watchLongTasks);
});

test('a large report shows its findings first, then the conversation and the message list', async () => {
  await page.evaluate(uploadText, 200);
  await page.evaluate(() => {
    const look = () => ({
      findings: document.querySelectorAll('#findings .finding').length,
      conversationShown: !document.getElementById('conversation-card').hidden,
      sequenceEntries: document.querySelectorAll('#conversation .sequence li').length,
      messagesShown: !document.getElementById('messages-card').hidden,
      cards: document.querySelectorAll('#messages details.msg').length,
    });
    window.__seen = {};
    // What the next frame paints: the findings, and nothing below them yet.
    document.addEventListener('bits:findings-drawn', () => requestAnimationFrame(() => { window.__seen.first = look(); }), { once: true });
    document.addEventListener('bits:rendered', () => { window.__seen.last = look(); }, { once: true });
  });
  await page.evaluate(pasteAndTime);
  const seen = await page.evaluate(() => window.__seen);
  assert.ok(seen.first, 'the page said when the findings were drawn');
  assert.deepEqual(seen.first, { findings: 1, conversationShown: false, sequenceEntries: 0, messagesShown: false, cards: 0 }, 'the frame that paints the findings has nothing below them');
  assert.equal(seen.last.findings, 1);
  assert.ok(seen.last.conversationShown && seen.last.messagesShown, 'the conversation and the message list come after');
  assert.equal(seen.last.sequenceEntries, 100, 'the whole sequence is drawn (in parts)');
  assert.ok(seen.last.cards > 0);
  await page.evaluate(() => { delete window.__pasteText; });
});

test('a paste long enough to go in pieces arrives whole, a character cut between two pieces included', async () => {
  // A body pads the text so that the emoji of the second message's header starts one code
  // unit before 2**21, where the page cuts the text (its two halves go in two pieces).
  const result = await page.evaluate(() => {
    const cut = 2 ** 21;
    const head = (n) => `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: ${n}\n\n`;
    const second = 'BITS_POST /v HTTP/1.1\nBITS-Packet-Type: Ping\nX-Mood: ';
    let n = cut - 1 - second.length - head(0).length;
    n -= head(n).length - head(0).length;
    window.__pasteText = `${head(n)}${'x'.repeat(n)}${second}\u{1F600}\nContent-Length: 0\n\n`;
    return { at: window.__pasteText.indexOf('\u{1F600}'), cut };
  });
  assert.equal(result.at, result.cut - 1, 'the emoji straddles the cut');
  const pasted = await page.evaluate(pasteAndTime);
  await page.evaluate(() => { delete window.__pasteText; });
  assert.equal(pasted.messages, 2);
  assert.match(await page.textContent('#input-note'), /too large to keep in the paste box/);
  assert.equal(await page.textContent('#row-m1-h1 .hvalue'), '\u{1F600}');
  await page.click('#row-m1-h1 button.hname');
  await page.waitForFunction(() => document.querySelector('#raw mark') != null);
  assert.equal(await markedText(page), 'X-Mood: \u{1F600}');
});
