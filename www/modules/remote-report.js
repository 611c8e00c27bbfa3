// The page's side of a report the worker keeps (the engine's Inspection, in wasm memory): the summary it sent,
// and what the page has asked for since, cached. Lists draw from the cache synchronously
// (`…Now` methods answer undefined for what is not here yet) and ask for the rest in pages,
// one request per page however many rows of it are wanted.

const PAGE = 64; // rows or findings per request
const CACHE_LIMIT = 20_000; // entries kept before the cache starts afresh

export class RemoteReport {
  /**
   * @param summary what the worker answered the inspection with
   * @param {object} summary
   * @param {(query: import('../worker.js').Query) => Promise<any>} ask the worker's answer (null when it no longer keeps this report)
   */
  constructor(summary, ask) {
    Object.assign(this, summary);
    this.ask = ask;
    this.rowCache = new Map(); // row → [message, …]
    this.messageCache = new Map(); // message index → message
    this.findingCache = new Map(); // position in the drawn order → finding
    this.inFlight = new Map(); // 'rows:3' / 'findings:0' → Promise
    this.totalFindings = summary.findingCount; // findingCount is what the filter keeps
    this.filters = 0; // findings fetched under an earlier filter are not kept
    this.keepRows(summary.rows.from, summary.rows.items);
    this.keepFindings(summary.findings.from, summary.findings.items);
    delete this.rows;
    delete this.findings;
  }

  rowNow(r) {
    return this.rowCache.get(r);
  }

  findingNow(at) {
    return this.findingCache.get(at);
  }

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

  /** Message `i` (with its row): at once from the cache, or from the worker. */
  async message(i) {
    const cached = this.messageCache.get(i);
    if (cached) return cached;
    const m = await this.ask({ type: 'message', index: i });
    if (m) this.messageCache.set(i, m);
    return m;
  }

  /** The raw regions a mark from `start` to `end` touches, with their text. */
  around(start, end) {
    return this.ask({ type: 'around', start, end });
  }

  /** Pieces of the text ([[start, end], …] → [string, …]); null when no longer kept. */
  slices(spans) {
    return this.ask({ type: 'slices', spans });
  }

  markdown() {
    return this.ask({ type: 'markdown' });
  }

  /**
   * Draws only the findings that match (see Inspection.filter in src/wasm): the list then counts and
   * fetches those. Resolves to how many match, or null when the report is no longer kept.
   */
  async filter(query) {
    const answer = await this.ask({ type: 'filter', filter: query });
    if (!answer) return null;
    this.filters += 1;
    this.findingCache.clear();
    for (const key of [...this.inFlight.keys()]) if (key.startsWith('findings:')) this.inFlight.delete(key);
    this.findingCount = answer.count;
    this.keepFindings(0, answer.first);
    return answer.count;
  }

  /** Header lines holding `text` (case ignored), at most `limit`: [{ message, header, name, value, span }]. */
  findHeaders(text, limit) {
    return this.ask({ type: 'headers', text, limit });
  }

  /** Up to `limit` bytes of message `index`'s body as captured (a Uint8Array), for the hex view. */
  bodyBytes(index, limit) {
    return this.ask({ type: 'bodyBytes', index, limit });
  }

  /** The whole report as the CLI's `check --format json` writes it, as text. */
  json() {
    return this.ask({ type: 'json' });
  }

  /**
   * What a share link of this report carries: { bytes, counts, replaced } (the input's
   * text, a capture's transcript; with `redact`, secrets replaced by the engine and
   * `replaced` saying what in words); null when the worker no longer keeps this report.
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
