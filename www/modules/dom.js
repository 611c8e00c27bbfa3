// Building DOM from data. Everything from the input (header names and values, URLs,
// bodies, summaries) goes in as text: this module never parses a string as HTML.

import { plural } from './words.js';

export { plural };

/**
 * Creates an element. `props`: `class`, `text` (textContent), `on<event>` listeners,
 * `dataset`, and plain attributes (set with setAttribute, never from input for URLs:
 * use `specLink` for links). Children: nodes or strings (become text nodes).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href' || key === 'src' || key.startsWith('on') || key === 'style') {
      throw new Error(`h(): set ${key} through a dedicated helper`);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * Text written the way the engine writes its explanations and help: `backticks` around
 * header lines, values and code. Each backticked part becomes a <code> element, the rest
 * text nodes, never HTML; an unpaired backtick stays as it is.
 */
export function prose(text) {
  const parts = String(text).split('`');
  if (parts.length % 2 === 0) return [String(text)];
  return parts.map((part, i) => (i % 2 ? h('code', { text: part }) : part)).filter((p) => p !== '');
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

// Links go only to the documents the engine cites, whatever a string says: https, to a
// host of the engine's own source table (src/spec.rs, handed over by the wasm's
// `link_hosts` when it loads). Until then, and if it never loads, no link is made.
let linkHosts = new Set();

/** The hosts spec links may go to (the engine's `link_hosts()`). */
export function setLinkHosts(hosts) {
  linkHosts = new Set(Array.isArray(hosts) ? hosts.filter((host) => typeof host === 'string' && host !== '') : []);
}

/** `url` as a link may carry it when it is https to an allowed host (no user, no port), else null. */
export function specUrl(url) {
  if (typeof url !== 'string') return null;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const plain = parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '';
  return plain && linkHosts.has(parsed.hostname) ? parsed.href : null;
}

/** A link to a spec page, or plain text when the URL is not https to one of the cited sites. */
export function specLink(url, label, title) {
  const href = specUrl(url);
  if (href == null) return h('span', { text: label });
  const a = h('a', { target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', title }, label);
  a.href = href;
  return a;
}


export const SEVERITY = {
  error: { icon: '✖', word: 'Error' },
  warning: { icon: '▲', word: 'Warning' },
  note: { icon: 'ℹ', word: 'Note' },
};

/** Severity by icon and by word, never by colour alone. */
export function severityTag(severity) {
  const s = SEVERITY[severity] ?? { icon: '?', word: severity };
  return h('span', { class: `sev sev-${severity}` }, h('span', { class: 'icon', 'aria-hidden': 'true', text: s.icon }), ' ', s.word);
}

/** A badge with the counts of one message's findings. */
export function countsBadge(counts) {
  const parts = [];
  for (const [key, severity] of [['errors', 'error'], ['warnings', 'warning'], ['notes', 'note']]) {
    if (counts[key] > 0) {
      const s = SEVERITY[severity];
      parts.push(
        h('span', { class: `badge badge-${severity}` },
          h('span', { class: 'icon', 'aria-hidden': 'true', text: s.icon }), ' ',
          plural(counts[key], severity)),
      );
    }
  }
  if (parts.length === 0) parts.push(h('span', { class: 'badge badge-ok' }, h('span', { class: 'icon', 'aria-hidden': 'true', text: '✓' }), ' no findings'));
  return h('span', { class: 'badges' }, parts);
}
