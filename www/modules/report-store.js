// The whole report, kept in the worker. The page never receives it whole: structured-clone
// reading of a report of 100,000 messages is one long task on the page's main thread.
// Instead the page gets a summary (counts, the first entries of the conversation, the rows
// and findings of its first screen) and asks for the rest as it is shown: rows of the
// message list, findings in the order drawn, one message, the raw text around a span.
//
// Everything here is computed once per inspection and answered from arrays, so a request
// costs what it returns, not what the report holds.

import {
  DRAW_ALL_FINDINGS, DRAW_ALL_PAIRS, OPEN_CARDS_UP_TO, SEQUENCE_SHOWN, FRAGMENTS_SHOWN, SESSIONS_SHOWN, CONNECTIONS_SHOWN,
  WHOLE_UP_TO_CHARS, WHOLE_UP_TO_REGIONS, REGION_CUT, REGIONS_PER_MARK,
} from './limits.js';
import { regionBounds, piecesOf, regionIndexAt } from './regions.js';
import { findingsMarkdown, severityOrder } from './markdown.js';

export class ReportStore {
  /**
   * `text`: what the spans point into (the decoded input, or a capture's transcript).
   * `wholeMessage(i)`: message `i` with its headers, which `report` leaves out (the engine
   * decodes a message's headers when it is drawn, not all of them up front); omitted when
   * the report's messages are whole.
   */
  constructor(report, text, wholeMessage = null) {
    this.report = report;
    this.text = text;
    this.wholeMessage = wholeMessage ?? ((i) => report.messages[i]);
    this.pairRows();
    this.order = severityOrder(report.findings);
    // The findings drawn: all of them in `order`, or those a filter keeps (see `filter`).
    this.view = this.order;
    this.position = new Int32Array(this.order.length);
    this.order.forEach((finding, at) => { this.position[finding] = at; });
    this.groups = ruleGroups(report.findings, this.order);
    this.regions = regionBounds(text.length, report.messages);
  }

  /**
   * Requests beside the responses that answer them, in the order the requests came: the
   * rows of the message list (each one or two message indices) and each message's row.
   */
  pairRows() {
    const messages = this.report.messages;
    const rowOf = new Int32Array(messages.length).fill(-1);
    const rows = [];
    for (const m of messages) {
      if (rowOf[m.index] >= 0) continue;
      const other = m.pair != null ? messages[m.pair] : null;
      if (other && rowOf[other.index] < 0 && other.index > m.index) {
        rows.push(m.direction === 'response' ? [other.index, m.index] : [m.index, other.index]);
        rowOf[other.index] = rows.length - 1;
      } else {
        rows.push([m.index]);
      }
      rowOf[m.index] = rows.length - 1;
    }
    this.rows = rows;
    this.rowOf = rowOf;
  }

  /** What the page draws first; `text` is included when the raw view shows it whole. */
  summary() {
    const r = this.report;
    const whole = this.text.length <= WHOLE_UP_TO_CHARS && this.regions.length <= WHOLE_UP_TO_REGIONS;
    return {
      version: r.version,
      profile: r.profile,
      input: r.input,
      counts: r.counts,
      messageCount: r.messages.length,
      findingCount: r.findings.length,
      groups: this.groups,
      rowCount: this.rows.length,
      allUnknown: r.messages.every((m) => m.direction === 'unknown'),
      capture: this.capture(),
      sequence: r.messages.slice(0, SEQUENCE_SHOWN).map(brief),
      sessionCount: r.sessions.length,
      sessions: r.sessions.slice(0, SESSIONS_SHOWN).map((s) => this.session(s)),
      raw: whole
        ? { whole: true, length: this.text.length, regionCount: this.regions.length, text: this.text, regions: this.regions.map((g) => this.region(g, false)) }
        : { whole: false, length: this.text.length, regionCount: this.regions.length, first: this.around(0, 0) },
      // The first screen of each list, so it is drawn without asking again (the rows of a
      // small report only: see OPEN_CARDS_UP_TO).
      rows: { from: 0, items: r.messages.length <= OPEN_CARDS_UP_TO ? this.rowsOf(0, Math.min(this.rows.length, DRAW_ALL_PAIRS)) : [] },
      findings: { from: 0, items: this.findingsAt(0, Math.min(this.order.length, DRAW_ALL_FINDINGS)) },
    };
  }

  capture() {
    const c = this.report.capture;
    if (!c) return null;
    return { ...c, connections: c.connections.slice(0, CONNECTIONS_SHOWN), connectionCount: c.connections.length };
  }

  /** A session as the conversation card shows it: its first fragments and what closed it. */
  session(s) {
    const messages = this.report.messages;
    const closing = s.messages.map((i) => messages[i]).filter((m) => m && /^(close|cancel)-session$/.test(m.kind));
    const { messages: _, ...rest } = s;
    return {
      ...rest,
      fragments: s.fragments.slice(0, FRAGMENTS_SHOWN),
      fragmentCount: s.fragments.length,
      closing: closing.map((m) => ({ index: m.index, label: m.label })),
    };
  }

