// Benchmark figures, not assertions on time, in headless Chromium through the wasm build:
// from paste to painted findings (the 4.2 capture, 1,000 and 100,000 messages; the findings
// on screen) and to the whole report painted, with the longest main-thread task until then, the engine's own speed in wasm on the corpora of the native
// benchmark (benches/inspect.rs), and the wasm size. Printed as test diagnostics and
// written to artifacts/bench.txt; lines starting `BENCH ` are for scripts to grep.
// The machine may be busy (timings are noisy): medians, and the best run beside them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fixture, ROOT, assertOnlyOwnOrigin, launchOpen, uploadText, watchLongTasks, pasteAndTime } from './helpers.mjs';

let browser;
let page;
const lines = [];

before(async () => {
  browser = await launchOpen();
  page = browser.page;
  await page.evaluate(watchLongTasks);
});

after(async () => {
  assertOnlyOwnOrigin(browser.requests);
  await browser.close();
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await writeFile(path.join(ROOT, 'artifacts/bench.txt'), `${lines.join('\n')}\n`);
});

function say(t, line) {
  lines.push(line);
  t.diagnostic(line);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs) => Math.min(...xs);

/**
 * Pastes `window.__pasteText` `runs` times; one result per run (see pasteAndTime). The time
 * to painted findings counts only if they were then on screen.
 */
async function pasteRuns(runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await page.evaluate(pasteAndTime));
  assert.ok(results.every((r) => r.findingsVisible), 'the findings were on screen when counted as painted');
  return results;
}

function pasteLine(name, key, results, chars) {
  const r = results[0];
  const of = (k) => results.map((x) => x[k]);
  return [
    `${name}: ${r.messages.toLocaleString('en-US')} messages, ${chars.toLocaleString('en-US')} characters, ${r.findings} finding${r.findings === 1 ? '' : 's'}: ` +
      `paste to painted findings ${median(of('painted')).toFixed(0)} ms median (best ${best(of('painted')).toFixed(0)} ms, ${results.length} runs), ` +
      `to the whole report painted ${median(of('complete')).toFixed(0)} ms median (best ${best(of('complete')).toFixed(0)} ms): ` +
      `inspect in wasm ${median(of('inspectMs')).toFixed(1)} ms, worker round trip ${median(of('workerMs')).toFixed(1)} ms, ` +
      `drawing ${median(of('drawMs')).toFixed(1)} ms (building the DOM ${median(of('renderMs')).toFixed(1)} ms); ` +
      `longest main-thread task ${median(of('longest')).toFixed(0)} ms median (worst ${Math.max(...of('longest')).toFixed(0)} ms)`,
    `BENCH ${key} median_ms=${median(of('painted')).toFixed(1)} best_ms=${best(of('painted')).toFixed(1)} ` +
      `complete_median_ms=${median(of('complete')).toFixed(1)} complete_best_ms=${best(of('complete')).toFixed(1)} ` +
      `inspect_ms=${median(of('inspectMs')).toFixed(1)} longest_main_task_ms=${Math.max(...of('longest')).toFixed(1)} runs=${results.length}`,
  ];
}

test('paste to painted findings: the 4.2 capture', async (t) => {
  const text = (await fixture('mc-bup-4.2-upload-reply.http')).toString('latin1');
  await page.evaluate((s) => { window.__pasteText = s; }, text);
  const results = await pasteRuns(5);
  assert.equal(results[0].messages, 12);
  for (const line of pasteLine('4.2 capture', 'paste-4.2', results, text.length)) say(t, line);
});

test('paste to painted findings: a 1,000-message upload', async (t) => {
  const chars = await page.evaluate(uploadText, 1000);
  const results = await pasteRuns(7);
  assert.equal(results[0].messages, 1000);
  assert.ok(results[0].findingsShown > 0);
  for (const line of pasteLine('1,000 messages', 'paste-1000', results, chars)) say(t, line);
});

