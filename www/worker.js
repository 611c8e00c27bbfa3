// The inspection worker: the wasm engine runs here, never on the page's main thread, so a
// large capture cannot freeze the page, and the page can stop it (it terminates this
// worker and starts a fresh one).
//
// Protocol (one request at a time, answered in order):
//   page → worker  { id, bytes: ArrayBuffer (transferred), profile, pasted }
//   worker → page  { id, ok: true, report, text, bytes: ArrayBuffer (transferred back), inspectMs, decodeMs, wasmBytes }
//                  { id, ok: false, error, bytes }
//   worker → page  { ready: true, version, rules, headers } once the engine is loaded, or { ready: false, error }
//   page → worker  { id, explain: query }  →  { id, ok: true, explanation }

let engine = null;
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it

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
    postMessage({ id: request.id, ok: true, report, text, bytes: request.bytes, inspectMs: t1 - t0, decodeMs: t2 - t1, wasmBytes }, [request.bytes]);
  } catch (e) {
    postMessage({ id: request.id, ok: false, error: e && e.message ? e.message : String(e), bytes: request.bytes }, [request.bytes]);
  }
});
