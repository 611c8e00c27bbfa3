// The findings as Markdown, for the copy button. Pure text, no DOM: made in the worker,
// which holds every finding, so a report of many findings never crosses to the page whole.

import { plural } from './words.js';

const RANK = { error: 0, warning: 1, note: 2 };
const mdEscape = (s) => String(s).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

export function findingsMarkdown(report) {
  const c = report.counts;
  const lines = [
    `**bits-inspector ${report.version}**, profile \`${report.profile}\`: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.notes, 'note')} in ${plural(report.messages.length, 'message')}`,
    '',
  ];
  if (report.findings.length === 0) lines.push('No findings.');
  for (const f of severityOrder(report.findings).map((i) => report.findings[i])) {
    const m = f.message != null ? report.messages[f.message] : null;
    const where = `line ${f.span.line}:${f.span.column}${m ? `, message #${m.index} (${mdEscape(m.label)})` : ''}`;
    const links = f.links.map((l) => `[${mdEscape(l.id)}](${l.url})`).join(', ');
    lines.push(`- **${f.severity}** \`${f.rule}\` (${where}): ${mdEscape(f.summary)}. ${mdEscape(f.title)}. ${links}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Errors first, then warnings, then notes; in input order within each. */
export function severityOrder(findings) {
  const order = findings.map((f, i) => i);
  order.sort((a, b) => (RANK[findings[a].severity] ?? 3) - (RANK[findings[b].severity] ?? 3) || a - b);
  return order;
}
