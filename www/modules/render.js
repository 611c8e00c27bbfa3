// Rendering a report: verdict, findings, the conversation, and every message decoded.
// All text from the input goes through dom.js as text, never as HTML.
//
// `report` is a RemoteReport (remote-report.js): the worker's summary, with the rows and
// findings the page has asked for so far.

import { h, clear, specLink, plural, severityTag, countsBadge, prose, SEVERITY } from './dom.js';
import { num } from './words.js';
import { DRAW_ALL_FINDINGS, DRAW_ALL_PAIRS, SEQUENCE_SHOWN, FRAGMENTS_SHOWN, SESSIONS_SHOWN, CONNECTIONS_SHOWN } from './limits.js';


export const messageName = (m) => `#${m.index} ${m.label}`;

/** Where a span starts and ends, in words. */
export function spanWords(span) {
  const start = `line ${span.line}, column ${span.column}`;
  if (span.end === span.start) return `${start} (an empty span: the place where something is missing)`;
  if (span.end_line === span.line) return `${start} to column ${span.end_column}`;
  return `${start} to line ${span.end_line}, column ${span.end_column}`;
}

// ------------------------------------------------------------------ verdict

/** `fileBytes`: the size of the file a capture came from (the report counts the transcript). */
export function renderVerdict(el, report, source, fileBytes = null) {
  clear(el);
  const c = report.counts;
  el.dataset.errors = c.errors;
  el.dataset.warnings = c.warnings;
  el.dataset.notes = c.notes;
  const level = c.errors ? 'error' : c.warnings ? 'warning'
    : report.input.content === 'http-without-bits' || c.notes ? 'note' : 'ok';
  el.dataset.level = level;
  const messages = plural(report.messageCount, 'message');
  const content = report.input.content;
  el.dataset.content = content;
  let line;
  if (content === 'not-http') {
    // Never "0 messages": say what the input is instead.
    line = [h('strong', { text: 'Not HTTP traffic:' }), ` the input looks like ${report.input.looks_like}. Paste HTTP messages, or open a pcap, pcapng or HAR capture.`];
  } else if (content === 'http-without-bits') {
    // Findings or not, HTTP without BITS is never "all well": there was nothing BITS to check.
    line = [h('strong', { text: 'No BITS traffic found:' }), ` ${messages} decoded, none of them part of a BITS upload`];
    if (c.errors + c.warnings) line.push(`; ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`);
    line.push('.');
  } else if (c.errors + c.warnings + c.notes === 0) {
    line = [h('strong', { text: 'All well:' }), ` ${messages} decoded, no errors, warnings or notes.`];
  } else if (c.errors + c.warnings === 0) {
    line = [h('strong', { text: 'No errors or warnings' }), ` in ${messages}; ${plural(c.notes, 'note')} worth reading.`];
  } else {
    line = [
      h('strong', { class: c.errors ? 'count-error' : '', text: plural(c.errors, 'error') }), ', ',
      h('strong', { class: c.warnings ? 'count-warning' : '', text: plural(c.warnings, 'warning') }), ', ',
      plural(c.notes, 'note'), ` in ${messages}.`,
    ];
  }
  const icon = { error: SEVERITY.error.icon, warning: SEVERITY.warning.icon, note: SEVERITY.note.icon, ok: '✓' }[level];
  el.append(
    h('div', { class: `verdict-main level-${level}` },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true', text: icon }),
      h('div', {},
        h('p', { class: 'verdict-line' }, line),
        h('p', { class: 'verdict-sub small' },
          `Profile ${report.profile} · ${num(report.capture && fileBytes != null ? fileBytes : report.input.bytes)} bytes ${source}`,
          report.capture ? ` · a ${report.capture.format} capture` : '', ' · ',
          lineEndingWords(report.input)))),
  );
}

/** Only where there were line endings to check: a binary file has none. */
function lineEndingWords(input) {
  if (input.line_endings === 'none') return 'no message heads, no line endings';
  return input.line_endings_checked
    ? `line endings checked (${input.line_endings.toUpperCase()})`
    : 'line endings not checked (pasted text)';
}

/** Bytes a hex view shows at most: enough to recognise a format, small enough to draw at once. */
const HEX_UP_TO = 4096;

