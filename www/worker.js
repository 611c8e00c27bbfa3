// The inspection worker: the wasm engine runs here, never on the page's main thread, so a
// large capture cannot freeze the page, and the page can stop it (it terminates this
// worker and starts a fresh one). The report stays here too, in wasm memory (the engine's
// `Inspection`): the page gets a summary and asks for the parts it shows, page by page.
//
// Protocol: one message type each way, told apart by `type`; one request at a time,
// answered in order, each answer carrying its request's `id`.
//
//   worker → page  { type: 'ready', version, rules, headers, linkHosts } once the engine is loaded
//                  (`linkHosts`: the hosts of the engine's spec sources, the only sites the page links to)
//                  { type: 'load-failed', error }
//   page → worker  { type: 'inspect', id, bytes: ArrayBuffer (transferred), profile, pasted, textUpTo }
//                  or { type: 'inspect', id, text: string, profile, pasted, pieces } (pasted text, encoded
//                  here; when `pieces`, the text is the last piece: the earlier ones came first as
//                  { type: 'piece', id, piece: string }, in order)
//   worker → page  { type: 'inspected', id, summary, text, bytes, timing }
//                  (`text` is the decoded input when it is text of at most `textUpTo` bytes, else null;
//                  `bytes` the ArrayBuffer transferred back; `timing`: see Timing below)
//   page → worker  { type: 'query', id, of: inspection id, query: Query }  →  { type: 'result', id, value }
//                  (`value` is null when inspection `of` is no longer the kept one)
//   page → worker  { type: 'explain', id, query: string }  →  { type: 'result', id, value: explanation or null }
//   worker → page  { type: 'failed', id, error, bytes } for any request that failed
//
// The messages are typed in modules/protocol.js, the DTOs they carry in www/pkg/bits_inspector.d.ts
// (wasm-bindgen's output, with an interface per DTO of src/wasm/dto.rs); `tsc` checks this file
// against both (scripts/check-types.sh).

import { WARM_UP } from './modules/warm-up.js';
import * as LIMITS from './modules/limits.js';

/**
 * @typedef {import('./modules/protocol.js').Request} Request
 * @typedef {import('./modules/protocol.js').InspectRequest} InspectRequest
 * @typedef {import('./modules/protocol.js').Inspected} Inspected
 * @typedef {import('./modules/protocol.js').Reply} Reply
 * @typedef {import('./modules/protocol.js').Hello} Hello
 * @typedef {import('./modules/protocol.js').Query} Query
 * @typedef {import('./modules/protocol.js').Queries} Queries
 * @typedef {import('./modules/protocol.js').Timing} Timing
 * @typedef {import('./modules/protocol.js').PageSummary} PageSummary
 * @typedef {import('./modules/protocol.js').PageRegion} PageRegion
 * @typedef {import('./pkg/bits_inspector.js').Inspection} Inspection
 */

/** Posts a message of the protocol to the page (the worker's `postMessage`, typed). */
const post = /** @type {(message: Hello | Reply, transfer?: Transferable[]) => void} */ (self.postMessage.bind(self));

const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it
const encoder = new TextEncoder();
/** The page's limits, as the engine reads them (the names are limits.js's constants). */
const limits = { ...LIMITS };

/** @type {{ module: typeof import('./pkg/bits_inspector.js'), memory: WebAssembly.Memory } | null} */
let engine = null;
/** Pieces of the pasted text of inspection `id`, until its request comes. */
/** @type {{ id: number | null, parts: string[] }} */
let pieces = { id: null, parts: [] };
/** The last inspection: its id, the engine's `Inspection` (in wasm memory) and its text. */
/** @type {{ id: number | null, inspection: Inspection | null, text: string }} */
let kept = { id: null, inspection: null, text: '' };

/** Lets go of the kept inspection and the wasm memory it holds. */
function forget() {
  kept.inspection?.free();
  kept = { id: null, inspection: null, text: '' };
}

const loading = (async () => {
  try {
    const module = await import('./pkg/bits_inspector.js');
    const exports = await module.default();
    engine = { module, memory: exports.memory };
    post({ type: 'ready', version: module.version(), rules: module.rules(), headers: module.headers(), linkHosts: module.link_hosts() });
    // The first call of each engine function runs unoptimised code (compiled lazily, then
    // tiered up): spend that here, before anyone waits for it, not on the first paste.
    const bytes = new TextEncoder().encode(WARM_UP);
    for (let i = 0; i < 3; i++) {
      const inspection = new module.Inspection(bytes, 'default', i === 0);
      inspection.summary(limits);
      inspection.message(0);
      inspection.free();
    }
  } catch (e) {
    post({ type: 'load-failed', error: e && e.message ? e.message : String(e) });
  }
})();

/**
 * Adds its text to each region of the raw view (the engine counts; this worker holds the text).
 * @param {Array<PageRegion & { text?: string }>} regions
 */
function withText(regions) {
  for (const r of regions) r.text = kept.text.slice(r.start, Math.min(r.end, r.start + LIMITS.REGION_CUT));
  return regions;
}

