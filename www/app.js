// bits-inspector web page: wires the input (paste, file, drop, example, share link) to the
// wasm engine and renders what it reports. Nothing here sends the input anywhere: the only
// requests the page makes are for its own files.
//
// The engine runs in a Web Worker (worker.js), never on this thread: the page reads a file
// with a progress bar, hands the bytes over (transferred, not copied), stays responsive
// while the worker inspects, and can cancel by terminating the worker and starting afresh.
// The report stays in the worker too: the page draws from a summary and asks for the rows,
// findings and raw text it shows (modules/remote-report.js).

import { h, clear, plural, setLinkHosts } from './modules/dom.js';
import { RawView } from './modules/raw.js';
import { VirtualList } from './modules/virtual.js';
import {
  renderVerdict, renderVerdictMessage, renderFindings, renderRuleGroups, renderSequence, renderSessions, renderMessages,
  renderExplanation, renderCapture, spanWords, messageName,
} from './modules/render.js';
import { RemoteReport } from './modules/remote-report.js';
import { OPEN_CARDS_UP_TO, DRAW_ALL_PAIRS } from './modules/limits.js';
import { encodeFragment, decodeFragment, isShareHash, ShareError } from './modules/share.js';
import { copyText } from './modules/clipboard.js';
import { afterPaint } from './modules/after-paint.js';


const MAX_FILE = 1024 * 1024 * 1024;
const PASTE_BOX_UP_TO = 2 * 1024 * 1024; // larger files are not copied into the paste box
// Larger pastes are not kept in the paste box: a text box lays out all of its text, on the
// main thread, at every change (about half a second for 200 KB on a slow machine).
const KEEP_PASTE_IN_BOX_UP_TO = 64 * 1024;
const SHOW_PROGRESS_AFTER = 250; // ms of inspection before the progress bar appears

/** An inspection stopped by the user (or replaced by a newer one). */
class Cancelled extends Error {}

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const ui = {
  status: $('load-status'), version: $('version'), profile: $('profile'), input: $('input'),
  note: $('input-note'), verdict: $('verdict'), findings: $('findings'), findingsCard: $('findings-card'),
  conversation: $('conversation'), conversationCard: $('conversation-card'), messages: $('messages'),
  messagesCard: $('messages-card'), raw: $('raw'), showWs: $('show-ws'), hlStatus: $('highlight-status'),
  openFile: $('open-file'), fileInput: $('file-input'), share: $('share'), redact: $('redact'),
  shareOut: $('share-out'), shareUrl: $('share-url'), copyShare: $('copy-share'), shareStatus: $('share-status'),
  copyFindings: $('copy-findings'), copyStatus: $('copy-status'),
  downloadJson: $('download-json'), downloadMarkdown: $('download-markdown'),
  ruleGroups: $('rule-groups'), filterForm: $('findings-filter'), filterRule: $('filter-rule'),
  filterMessage: $('filter-message'), filterText: $('filter-text'), filterStatus: $('filter-status'),
  headerHits: $('header-hits'), lookup: $('lookup'), lookupInput: $('lookup-input'),
  lookupList: $('lookup-list'), lookupResult: $('lookup-result'), theme: $('theme-toggle'), drop: $('drop-overlay'),
  examples: $('example-buttons'), capture: $('capture'), progress: $('progress'), progressBar: $('progress-bar'),
  progressWords: $('progress-words'), cancel: $('cancel'), rawCaption: $('raw-caption'),
  resultsLink: $('results-link'), verdictCard: $('verdict-card'),
};

const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keep a BOM: offsets count it

const state = {
  ready: false,
  /** 'paste': the text box is the input. 'file': `bytes` are, checked strictly. */
  source: 'paste',
  /** A paste too large for the paste box (see takeLargePaste), or null: the box is the input. */
  pasted: null,
  bytes: new Uint8Array(0),
  origin: '', // words for where file bytes came from
  report: null, // a RemoteReport
  cards: new Map(),
  headerHelp: new Map(),
  selectedRow: null,
  hoveredRow: null,
  renders: 0,
  open: new Set(), // message cards the user opened (kept when a virtualised row is drawn again)
  busyBytes: 0, // size of the input with the worker, 0 when idle
  rerun: false,
  size: 0,
  filled: true,
  format: 'text',
  reading: null,
  readCancelled: false,
  /**
   * How to bring the report into view once drawn, when the verdict is off screen (a narrow
   * screen puts it below the input): 'scroll' to it (an example, a file), or 'link', a
   * "Results below" link (typed or pasted into the box: the focus and the place stay).
   */
  reveal: null,
};

const raw = new RawView(ui.raw, hoverRow, ui.rawCaption);
const findingsList = new VirtualList(ui.findings, 'Findings');
const messagesList = new VirtualList(ui.messages, 'Messages');

// ------------------------------------------------------------------ the worker

/** Characters of pasted text posted to the worker per message (a few milliseconds' copy). */
const TEXT_PIECE = 2 ** 21;

/** Lets the page handle input and draw before the caller goes on. */
const yieldToPage = () => (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));

