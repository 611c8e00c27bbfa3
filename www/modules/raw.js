// The raw view: the input text, cut into the pieces the decoded view names (start lines,
// header lines, bodies), so a span can be lit up exactly and hovering a piece can light up
// its decoded row. Offsets are UTF-16 code units into the decoded text, as the wasm
// module gives them.
//
// A large text need not be on this thread at all: `setContent` also takes a remote text,
// { length, slices([[start, end], …]) → Promise<string[]|null> } (the worker keeps it), and
// then the view fetches just the regions it draws (one message at a time), drawing them when
// they arrive.

import { h } from './dom.js';

/** Past these sizes the raw view shows one message at a time (the one pointed at). */
const WHOLE_UP_TO_CHARS = 2_000_000;
const WHOLE_UP_TO_REGIONS = 400;
/** A single region longer than this is cut when drawn (a mark past the cut is not shown). */
const REGION_CUT = 1_000_000;

export class RawView {
  /**
   * @param {HTMLElement} pre the element to render into
   * @param {(row: string|null) => void} onHoverRow called with a row id (`m3-h2`) or null
   */
  constructor(pre, onHoverRow, caption = null) {
    this.pre = pre;
    this.caption = caption;
    this.windowed = false;
    this.shown = []; // regions drawn, in windowed mode
    this.text = ''; // the whole text, when it is here
    this.remote = null; // or where to fetch pieces of it from
    this.length = 0;
    this.cache = new Map(); // region → its text (remote only; cut at REGION_CUT)
    this.drawing = 0; // bumped by every draw, so a late fetch does not draw over a newer one
    this.regions = [];
    this.showWhitespace = false;
    this.mark = null; // { start, end }
    this.marked = []; // regions rendered with the mark
    pre.addEventListener('mouseover', (event) => {
      const seg = event.target instanceof Element ? event.target.closest('[data-row]') : null;
      onHoverRow(seg ? seg.dataset.row : null);
    });
    pre.addEventListener('mouseleave', () => onHoverRow(null));
  }

  /**
   * Shows `text`, cut along the spans of `report` (or shown whole when there is none).
   * `text` is a string, or a remote text (see the top of this file), always shown windowed.
   */
  setContent(text, report) {
    this.remote = typeof text === 'string' ? null : text;
    this.text = this.remote ? '' : text;
    this.length = text.length;
    this.cache = new Map();
    this.mark = null;
    this.marked = [];
    this.regions = buildRegions(this.length, report);
    this.windowed = this.remote != null || this.length > WHOLE_UP_TO_CHARS || this.regions.length > WHOLE_UP_TO_REGIONS;
    this.shown = this.windowed ? this.regions.slice(0, 1) : this.regions;
    this.renderAll();
  }

  /** In windowed mode, draws the region holding UTF-16 offset `at` (no mark). */
  reveal(at) {
    if (!this.windowed) return;
    const region = this.regionAt(at);
    if (!region || (this.shown.length === 1 && this.shown[0] === region)) return;
    this.mark = null;
    this.shown = [region];
    this.renderAll();
    this.pre.scrollTop = 0;
  }

