// Inspecting the current input: hands it to the worker, draws the answer, and keeps only the
// newest input's answer (an older one is dropped); cancelling stops the read or the run.

import { ui, root } from './ui.js';
import { input, job, shown } from './state.js';
import { engine, Cancelled } from './engine-client.js';
import { RemoteReport } from './remote-report.js';
import { renderVerdictMessage } from './render.js';
import { render, clearResults, showEmpty, countRender } from './views/report.js';
import { showProgress, hideProgress, sizeWords } from './views/progress.js';
import { updateNote } from './views/note.js';

/** Text up to this many bytes from a file goes into the paste box; larger is not copied there. */
export const PASTE_BOX_UP_TO = 2 * 1024 * 1024;
const SHOW_PROGRESS_AFTER = 250; // ms of inspection before the progress bar appears

const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it

let progressTimer = 0;
let timer = 0;

/** Inspects the input after `delay` ms, unless something else runs it first. */
export function runSoon(delay = 0) {
  clearTimeout(timer);
  timer = setTimeout(run, delay);
}

/** Forgets a run asked for by `runSoon`. */
export function cancelSoon() {
  clearTimeout(timer);
}

/** @returns {number} the number of a new input (or of no input) */
function nextGeneration() {
  const generation = job.value.generation + 1;
  job.set({ generation });
  return generation;
}

/**
 * Bytes the worker can take: a whole ArrayBuffer of its own (a view is copied first).
 * @param {Uint8Array} bytes
 */
function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** Inspects the current input in the worker and renders the report. */
export async function run() {
  if (!job.value.ready) return;
  const reveal = input.value.reveal; // this input's, once
  input.set({ reveal: null });
  const pasted = input.value.source === 'paste';
  // Pasted text goes to the worker as a string (a copy of a string is cheap), which encodes
  // it there: encoding megabytes here would hold up the page.
  const text = pasted ? input.value.pasted ?? ui.input.value : null;
  let bytes = pasted ? null : input.value.bytes;
  const size = pasted ? text.length : bytes.length;
  if (size === 0 || (!pasted && bytes.buffer.byteLength === 0)) {
    if (!pasted && job.value.busyBytes) {
      job.set({ rerun: true }); // the bytes are with the worker: run again when they come back
      return;
    }
    nextGeneration();
    showEmpty();
    return;
  }
  const mine = nextGeneration();
  const stale = () => mine !== job.value.generation;
  // A large job still running is dropped at once; a small one finishes (typing is debounced).
  if (engine.busy && job.value.busyBytes > 1_000_000) engine.restart();
  if (!pasted) {
    bytes = ownBuffer(bytes);
    input.set({ bytes: new Uint8Array(0) });
  }
  job.set({ busyBytes: size });
  const t0 = performance.now();
  root.dataset.busy = '';
  clearTimeout(progressTimer);
  progressTimer = setTimeout(() => showProgress(`Inspecting ${sizeWords(size)} in the background…`, null), size > 4_000_000 ? 0 : SHOW_PROGRESS_AFTER);
  const profile = ui.profile.value;
  let answer;
  try {
    answer = pasted
      ? await engine.inspectText(text, { profile, pasted })
      : await engine.request({ type: 'inspect', bytes: /** @type {ArrayBuffer} */ (bytes.buffer), profile, pasted, textUpTo: PASTE_BOX_UP_TO }, [bytes.buffer]);
  } catch (e) {
    if (stale() && !(e instanceof Cancelled)) return;
    finishJob(mine);
    if (e instanceof Cancelled) return; // the canceller says what happened
    shown.set({ report: null });
    renderVerdictMessage(ui.verdict, `The inspector failed (${e.message}). Please report it, with the input if you can.`, 'error');
    return;
  }
  if (!pasted && answer.type !== 'result' && answer.bytes) input.set({ bytes: new Uint8Array(answer.bytes) }); // the worker hands them back
  if (stale()) return; // a newer input is on its way
  finishJob(mine);
  if (answer.type !== 'inspected') {
    shown.set({ report: null });
    engine.restart(); // a failed engine may be left in any state
    const error = answer.type === 'failed' ? answer.error : `a ${answer.type} reply`;
    renderVerdictMessage(ui.verdict, `The inspector failed on this input (${error}). Please report it, with the input if you can.`, 'error');
    return;
  }
  const t1 = performance.now();
  const { id, summary, timing } = answer;
  const report = new RemoteReport(summary, (query) => engine.query(id, query));
  if (pasted) report.pastedText = text; // what a share link of it carries (see inputs/share.js)
  else fillPasteBox(report, answer.text);
  const phases = await render(report, pasted ? 'pasted' : input.value.origin, stale, reveal);
  if (!phases) return; // cancelled, or a newer input came, while drawing
  const t2 = performance.now();
  countRender();
  if (job.value.rerun) {
    job.set({ rerun: false });
    setTimeout(run, 0);
  }
  document.dispatchEvent(new CustomEvent('bits:rendered', {
    detail: {
      inspectMs: timing.engineMs, engineMs: timing.engineMs, workerOwnMs: timing.ownMs, workerMs: t1 - t0, renderMs: Object.values(phases).reduce((a, b) => a + b, 0), drawMs: t2 - t1, decodeMs: timing.decodeMs, wasmBytes: timing.wasmBytes,
      phases, messages: report.messageCount, findings: report.findingCount,
    },
  }));
}