/** The engine in a Web Worker: one request at a time, answered in order. */
class Engine {
  constructor() {
    this.nextId = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.pending = new Map();
    this.worker = new Worker('worker.js', { type: 'module', name: 'bits-inspector engine' });
    this.loaded = new Promise((resolve, reject) => {
      this.worker.addEventListener('message', (e) => {
        const d = e.data;
        if (d.type === 'ready') return resolve(d);
        if (d.type === 'load-failed') return reject(new Error(d.error));
        const job = this.pending.get(d.id);
        if (!job) return;
        this.pending.delete(d.id);
        job.resolve(d);
      });
      this.worker.addEventListener('error', (e) => {
        const error = new Error(e.message || 'the inspection worker failed to start');
        reject(error);
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
      });
    });
    this.loaded.catch(() => {});
  }

  /** Whether an inspection is running (a look-up or a fetch of part of a report does not count). */
  get busy() {
    for (const job of this.pending.values()) if (job.inspection) return true;
    return false;
  }

  request(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, inspection: message.type === 'inspect' });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /**
   * Inspects pasted `text`. A long one goes in pieces, each posted in a task of its own:
   * the structured clone of twenty megabytes of text in one message holds up the page for
   * tens of milliseconds (the worker joins the pieces).
   */
  inspectText(text, options) {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, inspection: true });
      (async () => {
        let at = 0;
        for (; text.length - at > TEXT_PIECE; at += TEXT_PIECE) {
          worker.postMessage({ type: 'piece', id, piece: text.slice(at, at + TEXT_PIECE) });
          await yieldToPage();
          if (this.worker !== worker || !this.pending.has(id)) return; // restarted: the job is rejected
        }
        worker.postMessage({ ...options, type: 'inspect', id, text: at ? text.slice(at) : text, pieces: at > 0 });
      })();
    });
  }

  /** Stops whatever the worker is doing and starts a fresh one. */
  restart() {
    this.worker.terminate();
    for (const job of this.pending.values()) job.reject(new Cancelled('cancelled'));
    this.start();
  }
}

const engine = new Engine();

async function start() {
  wireExamples();
  wireInput();
  wireFilters();
  wireResultsLink();
  wireTheme();
  let info;
  try {
    // The worker loads the wasm, so a missing or broken build still leaves a working page
    // that says what went wrong.
    info = await engine.loaded;
    state.ready = true;
  } catch (e) {
    root.dataset.state = 'error';
    ui.status.textContent = `Could not load the inspector: ${e && e.message ? e.message : e}. Reload the page; it needs WebAssembly.`;
    ui.status.classList.add('error');
    renderVerdictMessage(ui.verdict, 'Could not load the inspector, so nothing can be checked. Reload the page to try again.', 'error');
    return;
  }
  ui.version.textContent = `v${info.version}`;
  setLinkHosts(info.linkHosts);
  for (const help of info.headers) state.headerHelp.set(help.name, help);
  const options = [];
  for (const rule of info.rules) options.push(h('option', { value: rule.id, label: rule.title }));
  for (const help of state.headerHelp.values()) options.push(h('option', { value: help.name }));
  ui.lookupList.replaceChildren(...options);
  root.dataset.state = 'ready';
  ui.status.textContent = 'Ready.';
  // A second visit works offline: the service worker caches the page, the wasm and the
  // examples (sw.js). Where it cannot run (a file: URL, a blocked worker) the page simply
  // needs the network.
  navigator.serviceWorker?.register('sw.js').catch(() => {});
  if (isShareHash(location.hash)) await restoreFromHash();
  else run();
}

let generation = 0;
let progressTimer = 0;

/** Bytes the worker can take: a whole ArrayBuffer of its own (a view is copied first). */
function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** Inspects the current input in the worker and renders the report. */
async function run() {
  if (!state.ready) return;
  const reveal = state.reveal; // this input's, once
  state.reveal = null;
  const pasted = state.source === 'paste';
  // Pasted text goes to the worker as a string (a copy of a string is cheap), which encodes
  // it there: encoding megabytes here would hold up the page.
  const text = pasted ? state.pasted ?? ui.input.value : null;
  let bytes = pasted ? null : state.bytes;
  const size = pasted ? text.length : bytes.length;
  if (size === 0 || (!pasted && bytes.buffer.byteLength === 0)) {
    if (!pasted && state.busyBytes) {
      state.rerun = true; // the bytes are with the worker: run again when they come back
      return;
    }
    generation += 1;
    showEmpty();
    return;
  }
  const mine = ++generation;
  // A large job still running is dropped at once; a small one finishes (typing is debounced).
  if (engine.busy && state.busyBytes > 1_000_000) engine.restart();
  if (!pasted) {
    bytes = ownBuffer(bytes);
    state.bytes = new Uint8Array(0);
  }
  state.busyBytes = size;
  const t0 = performance.now();
  root.dataset.busy = '';
  clearTimeout(progressTimer);
  progressTimer = setTimeout(() => showProgress(`Inspecting ${sizeWords(size)} in the background…`, null), size > 4_000_000 ? 0 : SHOW_PROGRESS_AFTER);
  let answer;
  try {
    answer = pasted
      ? await engine.inspectText(text, { profile: ui.profile.value, pasted })
      : await engine.request({ type: 'inspect', bytes: bytes.buffer, profile: ui.profile.value, pasted, textUpTo: PASTE_BOX_UP_TO }, [bytes.buffer]);
  } catch (e) {
    if (mine !== generation && !(e instanceof Cancelled)) return;
    finishJob(mine);
    if (e instanceof Cancelled) return; // the canceller says what happened
    state.report = null;
    renderVerdictMessage(ui.verdict, `The inspector failed (${e.message}). Please report it, with the input if you can.`, 'error');
    return;
  }
  if (!pasted && answer.bytes) state.bytes = new Uint8Array(answer.bytes); // the worker hands them back
  if (mine !== generation) return; // a newer input is on its way
  finishJob(mine);
  if (answer.type === 'failed') {
    state.report = null;
    engine.restart(); // a failed engine may be left in any state
    renderVerdictMessage(ui.verdict, `The inspector failed on this input (${answer.error}). Please report it, with the input if you can.`, 'error');
    return;
  }
  const t1 = performance.now();
  const report = new RemoteReport(answer.summary, (query) => engine.request({ type: 'query', query, of: answer.id }).then((a) => {
    if (a.type === 'failed') throw new Error(a.error);
    return a.value;
  }));
  if (pasted) report.pastedText = text; // what a share link of it carries (see share())
  else fillPasteBox(report, answer.text);
  const phases = await render(report, pasted ? 'pasted' : state.origin, () => mine !== generation, reveal);
  if (!phases) return; // cancelled, or a newer input came, while drawing
  const t2 = performance.now();
  state.renders += 1;
  root.dataset.rendered = String(state.renders);
  if (state.rerun) {
    state.rerun = false;
    setTimeout(run, 0);
  }
  document.dispatchEvent(new CustomEvent('bits:rendered', {
    detail: {
      inspectMs: answer.timing.engineMs, engineMs: answer.timing.engineMs, workerOwnMs: answer.timing.ownMs, workerMs: t1 - t0, renderMs: Object.values(phases).reduce((a, b) => a + b, 0), drawMs: t2 - t1, decodeMs: answer.timing.decodeMs, wasmBytes: answer.timing.wasmBytes,
      phases, messages: report.messageCount, findings: report.findingCount,
    },
  }));
}