  regionAt(at) {
    const regions = this.regions;
    let lo = 0;
    let hi = regions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (regions[mid].start <= at) lo = mid;
      else hi = mid - 1;
    }
    return regions[lo];
  }

  setShowWhitespace(on) {
    this.showWhitespace = on;
    this.pre.classList.toggle('show-ws', on);
    this.renderAll();
  }

  /** Draws the regions in `shown`: now, or once their text has come (remote text). */
  renderAll() {
    const token = ++this.drawing;
    const missing = this.remote ? this.shown.filter((r) => !this.cache.has(r)) : [];
    if (missing.length === 0) {
      this.draw();
      return;
    }
    const remote = this.remote;
    remote.slices(missing.map((r) => [r.start, Math.min(r.end, r.start + REGION_CUT)])).then((strings) => {
      if (token !== this.drawing || remote !== this.remote || !strings) return; // superseded
      if (this.cache.size > 64) this.cache = new Map(this.shown.filter((r) => this.cache.has(r)).map((r) => [r, this.cache.get(r)]));
      missing.forEach((r, i) => this.cache.set(r, strings[i]));
      this.draw();
      if (this.mark) this.scrollToMark();
      else this.pre.scrollTop = 0;
    }, () => {}); // the worker was stopped: whatever replaced it draws next
  }

  draw() {
    const frag = document.createDocumentFragment();
    for (const region of this.shown) {
      region.el = h('span', { class: region.message == null ? 'region gap' : 'region msg-raw', dataset: region.message == null ? {} : { msg: region.message } });
      this.renderRegion(region, this.overlaps(region, this.mark) ? this.mark : null);
      frag.append(region.el);
    }
    this.pre.replaceChildren(frag);
    this.marked = this.mark ? this.shown.filter((r) => this.overlaps(r, this.mark)) : [];
    if (this.caption) {
      this.caption.hidden = !this.windowed;
      if (this.windowed) {
        const r = this.shown[0];
        const what = r ? (r.message != null ? `message #${r.message}` : 'bytes between messages') : 'nothing';
        this.caption.textContent = `Large input (${this.length.toLocaleString('en-US')} characters, ${this.regions.length.toLocaleString('en-US')} pieces): showing ${what} only, characters ${r ? `${r.start.toLocaleString('en-US')}–${r.end.toLocaleString('en-US')}` : ''}. Pick a message, finding or header to see its bytes.`;
      }
    }
  }

  /** Lights up `span` ({start, end} in UTF-16 units) and scrolls it into view. */
  highlight(span) {
    const max = this.length;
    const mark = { start: clamp(span.start, 0, max), end: clamp(span.end, 0, max) };
    if (mark.end < mark.start) mark.end = mark.start;
    if (this.windowed) {
      // Draw the regions the mark touches (a handful at most), and only them.
      const first = this.regionAt(mark.start);
      const from = this.regions.indexOf(first);
      const shown = [];
      for (let i = from; i < this.regions.length && shown.length < 8; i++) {
        const r = this.regions[i];
        if (i > from && r.start >= mark.end) break;
        shown.push(r);
      }
      this.mark = mark;
      this.shown = shown;
      this.renderAll();
      this.scrollToMark();
      return;
    }
    for (const region of this.marked) this.renderRegion(region, null);
    this.mark = mark;
    this.marked = this.regions.filter((r) => this.overlaps(r, mark));
    for (const region of this.marked) this.renderRegion(region, mark);
    this.scrollToMark();
  }

  clear() {
    for (const region of this.marked) this.renderRegion(region, null);
    this.mark = null;
    this.marked = [];
  }

  /** The text of the lit-up span as shown (for tests and the status line). */
  markedText() {
    return [...this.pre.querySelectorAll('mark')].map((m) => m.dataset.text ?? '').join('');
  }

  overlaps(region, mark) {
    if (!mark) return false;
    if (mark.start === mark.end) {
      const last = region === this.regions[this.regions.length - 1];
      return mark.start >= region.start && (mark.start < region.end || (last && mark.start === region.end));
    }
    return mark.start < region.end && mark.end > region.start;
  }

  scrollToMark() {
    const first = this.pre.querySelector('mark');
    if (!first) return;
    const pre = this.pre;
    // Scroll inside the raw pane first, then make sure the pane itself is on screen.
    const top = first.offsetTop - pre.clientHeight / 3;
    pre.scrollTop = Math.max(0, top);
    if (first.offsetLeft < pre.scrollLeft || first.offsetLeft > pre.scrollLeft + pre.clientWidth - 40) {
      pre.scrollLeft = Math.max(0, first.offsetLeft - 40);
    }
    const box = pre.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) pre.scrollIntoView({ block: 'nearest' });
  }

  renderRegion(region, mark) {
    // What `slice` reads from: the whole text, or this region's fetched text.
    this.base = this.remote ? region.start : 0;
    this.str = this.remote ? this.cache.get(region) ?? '' : this.text;
    const el = region.el;
    el.replaceChildren();
    const cut = region.start + REGION_CUT;
    for (const whole of region.pieces) {
      if (whole.start >= cut) break;
      const piece = whole.end > cut ? { ...whole, end: cut } : whole;
      const parent = piece.row ? el.appendChild(h('span', { class: 'seg', dataset: { row: piece.row } })) : el;
      this.renderPiece(parent, piece, mark);
    }
    if (region.end > cut) {
      el.append(h('span', { class: 'cut', text: `\n[… ${(region.end - cut).toLocaleString('en-US')} more characters of this piece not drawn]\n` }));
    }
    if (mark && mark.start === mark.end && mark.start === region.end && region === this.regions[this.regions.length - 1]) {
      el.append(caret());
    }
  }

  renderPiece(parent, piece, mark) {
    const { start, end } = piece;
    if (!mark) return this.addText(parent, this.slice(start, end));
    if (mark.start === mark.end) {
      if (mark.start >= start && mark.start < end) {
        this.addText(parent, this.slice(start, mark.start));
        parent.append(caret());
        this.addText(parent, this.slice(mark.start, end));
      } else {
        this.addText(parent, this.slice(start, end));
      }
      return;
    }
    const a = clamp(mark.start, start, end);
    const b = clamp(mark.end, start, end);
    this.addText(parent, this.slice(start, a));
    if (b > a) {
      const inside = this.slice(a, b);
      const m = h('mark', { dataset: { text: inside } });
      this.addText(m, inside);
      parent.append(m);
    }
    this.addText(parent, this.slice(b, end));
  }

  /** The text from `start` to `end` (UTF-16 offsets) of the region being drawn. */
  slice(start, end) {
    return this.str.slice(start - this.base, end === undefined ? undefined : end - this.base);
  }

  addText(parent, str) {
    if (!str) return;
    if (!this.showWhitespace) {
      parent.append(document.createTextNode(str));
      return;
    }
    // CR, LF and tab made visible; the characters themselves stay so the layout is the same.
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c !== 13 && c !== 10 && c !== 9) continue;
      if (i > last) parent.append(document.createTextNode(str.slice(last, i)));
      const glyph = c === 13 ? 'CR' : c === 10 ? 'LF' : 'TAB';
      parent.append(h('span', { class: `ws ws-${glyph.toLowerCase()}`, 'aria-hidden': 'true', text: c === 13 ? '␍' : c === 10 ? '␊' : '⇥' }));
      if (c !== 13) parent.append(document.createTextNode(str[i]));
      last = i + 1;
    }
    if (last < str.length) parent.append(document.createTextNode(str.slice(last)));
  }
}

