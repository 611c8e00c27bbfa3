// A virtualised list: only the rows on screen (plus a margin) are in the DOM. Rows may have
// any height: each starts at an estimate and is measured once drawn (a ResizeObserver keeps
// it right when a row opens or closes). Short lists are drawn whole, in normal flow, so
// scrolling and find-in-page stay exact where nothing needs saving.
//
// Rows may come from elsewhere (the worker keeps a large report): `load(first, last)` asks
// for rows not here yet, and `build(i)` answers null for those; they are drawn when they come.
//
// Keyboard: the viewport is focusable (arrows, Page Up/Down, Home, End scroll it); Tab moves
// through the drawn rows, and a row that holds the focus is never taken out.
//
// List semantics: a host with a role (e.g. role="list", its rows role="listitem") keeps it
// while the list is drawn whole; once virtualised the role moves to the scrolling viewport,
// the rows' parent (the wrappers between them have no role), so every listitem stays in its
// list, and each drawn item says where it is in the whole list (aria-posinset, aria-setsize).

import { h } from './dom.js';
import { afterPaint } from './after-paint.js';

const OVERSCAN = 800; // pixels drawn above and below the visible part

export class VirtualList {
  /** @param {HTMLElement} host the element the list replaces the children of */
  constructor(host, label) {
    this.host = host;
    this.label = label;
    this.role = host.getAttribute('role'); // moved to the viewport while virtualised
    this.rows = new Map(); // row index -> wrapper element
    this.virtual = false;
    this.count = 0;
    this.frame = 0;
    /** @type {(first: number, last: number) => Promise<unknown> | null} */
    this.load = () => null;
    this.generation = 0; // bumped by every `set`, so a late `load` does not redraw a newer list
  }

  /**
   * Shows `count` rows made by `build(i)`. At or under `threshold` rows every row is drawn.
   * `estimate` is the height in pixels assumed for a row not drawn yet. `load(first, last)`
   * returns null when rows `first` to `last` can be built now, else a promise of them; every
   * row of a list drawn whole must be buildable at once. A list drawn whole draws its first
   * `upTo` rows now and the rest at `drawRest()`.
   */
  set(count, build, { threshold = 60, estimate = 40, load = () => null, upTo = count } = {}) {
    this.dispose();
    this.count = count;
    this.build = build;
    this.load = load;
    this.generation += 1;
    this.virtual = count > threshold;
    this.host.classList.toggle('virtual', this.virtual);
    if (this.role) {
      if (this.virtual) this.host.removeAttribute('role');
      else this.host.setAttribute('role', this.role);
    }
    if (!this.virtual) {
      this.host.replaceChildren();
      this.drawRest(upTo);
      return;
    }
    this.heights = new Float64Array(count).fill(estimate);
    this.offsets = new Float64Array(count + 1);
    this.dirty = true;
    this.spacer = h('div', { class: 'vspacer' });
    this.viewport = h('div', { class: 'vviewport', tabindex: '0', role: this.role ?? 'group', 'aria-label': `${this.label}: ${count.toLocaleString('en-US')} rows, only those on screen are drawn; scroll with the arrow keys` });
    this.viewport.append(this.spacer);
    this.host.replaceChildren(this.viewport);
    this.onScroll = () => this.schedule();
    this.viewport.addEventListener('scroll', this.onScroll, { passive: true });
    this.viewport.addEventListener('keydown', (e) => {
      // Home and End on the list itself go to its first and last row at once.
      if (e.target !== this.viewport || (e.key !== 'Home' && e.key !== 'End')) return;
      e.preventDefault();
      this.scrollTo(e.key === 'Home' ? 0 : this.count - 1);
    });
    this.observer = new ResizeObserver((entries) => this.measured(entries));
    // A new viewport is at the top and no taller than the window (CSS: 70vh): drawing it
    // from these, not from its measures, spares a forced layout of the whole page. One
    // screen first: the rows drawn above and below it come once that is painted.
    this.update(-1, { top: 0, height: window.innerHeight, overscan: 0 });
    const generation = this.generation;
    afterPaint().then(() => generation === this.generation && this.update());
  }