/** Pieces ([[start, end], …]) of the shown report's text, which the worker keeps. */
async function textSlices(spans) {
  const strings = state.report ? await state.report.slices(spans) : null;
  if (!strings) throw new Error('the text is no longer there');
  return strings;
}

function finishJob(mine) {
  if (mine !== generation) return;
  state.busyBytes = 0;
  clearTimeout(progressTimer);
  delete root.dataset.busy;
  hideProgress();
}

/** Bytes from a file go into the paste box when they are text and small enough to edit. */
function fillPasteBox(report, text) {
  if (state.filled) return;
  state.filled = true;
  const format = report.input.format ?? 'text';
  state.format = format;
  ui.input.value = format === 'text' && report.input.bytes <= PASTE_BOX_UP_TO && typeof text === 'string' ? text : ''; // the worker sends the text only then
  updateNote();
}

const sizeWords = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : plural(n, 'byte'));

function showProgress(words, fraction) {
  ui.progress.hidden = false;
  ui.progressWords.textContent = words;
  if (fraction == null) ui.progressBar.removeAttribute('value');
  else ui.progressBar.value = fraction;
}

function hideProgress() {
  ui.progress.hidden = true;
}

/** The Cancel button: stops the file read or the inspection; the page stays as it was before. */
function cancel() {
  const what = state.reading ? `reading “${state.reading}”` : 'the inspection';
  if (state.reading) state.readCancelled = true;
  if (engine.busy) {
    engine.restart();
    state.bytes = new Uint8Array(0);
    state.report = null;
  }
  generation += 1;
  finishJob(generation);
  renderVerdictMessage(ui.verdict, `Cancelled ${what}. Nothing from it is shown; open, drop or paste another capture.`, 'idle');
  ui.note.textContent = `Cancelled ${what}.`;
  clearResults();
  root.dataset.cancelled = String(Number(root.dataset.cancelled ?? 0) + 1);
}

/**
 * Past this many messages (or entries of the conversation card) a report is drawn in
 * stages: the verdict and findings first, painted, then the raw view, the conversation and
 * the message list, each in a task of its own after the frame before it. Drawn in one task,
 * the findings would wait for the layout and paint of everything below them; a small report
 * is cheap enough to draw whole, without the extra frames.
 */
const DRAW_IN_STAGES_OVER = { messages: OPEN_CARDS_UP_TO, entries: 200 };

/** Findings drawn first, with the verdict, about a screen: the rest come a frame later. */
const FINDINGS_FIRST = 10;
/** Entries of the sequence drawn first, about a screen: the rest come a frame later. */
const SEQUENCE_FIRST = 30;

/**
 * Draws `report`, the findings first. A large one is drawn in stages (see
 * DRAW_IN_STAGES_OVER), so the page keeps answering; `stale()` is asked after each pause,
 * and the drawing stops (resolving to null) when true. Once the findings are drawn the page
 * says so (the `bits:findings-drawn` event); resolves to the time each part took.
 */
