// Finding your way in a report: the findings filter (severity, rule, message, words), the
// table of rules found, and the header lines that hold the searched words. The worker does
// the matching.

import { ui } from '../ui.js';
import { shown } from '../state.js';
import { h, clear, plural } from '../dom.js';
import { renderFindings, renderRuleGroups, spanWords } from '../render.js';
import { raw, findingsList } from './lists.js';
import { selectRow } from './rows.js';
import { openCard } from './pointing.js';

/** @typedef {import('../protocol.js').PageHeaderHit} PageHeaderHit */

/** Header lines a search lists at most (the engine stops there). */
const HEADER_HITS = 100;

/**
 * A new report: every finding shown, the filters reset, the rules of this report listed.
 * @param {import('../remote-report.js').RemoteReport} report
 */
export function showFilters(report) {
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

/**
 * The header lines that hold the search words, each a way to its message and bytes.
 * @param {string} words
 * @param {PageHeaderHit[] | null} hits
 */
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

/**
 * Opens the message a header search found and points at the header's bytes.
 * @param {PageHeaderHit} hit
 */
async function gotoHeader(hit) {
  const report = shown.value.report;
  raw.highlight(hit.span);
  ui.hlStatus.textContent = `Showing ${hit.name} of message #${hit.message}: ${spanWords(hit.span)}.`;
  await openCard(hit.message);
  if (report === shown.value.report) selectRow(`m${hit.message}-h${hit.header}`);
}

let filterTimer = 0;

export function wireFilters() {
  ui.filterForm.addEventListener('submit', (/** @type {Event} */ e) => e.preventDefault());
  // Typing in the search box waits for a pause; a click applies at once.
  ui.filterForm.addEventListener('input', (/** @type {Event} */ e) => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilter, e.target === ui.filterText || e.target === ui.filterMessage ? 150 : 0);
  });
}

/** The findings list keeps what the filters ask for; the worker does the matching. */
async function applyFilter() {
  const { report, ctx } = shown.value;
  if (!report || !ctx) return;
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
  if (count == null || report !== shown.value.report) return;
  showHeaderHits(query.text.trim(), hits);
  renderFindings(findingsList, report, ctx);
  findingsList.drawRest();
  // Tests (and anyone watching) can tell one filter's answer from the next.
  ui.filterStatus.dataset.applied = String(Number(ui.filterStatus.dataset.applied ?? 0) + 1);
  const all = report.totalFindings;
  ui.filterStatus.textContent = count === all
    ? `All ${plural(all, 'finding')}.`
    : `Showing ${count.toLocaleString('en-US')} of ${plural(all, 'finding')}.`;
}