function caret() {
  return h('mark', { class: 'caret', dataset: { text: '' }, 'aria-label': 'here' });
}

function clamp(n, lo, hi) {
  return Math.min(Math.max(n, lo), hi);
}

/**
 * Regions cover the text from 0 to its end: one per message, and the gaps between them.
 * Each region is cut into pieces; a piece with a `row` is a start line, header line or body.
 */
function buildRegions(length, report) {
  const regions = [];
  let pos = 0;
  const messages = report ? [...report.messages].sort((a, b) => a.span.start - b.span.start) : [];
  const gap = (end) => {
    if (end > pos) regions.push({ start: pos, end, message: null, pieces: [{ start: pos, end, row: null }] });
  };
  for (const m of messages) {
    const start = Math.max(m.span.start, pos);
    const end = Math.max(m.span.end, start);
    gap(start);
    const cuts = [{ ...m.start_line_span, row: `m${m.index}-sl` }];
    m.headers.forEach((header, j) => cuts.push({ ...header.span, row: `m${m.index}-h${j}` }));
    if (m.body.span.end > m.body.span.start) cuts.push({ ...m.body.span, row: `m${m.index}-body` });
    cuts.sort((a, b) => a.start - b.start);
    const pieces = [];
    let at = start;
    for (const cut of cuts) {
      const s = Math.max(cut.start, at);
      const e = Math.min(cut.end, end);
      if (e <= s) continue;
      if (s > at) pieces.push({ start: at, end: s, row: null });
      pieces.push({ start: s, end: e, row: cut.row });
      at = e;
    }
    if (at < end) pieces.push({ start: at, end, row: null });
    regions.push({ start, end, message: m.index, pieces });
    pos = end;
  }
  gap(length);
  return regions;
}