async function render(report, source, stale = () => false, reveal = null) {
  const arrived = (promise) => (promise ?? Promise.resolve()).then(() => true, () => false);
  const entries = report.sequence.length + report.sessions.reduce((n, s) => n + s.fragments.length, 0);
  const inStages = entries > DRAW_IN_STAGES_OVER.entries || report.messageCount > DRAW_IN_STAGES_OVER.messages;
  const phases = {};
  let t = performance.now();
  const stage = async (name, draw) => {
    if (inStages && name !== 'findings') {
      await afterPaint();
      if (stale()) return false;
    }
    t = performance.now();
    draw();
    phases[name] = performance.now() - t;
    return true;
  };
  // The first rows of the message list, asked for now (unless the summary brought them) to
  // come while the findings are drawn: a list drawn whole needs every row at once.
  const firstRows = report.loadRows(0, Math.min(report.rowCount, DRAW_ALL_PAIRS) - 1);
  state.report = report;
  state.selectedRow = null;
  state.hoveredRow = null;
  state.open = new Set();
  const small = report.messageCount <= OPEN_CARDS_UP_TO && report.findingCount <= 200;
  const ctx = context(report.messageCount <= OPEN_CARDS_UP_TO);
  state.ctx = ctx;
  await stage('findings', () => {
    renderVerdict(ui.verdict, report, source, state.source === 'file' ? state.size : null);
    ui.copyFindings.disabled = false;
    ui.downloadJson.disabled = false;
    ui.downloadMarkdown.disabled = false;
    ui.findingsCard.hidden = report.findingCount === 0;
    if (small) delete root.dataset.large;
    else root.dataset.large = '';
    renderCapture(ui.capture, report);
    // Input with no message at all is named by the verdict ('Not HTTP traffic: ...').
    if (report.input.format === 'text' && state.source === 'file' && report.allUnknown && report.input.content !== 'not-http') {
      ui.capture.hidden = false;
      clear(ui.capture);
      ui.capture.append(h('p', { class: 'stopped', role: 'alert' },
        h('strong', { text: 'Not a format the inspector knows: ' }),
        'the bytes are not HTTP messages as text, nor a pcap, pcapng or HAR capture, so nothing was decoded. The raw view shows them as text.'));
    }
    if (inStages) {
      // The cards of the report before go until their turn comes: nothing of it can be
      // clicked meanwhile (its list would draw the old report's messages).
      ui.conversationCard.hidden = true;
      ui.messagesCard.hidden = true;
      clear(ui.conversation);
      messagesList.set(0, () => null);
      raw.setContent(null);
    }
    renderFindings(findingsList, report, ctx, inStages ? FINDINGS_FIRST : Infinity);
    showFilters(report);
  });
  document.dispatchEvent(new CustomEvent('bits:findings-drawn', { detail: { messages: report.messageCount, findings: report.findingCount } }));
  const drawn = await stage('findings-rest', () => {
    findingsList.drawRest();
  }) && await stage('raw', () => {
    raw.setContent(report.raw, (start, end) => report.around(start, end));
    ui.hlStatus.textContent = 'Click a finding or a decoded header to see its bytes here.';
    // What is above the verdict on a narrow screen (input, raw view) is drawn: where it is
    // now is where it stays.
    revealResults(reveal);
  }) && await stage('sequence', () => {
    renderSequence(ui.conversation, report, ctx, 0, SEQUENCE_FIRST);
    ui.conversationCard.hidden = report.messageCount === 0;
  }) && await stage('sequence-rest', () => {
    renderSequence(ui.conversation, report, ctx, SEQUENCE_FIRST);
  }) && await stage('sessions', () => {
    renderSessions(ui.conversation, report, ctx);
  }) && await arrived(firstRows) && !stale() && await stage('messages', () => {
    ui.messagesCard.hidden = report.messageCount === 0;
    state.cards = renderMessages(messagesList, report, ctx);
  });
  return drawn ? phases : null;
}

/**
 * Brings the verdict into view when it is off screen (below the input on a narrow screen):
 * scrolls to it for `how` 'scroll', shows the "Results below" link for 'link' (the focus
 * stays in the paste box and the page where it is).
 */
function revealResults(how) {
  if (!how) return;
  const box = ui.verdict.getBoundingClientRect();
  if (how === 'scroll') {
    if (box.top >= 0 && box.bottom <= window.innerHeight) return; // in view already
    ui.resultsLink.hidden = true;
    ui.verdictCard.scrollIntoView({ block: 'start' });
  } else {
    // Only when none of it shows (the link goes once the verdict comes into view).
    ui.resultsLink.hidden = box.top < window.innerHeight && box.bottom > 0;
  }
}

/** The "Results below" link: goes to the verdict (and is gone once the verdict is seen). */
function wireResultsLink() {
  ui.resultsLink.addEventListener('click', (e) => {
    e.preventDefault(); // not the fragment: that is where share links live
    ui.resultsLink.hidden = true;
    ui.verdictCard.scrollIntoView({ block: 'start' });
    ui.verdict.focus({ preventScroll: true });
  });
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) ui.resultsLink.hidden = true;
  }).observe(ui.verdict);
}

function clearResults() {
  state.report = null;
  ui.resultsLink.hidden = true;
  ui.copyFindings.disabled = true;
  ui.downloadJson.disabled = true;
  ui.downloadMarkdown.disabled = true;
  ui.findingsCard.hidden = true;
  ui.conversationCard.hidden = true;
  ui.messagesCard.hidden = true;
  ui.capture.hidden = true;
  findingsList.set(0, () => null);
  messagesList.set(0, () => null);
  clear(ui.conversation);
  raw.setContent(null);
}

