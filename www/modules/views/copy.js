// Copying and saving what the report holds: a share link, the findings as Markdown, a
// message as raw text, the report as JSON. The worker writes the text (it holds the report).

import { ui } from '../ui.js';
import { shown } from '../state.js';
import { copyText } from '../clipboard.js';
import { messageName } from '../render.js';

/**
 * Copies `text`, saying so (or why not) in `statusEl`.
 * @param {string} text
 * @param {string} what
 * @param {HTMLElement} statusEl
 */
export async function copy(text, what, statusEl = ui.copyStatus) {
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
export async function copyFindings() {
  const report = shown.value.report;
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
 * @param {'json' | 'markdown'} kind
 */
export async function download(kind) {
  const report = shown.value.report;
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

/**
 * Pieces ([[start, end], …]) of the shown report's text, which the worker keeps.
 * @param {Array<[number, number]>} spans
 */
async function textSlices(spans) {
  const report = shown.value.report;
  const strings = report ? await report.slices(spans) : null;
  if (!strings) throw new Error('the text is no longer there');
  return strings;
}

/** @param {import('../protocol.js').PageMessage} m */
export async function copyMessage(m) {
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
