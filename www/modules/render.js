// Rendering a report: verdict, findings, the conversation, and every message decoded.
// All text from the input goes through dom.js as text, never as HTML.

import { h, clear, specLink, plural, severityTag, countsBadge, SEVERITY } from './dom.js';

const num = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

export const messageName = (m) => `#${m.index} ${m.label}`;

/** Where a span starts and ends, in words. */
export function spanWords(span) {
  const start = `line ${span.line}, column ${span.column}`;
  if (span.end === span.start) return `${start} (an empty span: the place where something is missing)`;
  if (span.end_line === span.line) return `${start} to column ${span.end_column}`;
  return `${start} to line ${span.end_line}, column ${span.end_column}`;
}

// ------------------------------------------------------------------ verdict

export function renderVerdict(el, report, source) {
  clear(el);
  const c = report.counts;
  el.dataset.errors = c.errors;
  el.dataset.warnings = c.warnings;
  el.dataset.notes = c.notes;
  const level = c.errors ? 'error' : c.warnings ? 'warning' : c.notes ? 'note' : 'ok';
  el.dataset.level = level;
  const messages = plural(report.messages.length, 'message');
  let line;
  if (c.errors + c.warnings + c.notes === 0) {
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
          `Profile ${report.profile} · ${num(report.input.bytes)} bytes ${source} · `,
          report.input.line_endings_checked
            ? `line endings checked (${report.input.line_endings.toUpperCase()})`
            : 'line endings not checked (pasted text)'))),
  );
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

const RANK = { error: 0, warning: 1, note: 2 };

/** Errors first, then warnings, then notes; in input order within each. */
export function renderFindings(ol, report, ctx) {
  clear(ol);
  const order = report.findings.map((f, i) => i);
  order.sort((a, b) => (RANK[report.findings[a].severity] ?? 3) - (RANK[report.findings[b].severity] ?? 3) || a - b);
  for (const i of order) ol.append(findingItem(report.findings[i], i, report, ctx));
}

function findingItem(f, i, report, ctx) {
  const m = f.message != null ? report.messages[f.message] : null;
  const where = [spanWords(f.span)];
  if (m) where.push(messageName(m));
  if (f.header) where.push(f.header);
  const links = f.links.map((l) => specLink(l.url, l.id, l.title));
  return h('li', { class: `finding finding-${f.severity}`, id: `finding-${i}`, dataset: { rule: f.rule, severity: f.severity } },
    h('button', { type: 'button', class: 'finding-head', title: 'Show its bytes in the raw view', onclick: () => ctx.locateFinding(i) },
      severityTag(f.severity), ' ',
      h('code', { class: 'rule', text: f.rule }), ' ',
      h('span', { class: 'summary', text: f.summary })),
    h('p', { class: 'where small muted', text: where.join(' · ') }),
    h('p', { class: 'finding-title', text: f.title }),
    h('p', { class: 'explanation', text: f.explanation }),
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
  clear(el);
  const seq = h('ol', { class: 'sequence', start: '0' });
  for (const m of report.messages) {
    const arrow = m.direction === 'request' ? '→' : m.direction === 'response' ? '←' : '·';
    const what = m.direction === 'response' ? `${m.status ?? ''} ${m.reason ?? ''}`.trim() : m.target ?? m.start_line;
    seq.append(
      h('li', { class: `seq seq-${m.direction}`, dataset: { kind: m.kind } },
        h('button', { type: 'button', class: 'seq-item', onclick: () => ctx.gotoMessage(m.index) },
          `${arrow} #${m.index} ${m.label} `,
          h('span', { class: 'muted seq-what', text: what })),
        m.findings.length ? [' ', countsBadge(m.counts)] : null),
    );
  }
  el.append(h('h3', { text: 'Sequence' }), seq);
  if (report.sessions.length === 0) {
    el.append(h('p', { class: 'muted small', text: 'No upload session in this capture.' }));
  }
  for (const s of report.sessions) el.append(sessionBlock(s, report, ctx));
}

function sessionBlock(s, report, ctx) {
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
      const ack = f.ack != null ? report.messages[f.ack] : null;
      body.append(
        h('tr', {},
          h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(f.message), text: `#${f.message}` })),
          h('td', { text: `${num(f.first)}–${num(f.last)} of ${num(f.total)}` }),
          h('td', {}, ack
            ? h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(ack.index), text: `#${ack.index} ${f.ack_status ?? ''}`.trim() })
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
  }
  const closing = s.messages.map((i) => report.messages[i]).filter((m) => m && /^(close|cancel)-session$/.test(m.kind));
  for (const m of closing) {
    block.append(h('p', { class: 'small' }, h('button', { type: 'button', class: 'link', onclick: () => ctx.gotoMessage(m.index), text: messageName(m) })));
  }
  return block;
}