function showEmpty() {
  clearResults();
  renderVerdictMessage(ui.verdict, 'Paste captured BITS traffic, open a file, drop one on the page, or pick an example.');
  state.renders += 1;
  root.dataset.rendered = String(state.renders);
  document.dispatchEvent(new CustomEvent('bits:rendered', { detail: { inspectMs: 0, renderMs: 0, messages: 0, findings: 0 } }));
}

function context(openCards) {
  return {
    openCards,
    headerHelp: state.headerHelp,
    locate,
    locateFinding,
    gotoMessage,
    copy: (text, what) => copy(text, what),
    copyMessage,
    bodyBytes: (index, limit) => state.report?.bodyBytes(index, limit) ?? Promise.resolve(null),
    isOpen: (index) => state.open.has(index),
    toggled: (index, open) => (open ? state.open.add(index) : state.open.delete(index)),
    built: (details) => {
      // A card drawn again (scrolled back into view) keeps the selection and hover marks.
      for (const [row, cls] of [[state.selectedRow, 'selected'], [state.hoveredRow, 'hovered']]) {
        if (row) details.querySelector(`#row-${CSS.escape(row)}`)?.classList.add(cls);
      }
    },
  };
}

// ------------------------------------------------------------------ pointing at bytes

function locate(span, row, what) {
  raw.highlight(span);
  selectRow(row);
  ui.hlStatus.textContent = `Showing ${what}: ${spanWords(span)}.`;
}

/** Lights up finding `f` (as the worker sent it) and selects the decoded row it is on. */
async function locateFinding(f) {
  const report = state.report;
  raw.highlight(f.span);
  ui.hlStatus.textContent = `Showing ${f.rule}: ${spanWords(f.span)}.`;
  let row = null;
  if (f.message != null) {
    const m = await report.message(f.message);
    if (!m || report !== state.report) return;
    await openCard(m.index);
    const j = m.headers.findIndex((hd) => f.header && hd.name.toLowerCase() === f.header.toLowerCase() && hd.span.start <= f.span.start && f.span.start <= hd.span.end);
    row = j >= 0 ? `m${m.index}-h${j}` : f.span.start >= m.start_line_span.start && f.span.end <= m.start_line_span.end ? `m${m.index}-sl` : null;
  }
  if (report === state.report) selectRow(row);
}

function selectRow(row) {
  if (state.selectedRow) $(`row-${state.selectedRow}`)?.classList.remove('selected');
  state.selectedRow = row;
  if (row) $(`row-${row}`)?.classList.add('selected');
}

function hoverRow(row) {
  if (row === state.hoveredRow) return;
  if (state.hoveredRow) $(`row-${state.hoveredRow}`)?.classList.remove('hovered');
  state.hoveredRow = row;
  if (row) $(`row-${row}`)?.classList.add('hovered');
}

/**
 * Opens the card of message `index`, drawing its row of the list first if it is not drawn
 * (its data may have to come from the worker). Resolves to the card, or null.
 */
async function openCard(index) {
  const report = state.report;
  const m = await report?.message(index);
  if (!m || report !== state.report) return null;
  await messagesList.ready(m.row);
  if (report !== state.report) return null;
  let card = state.cards.get(index);
  if (!card || !card.details.isConnected) {
    messagesList.ensure(m.row);
    card = state.cards.get(index);
  }
  if (!card) return null;
  state.open.add(index);
  card.build();
  card.details.open = true;
  return card.details;
}

async function gotoMessage(index) {
  const report = state.report;
  const m = await report?.message(index);
  if (!m || report !== state.report) return;
  await messagesList.ready(m.row);
  if (report !== state.report) return;
  if (messagesList.virtual) messagesList.scrollTo(m.row);
  const details = await openCard(index);
  if (!details) return;
  raw.reveal(m.span.start);
  details.scrollIntoView({ block: 'start' });
  details.querySelector('summary').focus();
}

function clearHighlight() {
  raw.clear();
  selectRow(null);
  ui.hlStatus.textContent = 'Click a finding or a decoded header to see its bytes here.';
}

// ------------------------------------------------------------------ copying

async function copy(text, what, statusEl = ui.copyStatus) {
  try {
    await copyText(text);
    statusEl.textContent = `Copied ${what}.`;
    statusEl.classList.remove('error');
    return true;
  } catch (e) {
    statusEl.textContent = `Could not copy ${what}: ${e.message}. Select the text and copy it by hand.`;
    statusEl.classList.add('error');
    return false;
  }
}

/** The findings as Markdown, which the worker writes (it holds every finding). */
async function copyFindings() {
  const report = state.report;
  if (!report) return;
  let markdown;
  try {
    markdown = await report.markdown();
    if (markdown == null) throw new Error('the report is no longer there');
  } catch (e) {
    ui.copyStatus.textContent = `Could not copy the findings: ${e.message}.`;
    ui.copyStatus.classList.add('error');
    return;
  }
  copy(markdown, 'the findings as Markdown');
}

/**
 * Saves the report as a file: the CLI's JSON report, or the findings as Markdown. The worker
 * writes the text; the file is made here, from a blob URL of this page (nothing is sent).
 */