  /** Rows `from` to `to` (exclusive) of the message list: each a list of full messages. */
  rowsOf(from, to) {
    return this.rows.slice(from, to).map((row) => row.map((i) => this.message(i)));
  }

  /**
   * Message `i` as the page draws it: its row in the list, its findings whole (not as
   * indices), and the connection it travelled on (a capture's list of connections is cut).
   */
  message(i) {
    if (!this.report.messages[i]) return null;
    const m = this.wholeMessage(i);
    const connection = m.origin ? this.report.capture?.connections?.[m.origin.connection] ?? null : null;
    return { ...m, row: this.rowOf[i], findings: m.findings.map((f) => this.finding(f)), connection };
  }

  /** Finding `i` with its index, its place in the drawn order and its message's name. */
  finding(i) {
    const f = this.report.findings[i];
    const m = f.message != null ? this.report.messages[f.message] : null;
    return { ...f, index: i, position: this.position[i], message_name: m ? `#${m.index} ${m.label}` : null };
  }

  /** Findings at positions `from` to `to` (exclusive) of the drawn order (errors first). */
  findingsAt(from, to) {
    return this.view.slice(from, to).map((i) => this.finding(i));
  }

  /**
   * Keeps the findings that match, for the list the page draws: `severities` (a list; all
   * when empty), one `rule` id, one `message` index, and `text`, a search over the rule id,
   * title, summary, header and message name, without case. Returns how many match.
   */
  filter({ severities = [], rule = '', message = null, text = '' } = {}) {
    const findings = this.report.findings;
    const messages = this.report.messages;
    const words = text.trim().toLowerCase();
    const keep = (i) => {
      const f = findings[i];
      if (severities.length && !severities.includes(f.severity)) return false;
      if (rule && f.rule !== rule) return false;
      if (message != null && f.message !== message) return false;
      if (!words) return true;
      const m = f.message != null ? messages[f.message] : null;
      const hay = `${f.rule}\n${f.title}\n${f.summary}\n${f.header ?? ''}\n${m ? `#${m.index} ${m.label}` : ''}`.toLowerCase();
      return hay.includes(words);
    };
    const everything = !severities.length && !rule && message == null && !words;
    this.view = everything ? this.order : this.order.filter(keep);
    this.position.fill(-1);
    this.view.forEach((finding, at) => { this.position[finding] = at; });
    return { count: this.view.length, first: this.findingsAt(0, Math.min(this.view.length, DRAW_ALL_FINDINGS)) };
  }

  /** A region with its pieces, and its text unless the whole text goes along. */
  region(g, withText = true) {
    const m = g.message != null ? this.wholeMessage(g.message) : null;
    const out = { ...g, pieces: piecesOf(g, m) };
    if (withText) out.text = this.text.slice(g.start, Math.min(g.end, g.start + REGION_CUT));
    return out;
  }

  /** The regions a mark from `start` to `end` touches (at most a few), with their text. */
  around(start, end) {
    if (this.regions.length === 0) return [];
    const from = regionIndexAt(this.regions, start);
    const out = [];
    for (let i = from; i < this.regions.length && out.length < REGIONS_PER_MARK; i++) {
      if (i > from && this.regions[i].start >= end) break;
      out.push(this.region(this.regions[i]));
    }
    return out;
  }

  /** Pieces of the text: [[start, end], …] → [string, …]. */
  slices(spans) {
    return spans.map(([start, end]) => this.text.slice(start, end));
  }

  markdown() {
    return findingsMarkdown(this.report);
  }

  /** Answers one request of the page (see worker.js). */
  answer(query) {
    if (query.rows) return this.rowsOf(...query.rows);
    if (query.findings) return this.findingsAt(...query.findings);
    if (query.message != null) return this.message(query.message);
    if (query.around) return this.around(...query.around);
    if (query.slices) return this.slices(query.slices);
    if (query.markdown) return this.markdown();
    if (query.filter) return this.filter(query.filter);
    throw new Error(`unknown request ${JSON.stringify(Object.keys(query))}`);
  }
}

/**
 * The findings by rule, as Wireshark's Expert Info lists them: each rule once with its
 * severity and count, errors first, then the most frequent.
 */
function ruleGroups(findings, order) {
  const byRule = new Map();
  for (const i of order) {
    const f = findings[i];
    const group = byRule.get(f.rule);
    if (group) group.count += 1;
    else byRule.set(f.rule, { rule: f.rule, severity: f.severity, title: f.title, count: 1 });
  }
  const rank = { error: 0, warning: 1, note: 2 };
  return [...byRule.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || (a.rule < b.rule ? -1 : 1));
}

/** A message as the sequence of the conversation names it. */
function brief(m) {
  return {
    index: m.index, direction: m.direction, kind: m.kind, label: m.label, status: m.status, reason: m.reason,
    target: m.target, start_line: m.start_line, origin: m.origin, counts: m.counts, findingCount: m.findings.length,
  };
}