  /** A list drawn whole: draws the rows not drawn yet, up to row `to` (exclusive). */
  drawRest(to = this.count) {
    if (this.virtual) return;
    const frag = document.createDocumentFragment();
    for (let i = this.rows.size; i < Math.min(to, this.count); i++) {
      const el = this.build(i);
      this.rows.set(i, el);
      frag.append(el);
    }
    this.host.append(frag);
  }

  dispose() {
    if (this.observer) this.observer.disconnect();
    this.observer = null;
    cancelAnimationFrame(this.frame);
    this.rows = new Map();
  }

  /** The drawn element of row `i`, or undefined. */
  row(i) {
    return this.rows.get(i);
  }

  /** Scrolls row `i` to the top of the viewport (drawing it) and returns its element. */
  scrollTo(i) {
    if (!this.virtual) return this.rows.get(i);
    this.offsetsNow();
    this.viewport.scrollTop = this.offsets[i];
    this.update(i);
    return this.rows.get(i);
  }

  /** Resolves once row `i` can be drawn (its data has come). */
  async ready(i) {
    const pending = this.load(i, i);
    if (pending) await pending;
  }

  /** Draws row `i` wherever the viewport is (for a row about to be pointed at). */
  ensure(i) {
    if (!this.virtual) return this.rows.get(i);
    if (!this.rows.has(i)) return this.scrollTo(i);
    return this.rows.get(i);
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  offsetsNow() {
    if (!this.dirty) return;
    let y = 0;
    for (let i = 0; i < this.count; i++) {
      this.offsets[i] = y;
      y += this.heights[i];
    }
    this.offsets[this.count] = y;
    this.spacer.style.height = `${Math.ceil(y)}px`;
    this.dirty = false;
  }

  /** The row at `y` pixels from the top of the list. */
  indexAt(y) {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  update(pin = -1, known = null) {
    if (!this.virtual || this.count === 0) return;
    this.offsetsNow();
    const top = known ? known.top : this.viewport.scrollTop;
    const height = known ? known.height : this.viewport.clientHeight || 600;
    const overscan = known?.overscan ?? OVERSCAN;
    const first = this.indexAt(Math.max(0, top - overscan));
    const last = this.indexAt(top + height + overscan);
    const keep = new Set();
    for (let i = first; i <= last; i++) keep.add(i);
    if (pin >= 0) keep.add(pin);
    const pending = this.load(first, last);
    if (pending) {
      const generation = this.generation;
      pending.then(() => generation === this.generation && this.schedule(), () => {});
    }
    const active = document.activeElement;
    for (const [i, el] of this.rows) {
      if (keep.has(i)) continue;
      if (active && el.contains(active)) continue; // never pull the focus out from under the user
      this.observer.unobserve(el);
      el.remove();
      this.rows.delete(i);
    }
    for (const i of keep) {
      let el = this.rows.get(i);
      if (!el) {
        const content = this.build(i);
        if (!content) continue; // not here yet: drawn when `load` brings it
        if (this.role === 'list' && content.getAttribute?.('role') === 'listitem') {
          content.setAttribute('aria-posinset', String(i + 1));
          content.setAttribute('aria-setsize', String(this.count));
        }
        el = h('div', { class: 'vrow', dataset: { vi: i } }, content);
        // Off screen (CSS: content-visibility) the row is as tall as the list counts it.
        el.style.containIntrinsicBlockSize = `auto ${this.heights[i]}px`;
        this.spacer.append(el);
        this.rows.set(i, el);
        this.observer.observe(el);
      }
      el.style.transform = `translateY(${this.offsets[i]}px)`;
    }
  }

  measured(entries) {
    if (!this.virtual) return;
    let changed = false;
    let above = 0; // height change of rows above the top of the viewport: scrolled away
    const top = this.viewport.scrollTop;
    for (const entry of entries) {
      const el = entry.target;
      if (!el.isConnected) continue;
      const i = Number(el.dataset.vi);
      const height = el.offsetHeight;
      if (height > 0 && height !== this.heights[i]) {
        if (this.offsets[i] + this.heights[i] <= top) above += height - this.heights[i];
        this.heights[i] = height;
        changed = true;
      }
    }
    if (!changed) return;
    this.dirty = true;
    this.offsetsNow();
    if (above) this.viewport.scrollTop = top + above;
    for (const [i, el] of this.rows) el.style.transform = `translateY(${this.offsets[i]}px)`;
    this.schedule();
  }
}