async function download(kind) {
  const report = state.report;
  if (!report) return;
  const what = kind === 'json' ? 'the report as JSON' : 'the findings as Markdown';
  let text;
  try {
    text = kind === 'json' ? await report.json() : await report.markdown();
    if (text == null) throw new Error('the report is no longer there');
  } catch (e) {
    ui.copyStatus.textContent = `Could not save ${what}: ${e.message}.`;
    ui.copyStatus.classList.add('error');
    return;
  }
  const type = kind === 'json' ? 'application/json' : 'text/markdown';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = kind === 'json' ? 'bits-inspector-report.json' : 'bits-inspector-findings.md';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  ui.copyStatus.classList.remove('error');
  ui.copyStatus.textContent = `Saved ${what} (${(text.length / 1024).toFixed(1)} KB) as ${a.download}.`;
}

async function copyMessage(m) {
  // Head lines get CRLF back (a text box took them away); the body stays as it is.
  const what = `${messageName(m)} as raw text with CRLF line endings`;
  const split = Math.max(m.body.span.start, m.span.start);
  let head;
  let body;
  try {
    [head, body] = await textSlices([[m.span.start, split], [split, m.span.end]]);
  } catch (e) {
    ui.copyStatus.textContent = `Could not copy ${what}: ${e.message}.`;
    ui.copyStatus.classList.add('error');
    return;
  }
  copy(head.replace(/\r?\n/g, '\r\n') + body, what);
}

// ------------------------------------------------------------------ input

let timer = 0;
function schedule() {
  clearTimeout(timer);
  const delay = ui.input.value.length > 200_000 ? 400 : 150;
  timer = setTimeout(run, delay);
}

/** Takes bytes that came as bytes (file, drop, example, link): checked strictly unless pasted. */
function loadBytes(bytes, origin, { pasted = false } = {}) {
  clearTimeout(timer);
  state.source = pasted ? 'paste' : 'file';
  state.pasted = null;
  state.bytes = bytes;
  state.size = bytes.length;
  state.origin = origin;
  state.format = 'text';
  if (pasted || (!state.ready && bytes.length <= PASTE_BOX_UP_TO)) {
    // Without the engine (it failed to load) the text is still there to read.
    ui.input.value = decoder.decode(bytes);
  } else {
    // The paste box is filled from the worker's answer: only for text, and not too large.
    state.filled = false;
  }
  updateNote();
  run();
}

function updateNote() {
  if (state.source === 'paste' && state.pasted != null) {
    ui.note.textContent = `Pasted ${plural(state.pasted.length, 'character')}: too large to keep in the paste box (a text box that size slows the page down), so it is not shown there; the raw view shows it. Line endings are not checked. Type or paste in the box to start afresh.`;
  } else if (state.source === 'paste') {
    ui.note.textContent = 'Pasted text: a browser text box turns CRLF into LF, so line endings are not checked. Open the capture as a file (or drop it on the page) to have them checked strictly.';
  } else {
    const from = `${state.origin[0].toUpperCase()}${state.origin.slice(1)}, ${plural(state.size ?? state.bytes.length, 'byte')}`;
    if (state.format && state.format !== 'text') {
      ui.note.textContent = `${from}: a ${state.format} capture. The HTTP messages it carried are checked byte for byte; the raw view shows them one after another (not the file itself).`;
    } else if (state.filled && ui.input.value === '' && (state.size ?? 0) > 0) {
      ui.note.textContent = `${from}: checked byte for byte, CRLF line endings included. Too large for the paste box (${sizeWords(state.size)}); the raw view shows it.`;
    } else {
      ui.note.textContent = `${from}: checked byte for byte, CRLF line endings included. Editing the text makes it pasted text.`;
    }
  }
  ui.note.dataset.source = state.source;
}

/** Reads a file as a stream, showing the bytes read, and hands them to the worker. */
async function openFile(file) {
  if (file.size > MAX_FILE) {
    ui.note.textContent = `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; the inspector reads files up to ${MAX_FILE / 1048576} MB.`;
    return;
  }
  if (engine.busy) cancel(); // a new file replaces whatever was running
  state.reading = file.name;
  state.readCancelled = false;
  root.dataset.busy = '';
  let bytes;
  try {
    bytes = new Uint8Array(file.size);
    let at = 0;
    const reader = file.stream().getReader();
    showProgress(`Reading “${file.name}”: 0 of ${sizeWords(file.size)}`, 0);
    let slice = performance.now();
    for (;;) {
      // Chunks of a file on disk come back at once, as microtasks: left alone this loop
      // would read the whole file in one task. Give the page a turn every few milliseconds.
      if (performance.now() - slice > 20) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        slice = performance.now();
      }
      const { done, value } = await reader.read();
      if (state.readCancelled) {
        reader.cancel().catch(() => {});
        return;
      }
      if (done) break;
      if (at + value.length > bytes.length) {
        reader.cancel().catch(() => {});
        throw new Error('the file grew while it was read; try again');
      }
      bytes.set(value, at);
      at += value.length;
      ui.progressBar.value = file.size ? at / file.size : 1;
      ui.progressWords.textContent = `Reading “${file.name}”: ${sizeWords(at)} of ${sizeWords(file.size)}`;
    }
    if (at !== bytes.length) bytes = bytes.subarray(0, at); // shrank: ownBuffer copies it once
  } catch (e) {
    ui.note.textContent = `Could not read “${file.name}”: ${e.message}`;
    hideProgress();
    delete root.dataset.busy;
    return;
  } finally {
    state.reading = null;
  }
  state.reveal = 'scroll';
  loadBytes(bytes, `from file “${file.name}”`);
}

