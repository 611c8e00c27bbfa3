// A benchmark figure, not an assertion on time: from paste to rendered findings, for the
// 4.2 capture and for a 1,000-message upload, in headless Chromium. Printed as test
// diagnostics and written to artifacts/bench.txt.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, openPage, fixture, ROOT, assertOnlyOwnOrigin, launchOpen } from './helpers.mjs';

let browser;
let page;
const lines = [];

before(async () => {
  browser = await launchOpen();
  page = browser.page;
});

after(async () => {
  assertOnlyOwnOrigin(browser.requests);
  await browser.close();
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await writeFile(path.join(ROOT, 'artifacts/bench.txt'), `${lines.join('\n')}\n`);
});

/** A whole upload of `n` messages: Create-Session, fragments and their Acks, Close-Session. */
function bigUpload(messages) {
  const sid = '{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}';
  const proto = '{7df0354d-249b-430f-820d-3d2a9bef4931}';
  const fragments = (messages - 4) / 2;
  const size = 64;
  const total = fragments * size;
  const out = [
    `BITS_POST /upload/big.bin HTTP/1.1\r\nBITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: ${proto}\r\nHost: server\r\nContent-Length: 0\r\n\r\n`,
    `HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: ${proto}\r\nBITS-Session-Id: ${sid}\r\nAccept-Encoding: identity\r\nContent-Length: 0\r\n\r\n`,
  ];
  const body = 'x'.repeat(size - 2) + '\r\n';
  for (let i = 0; i < fragments; i++) {
    const first = i * size;
    out.push(`BITS_POST /upload/big.bin HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: ${sid}\r\nContent-Range: bytes ${first}-${first + size - 1}/${total}\r\nHost: server\r\nContent-Length: ${size}\r\n\r\n${body}`);
    out.push(`HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: ${sid}\r\nBITS-Received-Content-Range: ${first + size}\r\nContent-Length: 0\r\n\r\n`);
  }
  out.push(`BITS_POST /upload/big.bin HTTP/1.1\r\nBITS-Packet-Type: Close-Session\r\nBITS-Session-Id: ${sid}\r\nHost: server\r\nContent-Length: 0\r\n\r\n`);
  out.push(`HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: ${sid}\r\nContent-Length: 0\r\n\r\n`);
  return out.join('');
}

/**
 * Sets the paste box's text and fires the input event a paste fires (a paste is inspected
 * at once; typing waits for a pause), then waits for the page to render and for two frames,
 * so layout and paint are counted. Returns one timing per run.
 */
async function pasteToFindings(text, runs = 5) {
  const results = await page.evaluate(async ({ text, runs }) => {
    const box = document.getElementById('input');
    const out = [];
    for (let i = 0; i < runs; i++) {
      box.value = '';
      const done = new Promise((resolve) => document.addEventListener('bits:rendered', (e) => resolve(e.detail), { once: true }));
      const t0 = performance.now();
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      const detail = await done;
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const t2 = performance.now();
      out.push({ rendered: t1 - t0, painted: t2 - t0, ...detail, findingsShown: document.querySelectorAll('#findings .finding').length });
    }
    return out;
  }, { text, runs });
  return results;
}

function report(name, results, bytes) {
  const best = (k) => Math.min(...results.map((r) => r[k]));
  const median = (k) => [...results.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const r = results[0];
  const line = `${name}: ${r.messages} messages, ${bytes.toLocaleString('en-US')} bytes, ${r.findings} finding${r.findings === 1 ? '' : 's'}: ` +
    `paste to painted findings ${median('painted').toFixed(0)} ms median (best ${best('painted').toFixed(0)} ms): ` +
    `inspect in wasm ${median('inspectMs').toFixed(1)} ms, building the DOM ${median('renderMs').toFixed(1)} ms, the rest layout and paint`;
  lines.push(line);
  return line;
}

test('paste to rendered findings: the 4.2 capture', async (t) => {
  const text = (await fixture('mc-bup-4.2-upload-reply.http')).toString('latin1');
  const results = await pasteToFindings(text);
  assert.equal(results[0].messages, 12);
  t.diagnostic(report('4.2 capture', results, text.length));
});

test('paste to rendered findings: a 1,000-message upload', async (t) => {
  const text = bigUpload(1000);
  const results = await pasteToFindings(text, 3);
  assert.equal(results[0].messages, 1000);
  assert.ok(results[0].findingsShown > 0);
  t.diagnostic(report('1,000 messages', results, text.length));
});
