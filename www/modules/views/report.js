// Drawing a report: the verdict and findings first, then the raw view, the conversation and
// the message list; and the page without a report (empty input, cancelled).

import { ui, root } from '../ui.js';
import { shown, input, headerHelp } from '../state.js';
import { h, clear } from '../dom.js';
import { renderVerdict, renderVerdictMessage, renderFindings, renderSequence, renderSessions, renderMessages, renderCapture } from '../render.js';
import { OPEN_CARDS_UP_TO, DRAW_ALL_PAIRS } from '../limits.js';
import { afterPaint } from '../after-paint.js';
import { raw, findingsList, messagesList } from './lists.js';
import { locate, locateFinding, gotoMessage } from './pointing.js';
import { showFilters } from './filters.js';
import { copy, copyMessage } from './copy.js';

/** @typedef {import('../remote-report.js').RemoteReport} RemoteReport */

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
 * @param {RemoteReport} report
 * @param {string} source words for where the input came from
 * @param {() => boolean} stale
 * @param {'scroll' | 'link' | null} reveal
 * @returns {Promise<Record<string, number> | null>}
 */
export async function render(report, source, stale = () => false, reveal = null) {
  const arrived = (/** @type {Promise<unknown> | null} */ promise) => (promise ?? Promise.resolve()).then(() => true, () => false);
  const entries = report.sequence.length + report.sessions.reduce((n, s) => n + s.fragments.length, 0);
  const inStages = entries > DRAW_IN_STAGES_OVER.entries || report.messageCount > DRAW_IN_STAGES_OVER.messages;
  /** @type {Record<string, number>} */
  const phases = {};
  let t = performance.now();
  const stage = async (/** @type {string} */ name, /** @type {() => void} */ draw) => {
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
  const small = report.messageCount <= OPEN_CARDS_UP_TO && report.findingCount <= 200;
  const ctx = context(report.messageCount <= OPEN_CARDS_UP_TO);
  shown.set({ report, selectedRow: null, hoveredRow: null, open: new Set(), ctx });
  await stage('findings', () => {
    const fromFile = input.value.source === 'file';
    renderVerdict(ui.verdict, report, source, fromFile ? input.value.size : null);
    ui.copyFindings.disabled = false;
    ui.downloadJson.disabled = false;
    ui.downloadMarkdown.disabled = false;
    ui.findingsCard.hidden = report.findingCount === 0;
    if (small) delete root.dataset.large;
    else root.dataset.large = '';
    renderCapture(ui.capture, report);
    // Input with no message at all is named by the verdict ('Not HTTP traffic: ...').
    if (report.input.format === 'text' && fromFile && report.allUnknown && report.input.content !== 'not-http') {
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
    shown.set({ cards: renderMessages(messagesList, report, ctx) });
  });
  return drawn ? phases : null;
}

/**
 * Brings the verdict into view when it is off screen (below the input on a narrow screen):
 * scrolls to it for `how` 'scroll', shows the "Results below" link for 'link' (the focus
 * stays in the paste box and the page where it is).
 * @param {'scroll' | 'link' | null} how
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
export function wireResultsLink() {
  ui.resultsLink.addEventListener('click', (/** @type {Event} */ e) => {
    e.preventDefault(); // not the fragment: that is where share links live
    ui.resultsLink.hidden = true;
    ui.verdictCard.scrollIntoView({ block: 'start' });
    ui.verdict.focus({ preventScroll: true });
  });
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) ui.resultsLink.hidden = true;
  }).observe(ui.verdict);
}

export function clearResults() {
  shown.set({ report: null });
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

/** Counts a drawing (tests wait for the count to change). */
export function countRender() {
  const renders = shown.value.renders + 1;
  shown.set({ renders });
  root.dataset.rendered = String(renders);
}

export function showEmpty() {
  clearResults();
  renderVerdictMessage(ui.verdict, 'Paste captured BITS traffic, open a file, drop one on the page, or pick an example.');
  countRender();
  document.dispatchEvent(new CustomEvent('bits:rendered', { detail: { inspectMs: 0, renderMs: 0, messages: 0, findings: 0 } }));
}

/**
 * What the views of a report call back.
 * @param {boolean} openCards
 */
function context(openCards) {
  return {
    openCards,
    headerHelp,
    locate,
    locateFinding,
    gotoMessage,
    copy: (/** @type {string} */ text, /** @type {string} */ what) => copy(text, what),
    copyMessage,
    bodyBytes: (/** @type {number} */ index, /** @type {number} */ limit) => shown.value.report?.bodyBytes(index, limit) ?? Promise.resolve(null),
    isOpen: (/** @type {number} */ index) => shown.value.open.has(index),
    toggled: (/** @type {number} */ index, /** @type {boolean} */ open) => (open ? shown.value.open.add(index) : shown.value.open.delete(index)),
    built: (/** @type {HTMLElement} */ details) => {
      // A card drawn again (scrolled back into view) keeps the selection and hover marks.
      for (const [row, cls] of [[shown.value.selectedRow, 'selected'], [shown.value.hoveredRow, 'hovered']]) {
        if (row) details.querySelector(`#row-${CSS.escape(row)}`)?.classList.add(cls);
      }
    },
  };
}
