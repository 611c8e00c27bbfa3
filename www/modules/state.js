// The page's state, in three small stores, each changed only through `set` with a patch of
// its own fields (a misspelt field throws, and the type checker refuses it): what the input
// is, where the inspection of it stands, and what the shown report has selected and open.
// Each store's value is frozen, so nothing changes it by accident.

/** @template {object} T */
export class Store {
  /** @type {Readonly<T>} */
  #value;

  /** @param {T} initial */
  constructor(initial) {
    this.#value = Object.freeze(Object.assign({}, initial));
  }

  /** The current fields (read them afresh after an `await`: another task may have set them). */
  get value() {
    return this.#value;
  }

  /** @param {Partial<T>} patch */
  set(patch) {
    for (const key of Object.keys(patch)) {
      if (!(key in this.#value)) throw new Error(`no state field ${key}`);
    }
    this.#value = Object.freeze(Object.assign({}, this.#value, patch));
  }
}

/**
 * @typedef {object} InputState
 * @property {'paste' | 'file'} source 'paste': the text box (or `pasted`) is the input; 'file': `bytes` are, checked strictly
 * @property {string | null} pasted a paste too large for the paste box (see inputs/paste.js), or null: the box is the input
 * @property {Uint8Array} bytes the file's bytes (empty while the worker has them)
 * @property {number} size how many bytes the file has
 * @property {string} origin words for where file bytes came from
 * @property {string} format the format the engine found the file in
 * @property {boolean} filled whether the paste box shows the file (filled from the worker's answer)
 * @property {'scroll' | 'link' | null} reveal how to bring the report into view once drawn, when the
 *   verdict is off screen (a narrow screen puts it below the input): 'scroll' to it (an example,
 *   a file), or 'link', a "Results below" link (typed or pasted: the focus and the place stay)
 */

/** @type {Store<InputState>} */
export const input = new Store({
  source: 'paste', pasted: null, bytes: new Uint8Array(0), size: 0, origin: '', format: 'text', filled: true, reveal: null,
});

/**
 * @typedef {object} JobState
 * @property {boolean} ready whether the engine is loaded
 * @property {number} generation the latest input's number: an answer for an older one is dropped
 * @property {number} busyBytes size of the input with the worker, 0 when idle
 * @property {boolean} rerun whether to inspect again when the worker hands the bytes back
 * @property {string | null} reading the name of the file being read
 * @property {boolean} readCancelled whether the user stopped that read
 */

/** @type {Store<JobState>} */
export const job = new Store({ ready: false, generation: 0, busyBytes: 0, rerun: false, reading: null, readCancelled: false });

/**
 * @typedef {object} ShownState
 * @property {import('./remote-report.js').RemoteReport | null} report the shown report
 * @property {any} ctx what the views of that report call back (views/report.js's `context`)
 * @property {Map<number, any>} cards the message cards drawn, by message index
 * @property {string | null} selectedRow the decoded row selected (`m3-h2`)
 * @property {string | null} hoveredRow the decoded row under the pointer in the raw view
 * @property {Set<number>} open message cards the user opened (kept when a virtualised row is drawn again)
 * @property {number} renders reports drawn so far (tests wait for the count to change)
 */

/** @type {Store<ShownState>} */
export const shown = new Store({ report: null, ctx: null, cards: new Map(), selectedRow: null, hoveredRow: null, open: new Set(), renders: 0 });

/** The help of every header BITS gives rules for, by name: filled once, when the engine is loaded. */
export const headerHelp = new Map();