/** A body's bytes in hex, drawn when asked for (binary bodies show as U+FFFD in the raw view). */
function hexView(m, ctx) {
  const out = h('pre', { class: 'hex', id: `hex-m${m.index}`, hidden: true, tabindex: '0' });
  const button = h('button', {
    type: 'button', class: 'mini', 'aria-expanded': 'false', 'aria-controls': `hex-m${m.index}`, text: 'Show as hex',
    onclick: async () => {
      const open = button.getAttribute('aria-expanded') === 'true';
      if (open) {
        out.hidden = true;
        button.setAttribute('aria-expanded', 'false');
        button.textContent = 'Show as hex';
        return;
      }
      const bytes = await ctx.bodyBytes(m.index, HEX_UP_TO);
      if (!bytes) return;
      out.textContent = hexDump(bytes) + (m.body.length > bytes.length ? `\n… the first ${num(bytes.length)} of ${num(m.body.length)} bytes` : '');
      out.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      button.textContent = 'Hide hex';
    },
  });
  return h('div', { class: 'hex-view' }, button, out);
}

/** `offset  16 bytes in hex  |ASCII|`, as hexdump -C writes it. */
export function hexDump(bytes) {
  const lines = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return lines.join('\n');
}

export function renderVerdictMessage(el, text, level = 'idle') {
  clear(el);
  delete el.dataset.errors;
  delete el.dataset.warnings;
  delete el.dataset.notes;
  el.dataset.level = level;
  el.append(h('p', { class: 'verdict-line', text }));
}

// ------------------------------------------------------------------ findings

/**
 * Errors first, then warnings, then notes; in input order within each (the worker orders
 * them). `list` is a VirtualList: long lists draw only the findings on screen; a list drawn
 * whole draws its first `upTo` findings now and the rest at `list.drawRest()`.
 */
/**
 * The findings by rule with their counts, as Wireshark's Expert Info shows them; a rule's
 * button shows only its findings (`pick(rule)`).
 */
export function renderRuleGroups(el, groups, pick) {
  clear(el);
  if (!groups.length) return;
  const rows = groups.map((g) => h('tr', { dataset: { rule: g.rule } },
    h('td', {}, severityTag(g.severity)),
    h('td', {}, h('button', { type: 'button', class: 'mini rule-pick', title: `Show only ${g.rule}`, onclick: () => pick(g.rule) }, h('code', { text: g.rule }))),
    h('td', { class: 'count', text: num(g.count) }),
    h('td', { class: 'small' }, prose(g.title))));
  el.append(h('table', { class: 'groups' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Severity' }), h('th', { scope: 'col', text: 'Rule' }), h('th', { scope: 'col', text: 'Count' }), h('th', { scope: 'col', text: 'What' }))),
    h('tbody', {}, rows)));
}

export function renderFindings(list, report, ctx, upTo = Infinity) {
  list.set(report.findingCount, (at) => {
    const f = report.findingNow(at);
    return f ? findingItem(f, ctx) : null;
  }, { threshold: DRAW_ALL_FINDINGS, estimate: 150, load: (first, last) => report.loadFindings(first, last), upTo });
}

function findingItem(f, ctx) {
  const i = f.index;
  const where = [spanWords(f.span)];
  if (f.message_name) where.push(f.message_name);
  if (f.header) where.push(f.header);
  const links = f.links.map((l) => specLink(l.url, l.id, l.title));
  return h('div', { class: `finding finding-${f.severity}`, id: `finding-${i}`, role: 'listitem', dataset: { rule: f.rule, severity: f.severity } },
    h('button', { type: 'button', class: 'finding-head', title: 'Show its bytes in the raw view', onclick: () => ctx.locateFinding(f) },
      severityTag(f.severity), ' ',
      h('code', { class: 'rule', text: f.rule }), ' ',
      h('span', { class: 'summary' }, prose(f.summary))),
    h('p', { class: 'where small muted', text: where.join(' · ') }),
    h('p', { class: 'finding-title' }, prose(f.title)),
    h('p', { class: 'explanation' }, prose(f.explanation)),
    h('p', { class: 'links small' }, 'Spec: ', join(links, ', '),
      f.reference && f.reference !== '-' ? ` · protocol reference ${f.reference}` : '',
      ` · group ${f.group}`),
  );
}

function join(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => {
    if (i) out.push(sep);
    out.push(n);
  });
  return out;
}

// ------------------------------------------------------------------ conversation

export function renderConversation(el, report, ctx) {
  renderSequence(el, report, ctx);
  renderSessions(el, report, ctx);
}