/** @param {number} mine the generation of the job that finished */
function finishJob(mine) {
  if (mine !== job.value.generation) return;
  job.set({ busyBytes: 0 });
  clearTimeout(progressTimer);
  delete root.dataset.busy;
  hideProgress();
}

/**
 * Bytes from a file go into the paste box when they are text and small enough to edit.
 * @param {RemoteReport} report
 * @param {string | null} text the decoded input, when the worker sent it
 */
function fillPasteBox(report, text) {
  if (input.value.filled) return;
  const format = report.input.format ?? 'text';
  input.set({ filled: true, format });
  ui.input.value = format === 'text' && report.input.bytes <= PASTE_BOX_UP_TO && typeof text === 'string' ? text : ''; // the worker sends the text only then
  updateNote();
}

/**
 * Takes bytes that came as bytes (file, drop, example, link): checked strictly unless pasted.
 * @param {Uint8Array} bytes
 * @param {string} origin words for where they came from
 * @param {{ pasted?: boolean }} options
 */
export function loadBytes(bytes, origin, { pasted = false } = {}) {
  cancelSoon();
  input.set({ source: pasted ? 'paste' : 'file', pasted: null, bytes, size: bytes.length, origin, format: 'text' });
  if (pasted || (!job.value.ready && bytes.length <= PASTE_BOX_UP_TO)) {
    // Without the engine (it failed to load) the text is still there to read.
    ui.input.value = decoder.decode(bytes);
  } else {
    // The paste box is filled from the worker's answer: only for text, and not too large.
    input.set({ filled: false });
  }
  updateNote();
  run();
}

/** The Cancel button: stops the file read or the inspection; the page stays as it was before. */
export function cancel() {
  const reading = job.value.reading;
  const what = reading ? `reading “${reading}”` : 'the inspection';
  if (reading) job.set({ readCancelled: true });
  if (engine.busy) {
    engine.restart();
    input.set({ bytes: new Uint8Array(0) });
    shown.set({ report: null });
  }
  finishJob(nextGeneration());
  renderVerdictMessage(ui.verdict, `Cancelled ${what}. Nothing from it is shown; open, drop or paste another capture.`, 'idle');
  ui.note.textContent = `Cancelled ${what}.`;
  clearResults();
  root.dataset.cancelled = String(Number(root.dataset.cancelled ?? 0) + 1);
}
