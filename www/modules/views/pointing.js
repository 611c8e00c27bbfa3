// Pointing at bytes: a finding, a header or a message lights up its bytes in the raw view
// and its decoded row, opening (and drawing) the message's card on the way.

import { ui } from '../ui.js';
import { shown } from '../state.js';
import { spanWords } from '../render.js';
import { raw, messagesList } from './lists.js';
import { selectRow } from './rows.js';

/**
 * @typedef {import('../protocol.js').PageFinding} PageFinding
 * @typedef {import('../../pkg/bits_inspector.js').PageSpan} PageSpan
 */

/**
 * @param {PageSpan} span
 * @param {string | null} row
 * @param {string} what
 */
export function locate(span, row, what) {
  raw.highlight(span);
  selectRow(row);
  ui.hlStatus.textContent = `Showing ${what}: ${spanWords(span)}.`;
}

/**
 * Lights up finding `f` (as the worker sent it) and selects the decoded row it is on.
 * @param {PageFinding} f
 */
export async function locateFinding(f) {
  const report = shown.value.report;
  raw.highlight(f.span);
  ui.hlStatus.textContent = `Showing ${f.rule}: ${spanWords(f.span)}.`;
  let row = null;
  if (f.message != null) {
    const m = await report.message(f.message);
    if (!m || report !== shown.value.report) return;
    await openCard(m.index);
    const j = m.headers.findIndex((hd) => f.header && hd.name.toLowerCase() === f.header.toLowerCase() && hd.span.start <= f.span.start && f.span.start <= hd.span.end);
    row = j >= 0 ? `m${m.index}-h${j}` : f.span.start >= m.start_line_span.start && f.span.end <= m.start_line_span.end ? `m${m.index}-sl` : null;
  }
  if (report === shown.value.report) selectRow(row);
}

/**
 * Opens the card of message `index`, drawing its row of the list first if it is not drawn
 * (its data may have to come from the worker). Resolves to the card, or null.
 * @param {number} index
 */
export async function openCard(index) {
  const report = shown.value.report;
  const m = await report?.message(index);
  if (!m || report !== shown.value.report) return null;
  await messagesList.ready(m.row);
  if (report !== shown.value.report) return null;
  let card = shown.value.cards.get(index);
  if (!card || !card.details.isConnected) {
    messagesList.ensure(m.row);
    card = shown.value.cards.get(index);
  }
  if (!card) return null;
  shown.value.open.add(index);
  card.build();
  card.details.open = true;
  return card.details;
}

/** @param {number} index */
export async function gotoMessage(index) {
  const report = shown.value.report;
  const m = await report?.message(index);
  if (!m || report !== shown.value.report) return;
  await messagesList.ready(m.row);
  if (report !== shown.value.report) return;
  if (messagesList.virtual) messagesList.scrollTo(m.row);
  const details = await openCard(index);
  if (!details) return;
  raw.reveal(m.span.start);
  details.scrollIntoView({ block: 'start' });
  details.querySelector('summary').focus();
}

export function clearHighlight() {
  raw.clear();
  selectRow(null);
  ui.hlStatus.textContent = 'Click a finding or a decoded header to see its bytes here.';
}