/**
 * The first half of the conversation, the sequence of messages: its entries `from` to `to`
 * (a large report draws the sequence in parts and the sessions after it, each part in a
 * task of its own; the part from 0 starts the card afresh).
 */
export function renderSequence(el, report, ctx, from = 0, to = report.sequence.length) {
  if (from > 0 && from >= report.sequence.length) return; // drawn whole already
  if (from === 0) {
    clear(el);
    el.append(h('h3', { text: 'Sequence' }), h('ol', { class: 'sequence', start: '0' }));
  }
  const seq = el.querySelector('ol.sequence');
  for (const m of report.sequence.slice(from, to)) {
    const arrow = m.direction === 'request' ? '→' : m.direction === 'response' ? '←' : '·';
    const what = m.direction === 'response' ? `${m.status ?? ''} ${m.reason ?? ''}`.trim() : m.target ?? m.start_line;
    seq.append(
      h('li', { class: `seq seq-${m.direction}`, dataset: { kind: m.kind } },
        h('button', { type: 'button', class: 'seq-item', onclick: () => ctx.gotoMessage(m.index) },
          `${arrow} #${m.index} ${m.label} `,
          h('span', { class: 'muted seq-what', text: what }),
          m.origin ? h('span', { class: 'muted seq-frames small', text: ` ${framesWords(m.origin)}` }) : null),
        m.findingCount ? [' ', countsBadge(m.counts)] : null),
    );
  }
  if (to < report.sequence.length) return;
  if (report.messageCount > SEQUENCE_SHOWN) {
    el.append(h('p', { class: 'muted small', text: `… and ${plural(report.messageCount - SEQUENCE_SHOWN, 'more message')}: the message list below has every one.` }));
  }
}

/** The second half of the conversation: the upload sessions, appended after the sequence. */
export function renderSessions(el, report, ctx) {
  if (report.sessionCount === 0) {
    el.append(h('p', { class: 'muted small', text: 'No upload session in this capture.' }));
  }
  for (const s of report.sessions) el.append(sessionBlock(s, ctx));
  if (report.sessionCount > SESSIONS_SHOWN) {
    el.append(h('p', { class: 'muted small', text: `… and ${plural(report.sessionCount - SESSIONS_SHOWN, 'more session')}.` }));
  }
}

// ------------------------------------------------------------------ capture origin

