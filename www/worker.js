// The inspection worker: the wasm engine runs here, never on the page's main thread, so a
// large capture cannot freeze the page, and the page can stop it (it terminates this
// worker and starts a fresh one). The report stays here too (modules/report-store.js):
// the page gets a summary and asks for the parts it shows.
//
// Protocol (one request at a time, answered in order):
//   worker → page  { ready: true, version, rules, headers, linkHosts } once the engine is loaded, or { ready: false, error }
//                  (`linkHosts`: the hosts of the engine's spec sources, the only sites the page links to)
//   page → worker  { id, bytes: ArrayBuffer (transferred), profile, pasted, textUpTo }
//                  or { id, text: string, profile, pasted, pieces } (pasted text, encoded here;
//                  when `pieces`, the text is the last piece: the earlier ones came first as
//                  { id, piece: string }, in order)
//   worker → page  { id, ok: true, summary, text, bytes: ArrayBuffer (transferred back) or undefined, inspectMs, decodeMs, storeMs, wasmBytes }
//                  (`text` is the decoded input when it is text of at most `textUpTo` bytes, else null)
//                  { id, ok: false, error, bytes }
//   page → worker  { id, of: inspection id, query }  →  { id, ok: true, result }
//                  query: { rows: [from, to] } | { findings: [from, to] } | { message: i }
//                         | { around: [start, end] } | { slices: [[start, end], …] } | { markdown: true }
//                         | { shared: { redact } } → { bytes: Uint8Array, counts, replaced }: what a share
//                           link carries (a capture's transcript, not the file), redacted by the engine
//                  (see ReportStore.answer); result is null when inspection `of` is no longer the kept one
//   page → worker  { id, explain: query }  →  { id, ok: true, explanation }

import { ReportStore } from './modules/report-store.js';
import { WARM_UP } from './modules/warm-up.js';

let engine = null;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it
const encoder = new TextEncoder();
/** Pieces of the pasted text of inspection `id`, until its request comes. */
let pieces = { id: null, parts: [] };
/** The last inspection: { id, store, inspection (the engine's, in wasm memory) }. */
let kept = { id: null, store: null, inspection: null };

/** Lets go of the kept inspection and the wasm memory it holds. */
function forget() {
  kept.inspection?.free();
  kept = { id: null, store: null, inspection: null };
}

const loading = (async () => {
  try {
    const module = await import('./pkg/bits_inspector.js');
    const exports = await module.default();
    engine = { module, memory: exports.memory };
    postMessage({ ready: true, version: module.version(), rules: module.rules(), headers: module.headers(), linkHosts: module.link_hosts() });
    // The first call of each engine function runs unoptimised code (compiled lazily, then
    // tiered up): spend that here, before anyone waits for it, not on the first paste.
    const bytes = new TextEncoder().encode(WARM_UP);
    for (let i = 0; i < 3; i++) {
      const inspection = new module.Inspection(bytes, 'default', i === 0);
      inspection.report();
      inspection.message(0);
      inspection.free();
    }
  } catch (e) {
    postMessage({ ready: false, error: e && e.message ? e.message : String(e) });
  }
})();

/** What a share link of the kept inspection carries (see Inspection.shared in src/wasm.rs). */
function shared(inspection, redact) {
  const { bytes, counts, replaced } = inspection.shared(Boolean(redact));
  return { bytes, counts, replaced };
}

self.addEventListener('message', async (event) => {
  const request = event.data;
  if (request.piece != null) {
    if (pieces.id !== request.id) pieces = { id: request.id, parts: [] };
    pieces.parts.push(request.piece);
    return;
  }
  await loading;
  if (!engine) {
    postMessage({ id: request.id, ok: false, error: 'the inspector is not loaded', bytes: request.bytes }, request.bytes ? [request.bytes] : []);
    return;
  }
  if (request.explain != null) {
    postMessage({ id: request.id, ok: true, explanation: engine.module.explain(request.explain) });
    return;
  }
  if (request.query) {
    try {
      let result = null;
      if (kept.id === request.of) {
        if (request.query.shared) result = shared(kept.inspection, request.query.shared.redact);
        // The CLI's JSON report, as text made here: a large report never holds the page.
        else if (request.query.json) result = `${JSON.stringify(kept.inspection.json(), null, 2)}\n`;
        else if (request.query.bodyBytes) result = kept.inspection.body_bytes(...request.query.bodyBytes) ?? null;
        else if (request.query.headers) result = kept.inspection.find_headers(...request.query.headers);
        else result = kept.store.answer(request.query);
      }
      postMessage({ id: request.id, ok: true, result });
    } catch (e) {
      postMessage({ id: request.id, ok: false, error: e && e.message ? e.message : String(e) });
    }
    return;
  }
  forget();
  const back = request.bytes ? [request.bytes] : [];
  let pastedText = request.text ?? null;
  if (request.pieces) pastedText = pieces.id === request.id ? [...pieces.parts, pastedText].join('') : null;
  pieces = { id: null, parts: [] };
  try {
    if (request.pieces && pastedText == null) throw new Error('pieces of the pasted text went missing');
    const bytes = request.bytes ? new Uint8Array(request.bytes) : encoder.encode(pastedText);
    const t0 = performance.now();
    const inspection = new engine.module.Inspection(bytes, request.profile, request.pasted);
    kept.inspection = inspection; // freed by the next forget(), whatever happens below
    const report = inspection.report();
    const t1 = performance.now();
    // A capture's spans point into its transcript, which the engine returns; text input's
    // spans point into the input itself, decoded here so the page never has to. Pasted text
    // is its own decoding once lone surrogates are replaced, as encoding it did.
    const text = report.transcript ?? (pastedText != null ? pastedText.toWellFormed() : decoder.decode(bytes));
    delete report.transcript;
    if (text.length !== report.input.length) {
      console.warn(`bits-inspector: decoded text has ${text.length} UTF-16 units, the engine counted ${report.input.length}`);
    }
    const t2 = performance.now();
    const store = new ReportStore(report, text, (i) => inspection.message(i));
    kept = { id: request.id, store, inspection };
    const summary = store.summary();
    const t3 = performance.now();
    const wasmBytes = engine.memory ? engine.memory.buffer.byteLength : 0;
    const textBack = report.input.format === 'text' && report.input.bytes <= (request.textUpTo ?? 0) ? text : null;
    postMessage({ id: request.id, ok: true, summary, text: textBack, bytes: request.bytes, inspectMs: t1 - t0, decodeMs: t2 - t1, storeMs: t3 - t2, wasmBytes }, back);
  } catch (e) {
    postMessage({ id: request.id, ok: false, error: e && e.message ? e.message : String(e), bytes: request.bytes }, back);
  }
});
