// The page's side of a report the worker keeps (the engine's Inspection, in wasm memory): the summary it sent,
// and what the page has asked for since, cached. Lists draw from the cache synchronously
// (`…Now` methods answer undefined for what is not here yet) and ask for the rest in pages,
// one request per page however many rows of it are wanted.

/**
 * @typedef {import('./protocol.js').PageSummary} PageSummary
 * @typedef {import('./protocol.js').Queries} Queries
 * @typedef {import('./protocol.js').Query} Query
 * @typedef {import('./protocol.js').PageMessage} PageMessage
 * @typedef {import('./protocol.js').PageFinding} PageFinding
 * @typedef {import('./protocol.js').PageFiltered} PageFiltered
 * @typedef {import('./protocol.js').PageHeaderHit} PageHeaderHit
 * @typedef {import('./protocol.js').PageShared} PageShared
 */

const PAGE = 64; // rows or findings per request
const CACHE_LIMIT = 20_000; // entries kept before the cache starts afresh

export class RemoteReport {
  /**
   * @param {PageSummary} summary what the worker answered the inspection with
   * @param {(query: Query) => Promise<any>} ask the worker's answer (null when it no longer keeps
   *   this report); each method below says what its query answers (protocol.js's `Queries`)
   */
  constructor(summary, ask) {
    // The summary's fields, one by one: a field the engine renames fails the type check here.
    this.version = summary.version;
    this.profile = summary.profile;
    this.input = summary.input;
    this.counts = summary.counts;
    this.messageCount = summary.messageCount;
    this.findingCount = summary.findingCount; // what the filter keeps
    this.groups = summary.groups;
    this.rowCount = summary.rowCount;
    this.allUnknown = summary.allUnknown;
    this.capture = summary.capture;
    this.sequence = summary.sequence;
    this.sessionCount = summary.sessionCount;
    this.sessions = summary.sessions;
    /** @type {PageSummary['raw'] & { text?: string }} */
    this.raw = summary.raw;
    /** The pasted text this report is of (what a share link of it carries), when pasted. */
    this.pastedText = /** @type {string | null} */ (null);
    this.ask = ask;
    this.rowCache = new Map(); // row → [message, …]
    this.messageCache = new Map(); // message index → message
    this.findingCache = new Map(); // position in the drawn order → finding
    this.inFlight = new Map(); // 'rows:3' / 'findings:0' → Promise
    this.totalFindings = summary.findingCount; // findingCount is what the filter keeps
    this.filters = 0; // findings fetched under an earlier filter are not kept
    this.keepRows(summary.rows.from, summary.rows.items);
    this.keepFindings(summary.findings.from, summary.findings.items);
  }

  /** @param {number} r @returns {PageMessage[] | undefined} */
  rowNow(r) {
    return this.rowCache.get(r);
  }

  /** @param {number} at @returns {PageFinding | undefined} */
  findingNow(at) {
    return this.findingCache.get(at);
  }

  /** @param {number} i @returns {PageMessage | undefined} */
  messageNow(i) {
    return this.messageCache.get(i);
  }

  /** Resolves once rows `first` to `last` (inclusive) are here; null when they already are. */
  loadRows(first, last) {
    return this.load('rows', first, last, this.rowCache, this.rowCount, (from, items) => this.keepRows(from, items));
  }

  loadFindings(first, last) {
    return this.load('findings', first, last, this.findingCache, this.findingCount, (from, items) => this.keepFindings(from, items));
  }

  /**
   * Message `i` (with its row): at once from the cache, or from the worker.
   * @param {number} i
   * @returns {Promise<PageMessage | null>}
   */
  async message(i) {
    const cached = this.messageCache.get(i);
    if (cached) return cached;
    const m = await this.ask({ type: 'message', index: i });
    if (m) this.messageCache.set(i, m);
    return m;
  }

  /**
   * The raw regions a mark from `start` to `end` touches, with their text.
   * @param {number} start
   * @param {number} end
   * @returns {Promise<Queries['around']['value'] | null>}
   */
  around(start, end) {
    return this.ask({ type: 'around', start, end });
  }

  /**
   * Pieces of the text ([[start, end], …] → [string, …]); null when no longer kept.
   * @param {Array<[number, number]>} spans
   * @returns {Promise<string[] | null>}
   */
  slices(spans) {
    return this.ask({ type: 'slices', spans });
  }

  /** @returns {Promise<string | null>} */
  markdown() {
    return this.ask({ type: 'markdown' });
  }

  /**
   * Draws only the findings that match (see Inspection.filter in src/wasm): the list then counts and
   * fetches those. Resolves to how many match, or null when the report is no longer kept.
   */
  async filter(query) {
    /** @type {PageFiltered | null} */
    const answer = await this.ask({ type: 'filter', filter: query });
    if (!answer) return null;
    this.filters += 1;
    this.findingCache.clear();
    for (const key of [...this.inFlight.keys()]) if (key.startsWith('findings:')) this.inFlight.delete(key);
    this.findingCount = answer.count;
    this.keepFindings(0, answer.first);
    return answer.count;
  }

  /**
   * Header lines holding `text` (case ignored), at most `limit`.
   * @param {string} text
   * @param {number} limit
   * @returns {Promise<PageHeaderHit[] | null>}
   */
  findHeaders(text, limit) {
    return this.ask({ type: 'headers', text, limit });
  }

  /**
   * Up to `limit` bytes of message `index`'s body as captured, for the hex view.
   * @param {number} index
   * @param {number} limit
   * @returns {Promise<Uint8Array | null>}
   */
  bodyBytes(index, limit) {
    return this.ask({ type: 'bodyBytes', index, limit });
  }

  /** The whole report as the CLI's `check --format json` writes it, as text. */
  /** @returns {Promise<string | null>} */
  json() {
    return this.ask({ type: 'json' });
  }

  /**
   * What a share link of this report carries: { bytes, counts, replaced } (the input's
   * text, a capture's transcript; with `redact`, secrets replaced by the engine and
   * `replaced` saying what in words); null when the worker no longer keeps this report.
   */
  /**
   * @param {boolean} redact
   * @returns {Promise<PageShared | null>}
   */
  shared(redact) {
    return this.ask({ type: 'shared', redact });
  }

  load(kind, first, last, cache, count, keep) {
    const wanted = [];
    for (let page = Math.floor(first / PAGE); page * PAGE <= last && page * PAGE < count; page++) {
      let missing = false;
      for (let i = page * PAGE; i < Math.min(count, (page + 1) * PAGE) && i <= last; i++) {
        if (i >= first && !cache.has(i)) {
          missing = true;
          break;
        }
      }
      if (!missing) continue;
      const key = `${kind}:${page}`;
      let promise = this.inFlight.get(key);
      if (!promise) {
        const from = page * PAGE;
        const filters = this.filters;
        promise = this.ask({ type: kind, from, to: Math.min(count, from + PAGE) }).then((items) => {
          if (items && (kind !== 'findings' || filters === this.filters)) keep(from, items);
        }).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, promise);
      }
      wanted.push(promise);
    }
    return wanted.length ? Promise.all(wanted) : null;
  }

  keepRows(from, items) {
    if (this.rowCache.size + items.length > CACHE_LIMIT) {
      this.rowCache.clear();
      this.messageCache.clear();
    }
    items.forEach((row, k) => {
      this.rowCache.set(from + k, row);
      for (const m of row) this.messageCache.set(m.index, m);
    });
  }

  keepFindings(from, items) {
    if (this.findingCache.size + items.length > CACHE_LIMIT) this.findingCache.clear();
    items.forEach((f, k) => this.findingCache.set(from + k, f));
  }
}