/** `frame 12` or `frames 12–15`. */
export function framesWords(o) {
  return o.first_frame === o.last_frame ? `frame ${num(o.first_frame)}` : `frames ${num(o.first_frame)}–${num(o.last_frame)}`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A capture time (seconds since the epoch) in the user's time zone, ISO-like, to the millisecond. */
export function timeWords(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return null;
  const d = new Date(seconds * 1000);
  const offset = -d.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '−'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${zone}`;
}

/** `client → server` as the message travelled (`server → client` for a response); `c` is its connection. */
export function connectionWords(o, c) {
  if (!c) return `connection ${o.connection}`;
  return o.from_client ? `${c.client} → ${c.server}` : `${c.server} → ${c.client}`;
}

/** The capture's summary: format, frames, connections, and where reading stopped. */
export function renderCapture(el, report) {
  clear(el);
  const c = report.capture;
  if (!c) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.append(h('h3', { text: `${{ har: 'HAR', pcap: 'pcap', pcapng: 'pcapng' }[c.format] ?? c.format} capture` }));
  const facts = h('dl', { class: 'facts' });
  const fact = (k, v) => facts.append(h('dt', { text: k }), h('dd', {}, v));
  fact('Frames read', num(c.frames));
  fact('HTTP carried', `${plural(report.messageCount, 'message')}, ${plural(c.transcript_bytes, 'byte')} (the raw view shows them one after another)`);
  fact('Connections', String(c.connectionCount));
  el.append(facts);
  if (c.connections.length) {
    const body = h('tbody');
    for (const k of c.connections) {
      const state = [k.started_mid_stream ? 'began before the capture' : 'opened in the capture', k.closed ? 'closed' : 'still open at the end'];
      body.append(h('tr', { dataset: { connection: k.id } },
        h('td', { text: String(k.id) }),
        h('td', { class: 'mono', text: `${k.client} → ${k.server}` }),
        h('td', { text: k.first_frame === k.last_frame ? num(k.first_frame) : `${num(k.first_frame)}–${num(k.last_frame)}` }),
        h('td', { text: state.join(', ') })));
    }
    el.append(h('table', { class: 'fragments connections' },
      h('caption', { text: 'Connections' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '#' }), h('th', { scope: 'col', text: 'Client → server' }), h('th', { scope: 'col', text: 'Frames' }), h('th', { scope: 'col', text: 'State' }))),
      body));
    if (c.connectionCount > CONNECTIONS_SHOWN) el.append(h('p', { class: 'small muted', text: `… and ${plural(c.connectionCount - CONNECTIONS_SHOWN, 'more connection')}.` }));
  }
  if (c.stopped) {
    el.append(h('p', { class: 'stopped', role: 'alert' },
      h('strong', { text: 'Reading stopped part way: ' }), c.stopped,
      `. Everything read before it is kept and checked below (${plural(report.messageCount, 'message')} from ${plural(c.frames, 'frame')}).`));
  }
}

function sessionBlock(s, ctx) {
  const facts = h('dl', { class: 'facts' });
  const fact = (k, v) => facts.append(h('dt', { text: k }), h('dd', {}, v));
  fact('Created', s.created_in_capture ? 'in this capture' : s.unknown ? 'never: no Ack for Create-Session issued this id' : 'before the capture started');
  if (s.host_id) fact('BITS-Host-Id', h('code', { text: s.host_id }));
  if (s.total != null) {
    fact('Upload', `${num(s.received ?? 0)} of ${num(s.total)} bytes acknowledged${s.complete ? ' (complete)' : ''}`);
  }
  if (s.reply_url) fact('Reply', [h('code', { text: s.reply_url }), s.reply_downloaded ? ' (downloaded)' : ' (not downloaded in the capture)']);
  fact('Ended by', s.ended_by ?? 'nothing yet: the session is still open at the end of the capture');
  const block = h('div', { class: 'session', dataset: { session: s.id } }, h('h3', {}, 'Session ', h('code', { text: s.id })), facts);
  if (s.fragments.length) {
    const body = h('tbody');
    for (const f of s.fragments) {
      body.append(
        h('tr', {},
          h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(f.message), text: `#${f.message}` })),
          h('td', { text: `${num(f.first)}–${num(f.last)} of ${num(f.total)}` }),
          h('td', {}, f.ack != null
            ? h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(f.ack), text: `#${f.ack} ${f.ack_status ?? ''}`.trim() })
            : h('span', { class: 'muted', text: 'no Ack' })),
          h('td', { text: f.next_expected != null ? num(f.next_expected) : '–' })),
      );
    }
    block.append(
      h('table', { class: 'fragments' },
        h('caption', { text: 'Fragments' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Fragment' }), h('th', { scope: 'col', text: 'Bytes' }), h('th', { scope: 'col', text: 'Ack' }), h('th', { scope: 'col', text: 'Server expects next' }))),
        body),
    );
    if (s.fragmentCount > FRAGMENTS_SHOWN) block.append(h('p', { class: 'small muted', text: `… and ${plural(s.fragmentCount - FRAGMENTS_SHOWN, 'more fragment')}: the message list has every one.` }));
  }
  for (const m of s.closing) {
    block.append(h('p', { class: 'small' }, h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(m.index), text: messageName(m) })));
  }
  return block;
}

// ------------------------------------------------------------------ messages

/**
 * Requests beside the responses that answer them, in the order the requests came (the
 * worker pairs them). `list` is a VirtualList: a long capture draws only the pairs on
 * screen. Returns `cards` (message index -> { details, build } of the cards drawn now).
 */
export function renderMessages(list, report, ctx) {
  const cards = new Map();
  list.set(report.rowCount, (r) => {
    const messages = report.rowNow(r);
    if (!messages) return null;
    const row = h('div', { class: `pair${messages.length === 1 ? ' solo' : ''}` });
    for (const m of messages) row.append(messageCard(m, ctx, cards));
    return row;
  }, { threshold: DRAW_ALL_PAIRS, estimate: report.capture ? 64 : 48, load: (first, last) => report.loadRows(first, last) });
  return cards;
}