test('paste to painted findings: a 100,000-message upload', async (t) => {
  const chars = await page.evaluate(uploadText, 100_000);
  const results = await pasteRuns(3);
  assert.equal(results[0].messages, 100_000);
  assert.ok(results[0].findingsShown > 0);
  for (const line of pasteLine('100,000 messages', 'paste-100000', results, chars)) say(t, line);
  // The worker's own time (encoding the text, the summary, decoding) beside the engine's
  // `new Inspection`, for the same inspections. The constructor runs the engine's
  // inspection and nothing else (the facade's work waits for the summary), so the worker's
  // `engineMs` is the engine's time plus copying the bytes into wasm memory; the parts
  // below measure the engine alone.
  const engineMs = median(results.map((r) => r.engineMs));
  const workerMs = median(results.map((r) => r.workerOwnMs));
  const painted = median(results.map((r) => r.painted));
  say(t, `100,000 messages: the worker's own time ${workerMs.toFixed(1)} ms beside the engine's ${engineMs.toFixed(1)} ms (medians of ${results.length}); findings on screen ${painted.toFixed(0)} ms`);
  say(t, `BENCH worker-vs-engine messages=${results[0].messages} engine_ms=${engineMs.toFixed(1)} worker_ms=${workerMs.toFixed(1)} ratio=${(workerMs / engineMs).toFixed(2)} findings_on_screen_ms=${painted.toFixed(1)}`);
  const parts = await page.evaluate(facadeParts, 3);
  assert.equal(parts.messages, 100_000);
  const of = (k) => median(parts.runs.map((r) => r[k]));
  // The engine's own time is part of the constructor's, and a real one (the engine ran).
  assert.ok(parts.runs.every((r) => r.engine > 0 && r.engine <= r.construct + 1), JSON.stringify(parts.runs));
  const facade = of('encode') + (of('construct') - of('engine')) + of('summary') + of('decode') + of('message');
  say(t, `100,000 messages, the worker's steps in the page (medians of ${parts.runs.length}): engine (inspect_with_text) ${of('engine').toFixed(1)} ms; ` +
    `the rest ${facade.toFixed(1)} ms: encoding the text ${of('encode').toFixed(1)} ms, new Inspection beyond the engine ${(of('construct') - of('engine')).toFixed(1)} ms, ` +
    `summary ${of('summary').toFixed(1)} ms (text checkpoints, view, DTOs), decoding the text ${of('decode').toFixed(1)} ms, first message ${of('message').toFixed(1)} ms`);
  say(t, `BENCH facade-parts messages=${parts.messages} engine_ms=${of('engine').toFixed(1)} facade_ms=${facade.toFixed(1)} ratio=${(facade / of('engine')).toFixed(2)} ` +
    `encode_ms=${of('encode').toFixed(1)} construct_ms=${of('construct').toFixed(1)} summary_ms=${of('summary').toFixed(1)} decode_ms=${of('decode').toFixed(1)} message_ms=${of('message').toFixed(1)}`);
  await page.evaluate(() => { delete window.__pasteText; });
});

/**
 * In the page (page.evaluate(facadeParts, runs)): the worker's steps for the pasted
 * `window.__pasteText` (see www/worker.js), each timed: encoding the text, `new Inspection`
 * and the engine's own part of it (its `engine_ms`: `inspect_with_text` alone), the summary
 * (the facade's checkpoints, view and DTOs), decoding the text, and the first message the
 * page draws. On the main thread, with the worker's engine build and limits.
 */
async function facadeParts(runs) {
  const engine = await import('./pkg/bits_inspector.js');
  await engine.default();
  const limits = { ...(await import('./modules/limits.js')) };
  const text = window.__pasteText;
  const out = [];
  let messages = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const bytes = new TextEncoder().encode(text);
    const t1 = performance.now();
    const inspection = new engine.Inspection(bytes, 'default', true);
    const t2 = performance.now();
    const summary = inspection.summary(limits);
    const t3 = performance.now();
    const decoded = inspection.transcript() ?? text.toWellFormed();
    const t4 = performance.now();
    inspection.message(0);
    const t5 = performance.now();
    if (decoded.length !== summary.input.length) throw new Error('the engine counted another length');
    messages = summary.messageCount;
    out.push({ encode: t1 - t0, construct: t2 - t1, engine: inspection.engine_ms, summary: t3 - t2, decode: t4 - t3, message: t5 - t4 });
    inspection.free();
  }
  return { messages, runs: out };
}

/**
 * In the page: the inputs of the native benchmark (benches/inspect.rs), byte for byte;
 * the engine's time in wasm (`inspect_counts`, the same work as the native benchmark's
 * `inspect`, timed in the page), and the time of the worker's inspection with the report it
 * hands to the page (its `inspectMs`), each best of `runs`, in a worker of its own so the
 * page's report is untouched.
 */