/**
 * Answers `query` from the kept inspection.
 * @template {keyof Queries} K
 * @param {Queries[K]['query'] & { type: K }} query
 * @returns {Queries[K]['value']}
 */
function answer(query) {
  return /** @type {any} */ (answerAny(query));
}

/**
 * `answer`, each case typed on its own (a `switch` does not narrow a generic query).
 * @param {Query} query
 * @returns {Queries[keyof Queries]['value']}
 */
function answerAny(query) {
  const inspection = kept.inspection;
  switch (query.type) {
    case 'rows': return inspection.rows(query.from, query.to);
    case 'findings': return inspection.findings(query.from, query.to);
    case 'message': return inspection.message(query.index);
    case 'around': return withText(inspection.around(query.start, query.end));
    case 'slices': return query.spans.map(([start, end]) => kept.text.slice(start, end));
    case 'filter': return inspection.filter(query.filter);
    case 'markdown': return inspection.markdown();
    // The CLI's JSON report, as text made here: a large report never holds the page.
    case 'json': return `${JSON.stringify(inspection.json(), null, 2)}\n`;
    case 'headers': return inspection.find_headers(query.text, query.limit);
    case 'bodyBytes': return inspection.body_bytes(query.index, query.limit) ?? null;
    // What a share link carries: { bytes, counts, replaced } (see Inspection.shared in src/wasm).
    case 'shared': {
      const { bytes, counts, replaced } = inspection.shared(Boolean(query.redact));
      return { bytes, counts, replaced };
    }
    default: throw new Error(`unknown query ${JSON.stringify(query)}`);
  }
}

/**
 * @param {InspectRequest} request
 * @returns {Inspected}
 */
function inspect(request) {
  forget();
  const t0 = performance.now();
  let pastedText = request.text ?? null;
  if (request.pieces) pastedText = pieces.id === request.id ? [...pieces.parts, pastedText].join('') : null;
  pieces = { id: null, parts: [] };
  if (request.pieces && pastedText == null) throw new Error('pieces of the pasted text went missing');
  const bytes = request.bytes ? new Uint8Array(request.bytes) : encoder.encode(pastedText);
  const t1 = performance.now();
  const inspection = new engine.module.Inspection(bytes, request.profile, request.pasted);
  kept.inspection = inspection; // freed by the next forget(), whatever happens below
  const t2 = performance.now();
  /** @type {PageSummary & { raw: { text?: string } }} */
  const summary = inspection.summary(limits);
  // A capture's spans point into its transcript, which the engine returns; text input's
  // spans point into the input itself, decoded here so the page never has to. Pasted text
  // is its own decoding once lone surrogates are replaced, as encoding it did.
  const t3 = performance.now();
  const text = inspection.transcript() ?? (pastedText != null ? pastedText.toWellFormed() : decoder.decode(bytes));
  const decodeMs = performance.now() - t3;
  if (text.length !== summary.input.length) {
    console.warn(`bits-inspector: decoded text has ${text.length} UTF-16 units, the engine counted ${summary.input.length}`);
  }
  kept = { id: request.id, inspection, text };
  if (summary.raw.whole) summary.raw.text = text;
  else withText(summary.raw.first);
  const textBack = summary.input.format === 'text' && summary.input.bytes <= (request.textUpTo ?? 0) ? text : null;
  const wasmBytes = engine.memory ? engine.memory.buffer.byteLength : 0;
  // The engine's own inspection, timed inside `new Inspection` (copying the bytes into wasm
  // memory is the worker's); the wall time around the call when the engine could not say.
  const engineMs = inspection.engine_ms > 0 ? inspection.engine_ms : t2 - t1;
  /** @type {Timing} */
  const timing = { engineMs, ownMs: performance.now() - t0 - engineMs, decodeMs, wasmBytes };
  return { type: 'inspected', id: request.id, summary, text: textBack, bytes: request.bytes, timing };
}

self.addEventListener('message', async (/** @type {MessageEvent<Request>} */ event) => {
  /** @type {Request} */
  const request = event.data;
  if (request.type === 'piece') {
    if (pieces.id !== request.id) pieces = { id: request.id, parts: [] };
    pieces.parts.push(request.piece);
    return;
  }
  await loading;
  const back = request.type === 'inspect' && request.bytes ? [request.bytes] : [];
  const bytes = request.type === 'inspect' ? request.bytes : undefined;
  if (!engine) {
    post({ type: 'failed', id: request.id, error: 'the inspector is not loaded', bytes }, back);
    return;
  }
  try {
    if (request.type === 'inspect') {
      const done = inspect(request);
      post(done, back);
    } else if (request.type === 'query') {
      post({ type: 'result', id: request.id, value: kept.id === request.of ? answer(request.query) : null });
    } else if (request.type === 'explain') {
      post({ type: 'result', id: request.id, value: engine.module.explain(request.query) });
    } else {
      throw new Error(`unknown request ${JSON.stringify(/** @type {{ type: unknown }} */ (request).type)}`);
    }
  } catch (e) {
    post({ type: 'failed', id: request.id, error: e && e.message ? e.message : String(e), bytes }, back);
  }
});