// ------------------------------------------------------------------ messages

/** Requests beside the responses that answer them, in the order the requests came. */
export function renderMessages(el, report, ctx) {
  clear(el);
  const shown = new Set();
  const cards = new Map();
  for (const m of report.messages) {
    if (shown.has(m.index)) continue;
    shown.add(m.index);
    const row = h('div', { class: 'pair' });
    const other = m.pair != null ? report.messages[m.pair] : null;
    if (other && !shown.has(other.index) && other.index > m.index) {
      shown.add(other.index);
      const [left, right] = m.direction === 'response' ? [other, m] : [m, other];
      row.append(messageCard(left, report, ctx, cards), messageCard(right, report, ctx, cards));
    } else {
      row.classList.add('solo');
      row.append(messageCard(m, report, ctx, cards));
    }
    el.append(row);
  }
  return cards;
}

function messageCard(m, report, ctx, cards) {
  const arrow = m.direction === 'request' ? '→' : m.direction === 'response' ? '←' : '·';
  const details = h('details', { class: `msg msg-${m.direction}`, id: `msg-${m.index}`, dataset: { kind: m.kind, index: m.index } },
    h('summary', {},
      h('span', { class: 'arrow', 'aria-hidden': 'true', text: arrow }), ' ',
      h('span', { class: 'mno', text: `#${m.index}` }), ' ',
      h('span', { class: 'mlabel', text: m.label }), ' ',
      h('code', { class: 'kind', text: m.kind }), ' ',
      countsBadge(m.counts)),
  );
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    details.append(messageBody(m, report, ctx));
  };
  details.addEventListener('toggle', () => details.open && build());
  if (ctx.openCards) {
    details.open = true;
    build();
  }
  cards.set(m.index, { details, build });
  return details;
}

function messageBody(m, report, ctx) {
  const body = h('div', { class: 'msg-body' });
  const meta = [m.direction === 'request' ? 'Request' : m.direction === 'response' ? 'Response' : 'Not HTTP'];
  if (m.pair != null) meta.push(m.direction === 'response' ? `answers #${m.pair}` : `answered by #${m.pair}`);
  if (m.session) meta.push(`session ${m.session}`);
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

  // Findings of this message
  if (m.findings.length) {
    const ul = h('ul', { class: 'msg-findings', 'aria-label': `Findings of message #${m.index}` });
    for (const i of m.findings) {
      const f = report.findings[i];
      ul.append(h('li', { class: `finding-${f.severity}` },
        h('button', { type: 'button', class: 'locate', onclick: () => ctx.locateFinding(i) },
          severityTag(f.severity), ' ', h('code', { text: f.rule }), ' ', h('span', { text: f.summary }))));
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
    h('p', { text: help.summary }),
    h('p', { text: help.help }),
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
      h('p', { class: 'finding-title', text: found.title }),
      h('p', { text: found.explanation }),
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

// ------------------------------------------------------------------ Markdown

const mdEscape = (s) => String(s).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

export function findingsMarkdown(report) {
  const c = report.counts;
  const lines = [
    `**bits-inspector ${report.version}**, profile \`${report.profile}\`: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.notes, 'note')} in ${plural(report.messages.length, 'message')}`,
    '',
  ];
  if (report.findings.length === 0) lines.push('No findings.');
  const sorted = [...report.findings].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  for (const f of sorted) {
    const m = f.message != null ? report.messages[f.message] : null;
    const where = `line ${f.span.line}:${f.span.column}${m ? `, message #${m.index} (${mdEscape(m.label)})` : ''}`;
    const links = f.links.map((l) => `[${mdEscape(l.id)}](${l.url})`).join(', ');
    lines.push(`- **${f.severity}** \`${f.rule}\` (${where}): ${mdEscape(f.summary)}. ${mdEscape(f.title)}. ${links}`);
  }
  return `${lines.join('\n')}\n`;
}