function messageCard(m, ctx, cards) {
  const arrow = m.direction === 'request' ? '→' : m.direction === 'response' ? '←' : '·';
  const details = h('details', { class: `msg msg-${m.direction}`, id: `msg-${m.index}`, dataset: { kind: m.kind, index: m.index } },
    h('summary', {},
      h('span', { class: 'arrow', 'aria-hidden': 'true', text: arrow }), ' ',
      h('span', { class: 'mno', text: `#${m.index}` }), ' ',
      h('span', { class: 'mlabel', text: m.label }), ' ',
      h('code', { class: 'kind', text: m.kind }), ' ',
      countsBadge(m.counts),
      m.origin ? originLine(m) : null),
  );
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    details.append(messageBody(m, ctx));
    ctx.built?.(details);
  };
  details.addEventListener('toggle', () => {
    ctx.toggled?.(m.index, details.open);
    if (details.open) build();
  });
  if (ctx.openCards || ctx.isOpen?.(m.index)) {
    details.open = true;
    build();
  }
  cards.set(m.index, { details, build });
  return details;
}

function originLine(m) {
  const o = m.origin;
  const time = timeWords(o.time);
  return h('span', { class: 'origin small', dataset: { firstFrame: o.first_frame, lastFrame: o.last_frame, connection: o.connection } },
    h('span', { class: 'frames', text: framesWords(o) }), ' · ',
    h('span', { class: 'conn', text: connectionWords(o, m.connection) }),
    time ? [' · ', h('time', { class: 'when', text: time })] : null);
}

function messageBody(m, ctx) {
  const body = h('div', { class: 'msg-body' });
  const meta = [m.direction === 'request' ? 'Request' : m.direction === 'response' ? 'Response' : 'Not HTTP'];
  if (m.pair != null) meta.push(m.direction === 'response' ? `answers #${m.pair}` : `answered by #${m.pair}`);
  if (m.session) meta.push(`session ${m.session}`);
  if (m.origin) meta.push(`connection ${m.origin.connection}, ${m.origin.from_client ? 'from the client' : 'from the server'}`);
  body.append(h('p', { class: 'small muted', text: meta.join(' · ') }));

  // Start line
  let words;
  if (m.status != null) words = `status ${m.status}${m.status_text ? ` ${m.status_text}` : ''}${m.reason && m.status_text && m.reason !== m.status_text ? ` (the server wrote “${m.reason}”)` : ''}`;
  else if (m.method) words = `${m.method} of ${m.target}${m.version ? `, ${m.version}` : ''}`;
  else words = 'not a request or status line';
  body.append(
    h('div', { class: 'hrow startline', id: `row-m${m.index}-sl` },
      h('button', { type: 'button', class: 'locate', title: 'Show in the raw view', onclick: () => ctx.locate(m.start_line_span, `m${m.index}-sl`, `the start line of #${m.index}`), text: m.start_line || '(empty start line)' }),
      h('div', { class: 'hwords', text: words })),
  );

  // Headers
  const list = h('ul', { class: 'headers', 'aria-label': `Headers of message #${m.index}` });
  m.headers.forEach((hd, j) => list.append(headerRow(m, hd, j, ctx)));
  if (m.headers.length) body.append(list);
  else body.append(h('p', { class: 'small muted', text: 'No headers.' }));

  // Body
  const b = m.body;
  const framing = {
    none: 'no body',
    'content-length': `Content-Length ${b.announced != null ? num(b.announced) : '?'}`,
    chunked: 'chunked transfer coding',
    'until-next-message': 'no Content-Length: the body runs until the next message',
  }[b.framing] ?? b.framing;
  const bodyWords = `Body: ${plural(b.length, 'byte')} (${framing})${b.truncated ? `; truncated: the capture holds ${num(b.length)} of ${num(b.announced ?? b.length)} bytes` : ''}`;
  const bodyRow = h('div', { class: 'hrow body-row', id: `row-m${m.index}-body` });
  if (b.span.end > b.span.start) {
    bodyRow.append(h('button', { type: 'button', class: 'locate', onclick: () => ctx.locate(b.span, `m${m.index}-body`, `the body of #${m.index}`), text: bodyWords }));
  } else {
    bodyRow.append(h('span', { text: bodyWords }));
  }
  body.append(bodyRow);
  if (b.span.end > b.span.start) body.append(hexView(m, ctx));

  // Findings of this message
  if (m.findings.length) {
    const ul = h('ul', { class: 'msg-findings', 'aria-label': `Findings of message #${m.index}` });
    for (const f of m.findings) {
      ul.append(h('li', { class: `finding-${f.severity}` },
        h('button', { type: 'button', class: 'locate', onclick: () => ctx.locateFinding(f) },
          severityTag(f.severity), ' ', h('code', { text: f.rule }), ' ', h('span', {}, prose(f.summary)))));
    }
    body.append(ul);
  }

  body.append(
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'mini', onclick: () => ctx.copyMessage(m), text: 'Copy message (CRLF)' })),
  );
  return body;
}