async function wasmSpeed(corpus, copies, runs = 3) {
  const capture = (await fixture('mc-bup-4.1-upload.http')).toString('latin1');
  return page.evaluate(async ({ corpus, copies, runs, capture }) => {
    const parts = [];
    if (corpus === 'uploads') {
      // uploads(copies): the [MC-BUP] 4.1 upload with a fresh session id per copy.
      for (let i = 0; i < copies; i++) {
        parts.push(capture.replaceAll('{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}', `{A0FF5911-4144-45B3-BF27-${i.toString(16).toUpperCase().padStart(12, '0')}}`));
      }
    } else {
      // small_messages(copies): Create-Session, Ping and Cancel-Session exchanges, no body.
      for (let i = 0; i < copies; i++) {
        const id = `{C85B4E0A-9EB9-4114-BFA4-${i.toString(16).toUpperCase().padStart(12, '0')}}`;
        parts.push(
          `BITS_POST /upload/file${i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nContent-Name: file.txt\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n` +
          `HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:01:56 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nBITS-Session-Id: ${id}\r\nContent-Length: 0\r\nAccept-encoding: identity\r\n\r\n` +
          `BITS_POST /upload/file${i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Ping\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n` +
          `HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:02:02 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n` +
          `BITS_POST /upload/file${i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Cancel-Session\r\nBITS-Session-Id: ${id}\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n` +
          `HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:02:02 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n`,
        );
      }
    }
    let bytes = new TextEncoder().encode(parts.join('')).buffer;
    const size = bytes.byteLength;
    const engine = await import('./pkg/bits_inspector.js');
    await engine.default();
    const engineTimes = [];
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      const [count] = engine.inspect_counts(new Uint8Array(bytes), 'default');
      engineTimes.push(performance.now() - t0);
      if (count === 0) throw new Error('no messages');
    }
    const worker = new Worker('worker.js', { type: 'module', name: 'bits-inspector benchmark' });
    const ask = (message, transfer) => new Promise((resolve) => {
      const listen = (e) => {
        if (e.data.id !== message.id) return;
        worker.removeEventListener('message', listen);
        resolve(e.data);
      };
      worker.addEventListener('message', listen);
      worker.postMessage(message, transfer);
    });
    const times = [];
    let messages = 0;
    try {
      for (let run = 1; run <= runs; run++) {
        const answer = await ask({ type: 'inspect', id: run, bytes, profile: 'default', pasted: false }, [bytes]);
        if (answer.type === 'failed') throw new Error(answer.error);
        bytes = answer.bytes;
        times.push(answer.timing.engineMs + answer.timing.ownMs);
        messages = answer.summary.messageCount;
      }
    } finally {
      worker.terminate();
    }
    return { size, messages, times, engineTimes };
  }, { corpus, copies, runs, capture });
}

for (const [name, key, corpus, copies, expected] of [
  ['MC-BUP 4.1 upload × 2000', 'wasm-uploads', 'uploads', 2000, 16_000],
  ['small messages × 20000', 'wasm-small', 'small', 20000, 120_000],
]) {
  test(`wasm inspect speed: ${name}`, async (t) => {
    const { size, messages, times, engineTimes } = await wasmSpeed(corpus, copies);
    assert.equal(messages, expected);
    const mb = size / 1e6;
    const engine = best(engineTimes) / 1000;
    say(t, `wasm engine (${name}, best of ${engineTimes.length}, inspect_counts): ${messages} messages, ${mb.toFixed(1)} MB, ` +
      `${Math.round(messages / engine)} msg/s, ${(mb / engine).toFixed(1)} MB/s (runs: ${engineTimes.map((x) => x.toFixed(0)).join(', ')} ms)`);
    say(t, `BENCH ${key} msg_per_s=${Math.round(messages / engine)} mb_per_s=${(mb / engine).toFixed(2)} best_ms=${best(engineTimes).toFixed(1)} messages=${messages} bytes=${size}`);
    const seconds = best(times) / 1000;
    say(t, `wasm inspection with the page's report (${name}, best of ${times.length}, in the page's worker): ` +
      `${Math.round(messages / seconds)} msg/s, ${(mb / seconds).toFixed(1)} MB/s (runs: ${times.map((x) => x.toFixed(0)).join(', ')} ms)`);
    say(t, `BENCH ${key.replace('wasm-', 'wasm-report-')} msg_per_s=${Math.round(messages / seconds)} best_ms=${best(times).toFixed(1)}`);
  });
}

test('wasm size', async (t) => {
  const wasm = await readFile(path.join(ROOT, 'www/pkg/bits_inspector_bg.wasm'));
  const gz = gzipSync(wasm, { level: 9 }).length;
  say(t, `wasm size: ${wasm.length.toLocaleString('en-US')} bytes raw, ${gz.toLocaleString('en-US')} bytes gzipped (gzip -9)`);
  say(t, `BENCH wasm-size raw=${wasm.length} gz=${gz}`);
});
