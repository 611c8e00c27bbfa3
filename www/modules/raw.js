// The raw view: the input text, cut into the pieces the decoded view names (start lines,
// header lines, bodies), so a span can be lit up exactly and hovering a piece can light up
// its decoded row. Offsets are UTF-16 code units into the decoded text, as the wasm
// module gives them. The engine cuts the text (src/view/regions.rs) and the worker adds it; this view draws.
//
// A large text is never on this thread: the view is windowed and shows one message at a
// time (the one pointed at), asking the worker for the regions it draws, with their text.

import { h } from './dom.js';
import { REGION_CUT } from './limits.js';

export class RawView {
  /**
   * @param {HTMLElement} pre the element to render into
   * @param {(row: string|null) => void} onHoverRow called with a row id (`m3-h2`) or null
   */
  constructor(pre, onHoverRow, caption = null) {
    this.pre = pre;
    this.caption = caption;
    this.windowed = false;
    this.shown = []; // regions drawn
    this.regions = []; // every region, when the whole text is here
    this.text = ''; // the whole text, when it is here
    this.around = null; // windowed: (start, end) → Promise of the regions there, with their text
    this.length = 0;
    this.regionCount = 0;
    this.drawing = 0; // bumped by every draw, so a late answer does not draw over a newer one
    this.showWhitespace = false;
    this.mark = null; // { start, end }
    this.marked = []; // regions rendered with the mark
    pre.addEventListener('mouseover', (event) => {
      const seg = event.target instanceof Element ? /** @type {HTMLElement | null} */ (event.target.closest('[data-row]')) : null;
      onHoverRow(seg ? seg.dataset.row : null);
    });
    pre.addEventListener('mouseleave', () => onHoverRow(null));
  }

  /**
   * Shows a report's text. `raw`: { whole: true, length, text, regions } (every region with
   * its pieces), or { whole: false, length, regionCount, first: [region with its text] }
   * and `around` to ask for more; null shows nothing.
   */
  setContent(raw, around = null) {
    this.drawing += 1;
    this.mark = null;
    this.marked = [];
    this.windowed = raw != null && !raw.whole;
    this.length = raw?.length ?? 0;
    this.regionCount = raw?.regionCount ?? 0;
    this.text = raw?.whole ? raw.text : '';
    this.regions = raw?.whole ? raw.regions : [];
    this.around = this.windowed ? around : null;
    this.shown = this.windowed ? raw.first : this.regions;
    this.draw();
  }

  /** In windowed mode, draws the region holding UTF-16 offset `at` (no mark). */
  reveal(at) {
    if (!this.windowed) return;
    if (this.shown.length === 1 && this.shown[0].start <= at && at < this.shown[0].end) return;
    this.mark = null;
    this.fetchAndDraw(at, at);
  }

  /** Windowed: asks for the regions from `start` to `end` and draws them when they come. */
  fetchAndDraw(start, end) {
    const token = ++this.drawing;
    this.around(start, end).then((regions) => {
      if (token !== this.drawing || !regions) return; // superseded, or the report is gone
      this.shown = regions;
      this.draw();
      if (this.mark) this.scrollToMark();
      else this.pre.scrollTop = 0;
    }, () => {}); // the worker was stopped: whatever replaced it draws next
  }

  setShowWhitespace(on) {
    this.showWhitespace = on;
    this.pre.classList.toggle('show-ws', on);
    this.draw();
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
        this.caption.textContent = `Large input (${this.length.toLocaleString('en-US')} characters, ${this.regionCount.toLocaleString('en-US')} pieces): showing ${what} only, characters ${r ? `${r.start.toLocaleString('en-US')}–${r.end.toLocaleString('en-US')}` : ''}. Pick a message, finding or header to see its bytes.`;
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
      this.mark = mark;
      this.fetchAndDraw(mark.start, mark.end);
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
      const last = region.end === this.length;
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
    // What `slice` reads from: the whole text, or this region's own (cut) text.
    this.base = this.windowed ? region.start : 0;
    this.str = this.windowed ? region.text : this.text;
    const el = region.el;
    el.replaceChildren();
    const cut = this.windowed ? region.start + region.text.length : region.start + REGION_CUT;
    for (const whole of region.pieces) {
      if (whole.start >= cut) break;
      const piece = whole.end > cut ? { ...whole, end: cut } : whole;
      const parent = piece.row ? el.appendChild(h('span', { class: 'seg', dataset: { row: piece.row } })) : el;
      this.renderPiece(parent, piece, mark);
    }
    if (region.end > cut) {
      el.append(h('span', { class: 'cut', text: `\n[… ${(region.end - cut).toLocaleString('en-US')} more characters of this piece not drawn]\n` }));
    }
    if (mark && mark.start === mark.end && mark.start === region.end && region.end === this.length) {
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