function headerRow(m, hd, j, ctx) {
  const row = h('li', { class: `hrow${hd.problem ? ' has-problem' : ''}`, id: `row-m${m.index}-h${j}`, dataset: { name: hd.name } },
    h('div', { class: 'hline' },
      h('button', { type: 'button', class: 'locate hname', title: 'Show in the raw view', onclick: () => ctx.locate(hd.span, `m${m.index}-h${j}`, `the ${hd.name} header of #${m.index}`), text: hd.name }),
      h('span', { class: 'hvalue', text: hd.value }),
      h('button', { type: 'button', class: 'mini copy', 'aria-label': `Copy the value of ${hd.name}`, title: 'Copy the value', onclick: () => ctx.copy(hd.value, `the value of ${hd.name}`), text: 'Copy' })),
  );
  if (hd.decoded) row.append(h('div', { class: 'hwords', text: hd.decoded }));
  if (hd.problem) row.append(h('div', { class: 'hproblem' }, h('span', { 'aria-hidden': 'true', text: '▲ ' }), `Not what the grammar allows: ${hd.problem}`));
  const help = hd.known ? ctx.headerHelp.get(hd.known) : null;
  if (help) row.append(headerHelp(help, hd.name));
  return row;
}

export function headerHelp(help, shownAs) {
  return h('details', { class: 'help' },
    h('summary', { text: `About ${shownAs}` }),
    h('p', {}, prose(help.summary)),
    h('p', {}, prose(help.help)),
    help.aliases.length ? h('p', { class: 'small', text: `Also written: ${help.aliases.join(', ')}` }) : null,
    help.belongs_to.length
      ? [h('p', { class: 'small', text: 'Belongs to:' }), h('ul', { class: 'belongs small' }, help.belongs_to.map((b) => h('li', { text: b })))]
      : null,
    h('p', { class: 'small' }, 'Spec: ', join(help.links.map((l) => specLink(l.url, l.title, l.id)), ', ')),
  );
}

// ------------------------------------------------------------------ lookup

export function renderExplanation(el, found, query, onClose) {
  clear(el);
  const close = h('button', { type: 'button', class: 'mini close', onclick: onClose, text: 'Close' });
  if (!found) {
    el.append(h('div', { class: 'card lookup-card' },
      h('p', {}, 'Nothing known as “', h('code', { text: query }), '”. Try a rule id (ack-error-on-success), a BITS header (BITS-Host-Id) or an HRESULT (0x8020001F, -2145386465, BG_E_SESSION_NOT_FOUND).'),
      close));
    return;
  }
  const card = h('div', { class: 'card lookup-card', dataset: { type: found.type } });
  if (found.type === 'rule') {
    card.append(
      h('h2', {}, 'Rule ', h('code', { text: found.id })),
      h('p', { class: 'finding-title' }, prose(found.title)),
      h('p', {}, prose(found.explanation)),
      h('p', { class: 'small', text: `Graded as: default ${found.grades.default}, win32 ${found.grades.win32}, mc-bup ${found.grades['mc-bup']} · group ${found.group}${found.reference !== '-' ? ` · protocol reference ${found.reference}` : ''}` }),
      h('p', { class: 'small' }, 'Spec: ', join(found.links.map((l) => specLink(l.url, l.title, l.id)), ', ')),
    );
  } else if (found.type === 'hresult') {
    card.append(
      h('h2', {}, h('code', { text: found.code }), found.name ? ` ${found.name}` : ' (no name known)'),
      h('p', { text: found.meaning }),
      h('p', { class: 'small', text: `As a signed decimal (as event logs print it): ${found.decimal}` }),
      found.note ? h('p', { class: 'small', text: found.note }) : null,
      found.statuses ? h('p', { class: 'small', text: `A BITS server sends it with HTTP ${found.statuses.join(' or ')} ([MC-BUP] 2.2.1.2).` }) : null,
    );
  } else if (found.type === 'header') {
    card.append(h('h2', {}, 'Header ', h('code', { text: found.name })));
    const help = headerHelp(found, found.name);
    help.open = true;
    card.append(help);
  }
  card.append(close);
  el.append(card);
}