async function loadExample(example) {
  try {
    const response = await fetch(`examples/${example.file}`);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    state.reveal = 'scroll';
    loadBytes(new Uint8Array(await response.arrayBuffer()), `example “${example.label}” (${example.file})`);
  } catch (e) {
    ui.note.textContent = `Could not load the example ${example.file}: ${e.message}`;
  }
}

/**
 * The examples are buttons in index.html, the one list of them (there, the page does not
 * shift when the script comes): each names its file in `data-file`.
 */
function wireExamples() {
  for (const button of ui.examples.querySelectorAll('button[data-file]')) {
    button.addEventListener('click', () => loadExample({ file: button.dataset.file, label: button.textContent }));
  }
}

// ------------------------------------------------------------------ finding your way

/** A new report: every finding shown, the filters reset, the rules of this report listed. */
function showFilters(report) {
  ui.filterForm.reset();
  const options = [h('option', { value: '', text: 'All rules' })];
  for (const g of report.groups) options.push(h('option', { value: g.rule, text: `${g.rule} (${g.count.toLocaleString('en-US')})` }));
  ui.filterRule.replaceChildren(...options);
  renderRuleGroups(ui.ruleGroups, report.groups, (rule) => {
    ui.filterRule.value = rule;
    applyFilter();
    ui.findings.scrollIntoView({ block: 'nearest' });
  });
  ui.filterStatus.textContent = report.totalFindings ? `All ${plural(report.totalFindings, 'finding')}.` : '';
  showHeaderHits('', null);
}

/** Header lines a search lists at most (the engine stops there). */
const HEADER_HITS = 100;

/** The header lines that hold the search words, each a way to its message and bytes. */
function showHeaderHits(words, hits) {
  clear(ui.headerHits);
  ui.headerHits.hidden = !words;
  if (!words) return;
  const n = hits?.length ?? 0;
  ui.headerHits.append(h('p', { class: 'small' },
    n === 0 ? `No header holds “${words}”.`
      : `${n >= HEADER_HITS ? `The first ${HEADER_HITS}` : plural(n, 'header line')} holding “${words}”:`));
  if (!n) return;
  ui.headerHits.append(h('ul', { class: 'hits' }, hits.map((hit) => h('li', {},
    h('button', { type: 'button', class: 'mini', onclick: () => gotoHeader(hit) }, `#${hit.message}`), ' ',
    h('code', { text: `${hit.name}: ${hit.value.length > 120 ? `${hit.value.slice(0, 120)}…` : hit.value}` })))));
}

/** Opens the message a header search found and points at the header's bytes. */
async function gotoHeader(hit) {
  const report = state.report;
  raw.highlight(hit.span);
  ui.hlStatus.textContent = `Showing ${hit.name} of message #${hit.message}: ${spanWords(hit.span)}.`;
  await openCard(hit.message);
  if (report === state.report) selectRow(`m${hit.message}-h${hit.header}`);
}

let filterTimer = 0;

function wireFilters() {
  ui.filterForm.addEventListener('submit', (e) => e.preventDefault());
  // Typing in the search box waits for a pause; a click applies at once.
  ui.filterForm.addEventListener('input', (e) => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, e.target === ui.filterText || e.target === ui.filterMessage ? 150 : 0);
  });
}

/** The findings list keeps what the filters ask for; the worker does the matching. */
async function applyFilter() {
  const report = state.report;
  if (!report || !state.ctx) return;
  const severities = [...ui.filterForm.querySelectorAll('input[name="severity"]:checked')].map((c) => c.value);
  const message = ui.filterMessage.value === '' ? null : Number(ui.filterMessage.value);
  const query = {
    severities: severities.length === 3 ? [] : severities,
    rule: ui.filterRule.value,
    message: Number.isInteger(message) ? message : null,
    text: ui.filterText.value,
  };
  const [count, hits] = await Promise.all([
    report.filter(query).catch(() => null),
    query.text.trim() ? report.findHeaders(query.text.trim(), HEADER_HITS).catch(() => null) : null,
  ]);
  if (count == null || report !== state.report) return;
  showHeaderHits(query.text.trim(), hits);
  renderFindings(findingsList, report, state.ctx);
  findingsList.drawRest();
  // Tests (and anyone watching) can tell one filter's answer from the next.
  ui.filterStatus.dataset.applied = String(Number(ui.filterStatus.dataset.applied ?? 0) + 1);
  const all = report.totalFindings;
  ui.filterStatus.textContent = count === all
    ? `All ${plural(all, 'finding')}.`
    : `Showing ${count.toLocaleString('en-US')} of ${plural(all, 'finding')}.`;
}

