// Hostile input stays inert: header names and values, URLs, bodies, file names and lookup
// queries full of markup and javascript: links are shown as text and run nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rendered, summary, paste, markedText, assertInert, browserForFile } from './helpers.mjs';

let browser;
let page;

const BODY = `<script>window.__pwned='body'</script><img src=/pwned-body onerror="window.__pwned='img'">`;
const HOSTILE = [
  `BITS_POST /<script>window.__pwned='target'</script>?q="><img src=/pwned-target onerror=alert(1)> HTTP/1.1`,
  `BITS-Packet-Type: <img src=/pwned-type onerror="window.__pwned='type'">`,
  `X-Link: javascript:window.__pwned='js'`,
  `Content-Name: "><svg onload="window.__pwned='svg'"><a href="javascript:alert(1)">x</a>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>">: x`,
  `X-Style: <style>body{display:none}</style><link rel=stylesheet href=/pwned.css>`,
  `Referer: https://evil.example/<script src=https://evil.example/x.js></script>`,
  `Content-Length: ${BODY.length}`,
  '',
  BODY,
  `HTTP/1.1 200 <b onmouseover="window.__pwned='status'">OK</b>`,
  'BITS-Packet-Type: Ack',
  `BITS-Reply-URL: javascript:alert(document.domain)`,
  `BITS-Error-Code: <img src=/pwned-code onerror=alert(1)>`,
  'Content-Length: 0',
  '',
  '',
].join('\n');

browserForFile((opened) => {
  [browser, page] = [opened, opened.page];
});

test('a paste full of markup and javascript: links is shown as text and runs nothing', async () => {
  const requestsBefore = browser.requests.length;
  await paste(page, HOSTILE);
  const s = await summary(page);
  assert.ok(s.kinds.length >= 2, s.kinds.join(','));
  const raw = await page.textContent('#raw');
  assert.ok(raw.includes(BODY), 'the body is shown verbatim');
  assert.ok(raw.includes(`<iframe srcdoc=`));
  const values = await page.$$eval('.hvalue', (els) => els.map((e) => e.textContent));
  assert.ok(values.includes(`javascript:window.__pwned='js'`));
  assert.ok(values.includes(`<img src=/pwned-code onerror=alert(1)>`));

  // Click every finding and every header, hover the raw text: still nothing runs.
  for (const head of await page.$$('#findings .finding-head')) await head.click();
  for (const name of await page.$$('#messages button.hname')) await name.click();
  assert.ok((await markedText(page)).length > 0);
  for (const seg of (await page.$$('#raw .seg')).slice(0, 12)) await seg.hover();
  await page.check('#show-ws');
  await page.uncheck('#show-ws');
  await assertInert(page, browser, requestsBefore);
});

test('hostile file names, lookup queries and share links stay inert too', async () => {
  const requestsBefore = browser.requests.length;
  const name = `<img src=/pwned-name onerror="window.__pwned='name'">.http`;
  const dataTransfer = await page.evaluateHandle(({ name, text }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name));
    return dt;
  }, { name, text: HOSTILE.replace(/\n/g, '\r\n') });
  await rendered(page, () => page.dispatchEvent('body', 'drop', { dataTransfer }));
  assert.ok((await page.textContent('#input-note')).includes(name));

  await page.fill('#lookup-input', `<img src=/pwned-lookup onerror="window.__pwned='lookup'">`);
  await page.press('#lookup-input', 'Enter');
  await page.waitForFunction(() => /Nothing known as/.test(document.getElementById('lookup-result').textContent));
  await page.keyboard.press('Escape');
  await assertInert(page, browser, requestsBefore);

  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-url').value !== '');
  const link = await page.inputValue('#share-url');
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForFunction(() => Number(document.documentElement.dataset.rendered ?? 0) > 0);
  const afterLink = browser.requests.length;
  assert.ok((await page.textContent('#raw')).includes(BODY));
  await assertInert(page, browser, afterLink);
});
