// The inspection worker: the wasm engine runs here, never on the page's main thread, so a
// large capture cannot freeze the page, and the page can stop it (it terminates this
// worker and starts a fresh one).
//
// Protocol (one request at a time, answered in order):
//   page → worker  { id, bytes: ArrayBuffer (transferred), profile, pasted }
//   worker → page  { id, ok: true, report, text, textLength, bytes: ArrayBuffer (transferred back), inspectMs, decodeMs, wasmBytes }
//                  (`text` is null past KEEP_TEXT_OVER characters: the worker keeps it, and the
//                  page asks for the pieces it shows, so no huge string crosses to the page)
//                  { id, ok: false, error, bytes }
//   worker → page  { ready: true, version, rules, headers } once the engine is loaded, or { ready: false, error }
//                  preceded, for a report of many messages, by { id, messages: […] } parts
//                  in order (the answer's report.messages is then empty): each part is
//                  read by the page in a task of its own, so no one task reads them all
//   page → worker  { id, explain: query }  →  { id, ok: true, explanation }
//   page → worker  { id, slices: [[start, end], …], of: inspection id }
//                  →  { id, ok: true, strings: [string, …] } (UTF-16 spans of the kept text),
//                     or strings: null when the text of inspection `of` is no longer kept

let engine = null;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it
/** Texts longer than this stay here; the page's raw view shows one message at a time past it. */
const KEEP_TEXT_OVER = 2_000_000;
/** Messages per part of a report sent in parts. */
const MESSAGES_PER_PART = 256;
/** The text of the last inspection: { id, text }. */
let kept = { id: null, text: '' };

const loading = (async () => {
  try {
    const module = await import('./pkg/bits_inspector.js');
    const exports = await module.default();
    engine = { module, memory: exports.memory };
    postMessage({ ready: true, version: module.version(), rules: module.rules(), headers: module.headers() });
  } catch (e) {
    postMessage({ ready: false, error: e && e.message ? e.message : String(e) });
  }
})();

self.addEventListener('message', async (event) => {
  await loading;
  const request = event.data;
  if (!engine) {
    postMessage({ id: request.id, ok: false, error: 'the inspector is not loaded', bytes: request.bytes }, request.bytes ? [request.bytes] : []);
    return;
  }
  if (request.explain != null) {
    postMessage({ id: request.id, ok: true, explanation: engine.module.explain(request.explain) });
    return;
  }
  if (request.slices) {
    const text = kept.id === request.of ? kept.text : null;
    const strings = text == null ? null : request.slices.map(([start, end]) => text.slice(start, end));
    postMessage({ id: request.id, ok: true, strings });
    return;
  }
  kept = { id: null, text: '' };
  const bytes = new Uint8Array(request.bytes);
  try {
    const t0 = performance.now();
    const report = engine.module.inspect(bytes, request.profile, request.pasted);
    const t1 = performance.now();
    // A capture's spans point into its transcript, which the engine returns; text input's
    // spans point into the input itself, decoded here so the page never has to.
    const text = report.transcript ?? decoder.decode(bytes);
    delete report.transcript;
    const t2 = performance.now();
    const wasmBytes = engine.memory ? engine.memory.buffer.byteLength : 0;
    const keep = text.length > KEEP_TEXT_OVER;
    if (keep) kept = { id: request.id, text };
    if (report.messages.length > MESSAGES_PER_PART) {
      for (let i = 0; i < report.messages.length; i += MESSAGES_PER_PART) {
        postMessage({ id: request.id, messages: report.messages.slice(i, i + MESSAGES_PER_PART) });
      }
      report.messages = [];
    }
    postMessage({ id: request.id, ok: true, report, text: keep ? null : text, textLength: text.length, bytes: request.bytes, inspectMs: t1 - t0, decodeMs: t2 - t1, wasmBytes }, [request.bytes]);
  } catch (e) {
    postMessage({ id: request.id, ok: false, error: e && e.message ? e.message : String(e), bytes: request.bytes }, [request.bytes]);
  }
});