function wireInput() {
  ui.input.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= KEEP_PASTE_IN_BOX_UP_TO) return; // the box takes it, undo and all
    e.preventDefault();
    takeLargePaste(text);
  });
  ui.input.addEventListener('input', (e) => {
    state.source = 'paste';
    state.pasted = null;
    state.reveal = 'link';
    if (isShareHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    updateNote();
    // A paste or a drop of text is one action: show it at once. Typing waits for a pause.
    if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') {
      clearTimeout(timer);
      run();
    } else {
      schedule();
    }
  });
  ui.profile.addEventListener('change', run);
  ui.cancel.addEventListener('click', cancel);
  ui.showWs.addEventListener('change', () => raw.setShowWhitespace(ui.showWs.checked));
  ui.openFile.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files[0];
    if (file) openFile(file);
    ui.fileInput.value = '';
  });

  // Drag and drop anywhere on the page.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    ui.drop.hidden = false;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) ui.drop.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    ui.drop.hidden = true;
    const file = e.dataTransfer.files[0];
    if (file) openFile(file);
  });

  // Share and copy.
  ui.share.addEventListener('click', share);
  ui.copyShare.addEventListener('click', () => copy(ui.shareUrl.value, 'the share link', ui.shareStatus));
  ui.copyFindings.addEventListener('click', copyFindings);
  ui.downloadJson.addEventListener('click', () => download('json'));
  ui.downloadMarkdown.addEventListener('click', () => download('markdown'));
  window.addEventListener('hashchange', () => isShareHash(location.hash) && restoreFromHash());

  // Lookup.
  ui.lookup.addEventListener('submit', (e) => {
    e.preventDefault();
    lookup(ui.lookupInput.value);
  });

  // Keyboard: Esc clears the highlight (or closes the lookup), / goes to the lookup box.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (!ui.lookupResult.hidden) closeLookup();
      else clearHighlight();
    } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const t = e.target;
      const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
      if (!typing) {
        e.preventDefault();
        ui.lookupInput.focus();
      }
    }
  });
}

/**
 * A large paste is kept here, not in the paste box: a text box holding megabytes takes
 * seconds to lay out and paint, on the page's main thread, and again at every change.
 */
function takeLargePaste(text) {
  clearTimeout(timer);
  state.source = 'paste';
  state.pasted = text;
  state.reveal = 'link';
  ui.input.value = '';
  if (isShareHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  updateNote();
  // In a task of its own: reading the clipboard's megabytes was this one's share.
  timer = setTimeout(run, 0);
}

async function lookup(query) {
  query = query.trim();
  if (!query || !state.ready) return;
  let answer;
  try {
    answer = await engine.request({ type: 'explain', query });
  } catch (e) {
    if (e instanceof Cancelled) return;
    throw e;
  }
  ui.lookupResult.hidden = false;
  renderExplanation(ui.lookupResult, answer.value, query, closeLookup);
}

function closeLookup() {
  ui.lookupResult.hidden = true;
  clear(ui.lookupResult);
  ui.lookupInput.focus();
}

// ------------------------------------------------------------------ share links

async function share() {
  const pasted = state.source === 'paste';
  const current = pasted ? state.pasted ?? ui.input.value : null;
  ui.shareStatus.classList.remove('error');
  if (pasted ? current.length === 0 : state.bytes.length === 0 && !state.busyBytes) {
    ui.shareStatus.textContent = 'Nothing to share yet: paste or open a capture first.';
    return;
  }
  // The link carries what the engine inspected (a capture's transcript, redacted there when
  // asked): the shown report must be of the current input.
  const report = state.report;
  const stale = !report || state.busyBytes || (pasted && report.pastedText !== current);
  const redact = ui.redact.checked;
  const shared = stale ? null : await report.shared(redact).catch(() => null);
  if (!shared) {
    ui.shareStatus.textContent = 'Still inspecting: try again when the report is shown.';
    return;
  }
  let fragment;
  try {
    fragment = await encodeFragment(shared.bytes, { profile: ui.profile.value, source: pasted ? 'paste' : 'file' });
  } catch (e) {
    ui.shareOut.hidden = true;
    ui.shareStatus.classList.add('error');
    ui.shareStatus.textContent = e instanceof ShareError ? e.message : `Could not make a share link: ${e.message}`;
    return;
  }
  const url = `${location.href.split('#')[0]}#${fragment}`;
  ui.shareUrl.value = url;
  ui.shareOut.hidden = false;
  const what = `the share link (${(fragment.length / 1024).toFixed(1)} KB${redact ? `; redacted: ${shared.replaced}` : ''})`;
  await copy(url, what, ui.shareStatus);
}

async function restoreFromHash() {
  try {
    const { bytes, profile, source } = await decodeFragment(location.hash);
    ui.profile.value = profile;
    loadBytes(bytes, 'from a share link', { pasted: source === 'paste' });
    ui.shareStatus.classList.remove('error');
    ui.shareStatus.textContent = 'Opened from a share link: the capture came in the link itself, not from a server.';
  } catch (e) {
    ui.shareStatus.classList.add('error');
    ui.shareStatus.textContent = e instanceof ShareError ? e.message : `Could not open this share link: ${e.message}`;
    run();
  }
}

// ------------------------------------------------------------------ theme

function wireTheme() {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const dark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : media.matches);
  const update = () => {
    ui.theme.setAttribute('aria-pressed', String(dark()));
    ui.theme.title = root.dataset.theme ? 'Your choice; toggle back to follow the system' : 'Following the system; toggle to choose';
  };
  ui.theme.addEventListener('click', () => {
    const want = !dark();
    try {
      if (want === media.matches) {
        delete root.dataset.theme; // back to following the system
        localStorage.removeItem('bits-inspector-theme');
      } else {
        root.dataset.theme = want ? 'dark' : 'light';
        localStorage.setItem('bits-inspector-theme', root.dataset.theme);
      }
    } catch {
      root.dataset.theme = want ? 'dark' : 'light';
    }
    update();
  });
  media.addEventListener('change', update);
  update();
}

start();
