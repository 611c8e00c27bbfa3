// The engine in a Web Worker (worker.js), seen from the page: the one place that posts
// requests to it and resolves their replies. One request at a time, answered in order, each
// reply carrying its request's `id`; the messages are typed in protocol.js.

/**
 * @typedef {import('./protocol.js').Request} Request
 * @typedef {import('./protocol.js').Reply} Reply
 * @typedef {import('./protocol.js').Hello} Hello
 * @typedef {import('./protocol.js').Query} Query
 * @typedef {import('./protocol.js').Queries} Queries
 * @typedef {import('./protocol.js').PageExplanation} PageExplanation
 */

/** An inspection stopped by the user (or replaced by a newer one). */
export class Cancelled extends Error {}

/** Characters of pasted text posted to the worker per message (a few milliseconds' copy). */
const TEXT_PIECE = 2 ** 21;

/** Lets the page handle input and draw before the caller goes on. */
const yieldToPage = () => {
  const scheduler = /** @type {any} */ (globalThis).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * @typedef {{ resolve: (reply: Reply) => void, reject: (error: Error) => void, inspection: boolean }} Job
 */

export class Engine {
  constructor() {
    this.nextId = 1;
    /** @type {Map<number, Job>} */
    this.pending = new Map();
    /** @type {Worker} */
    this.worker = /** @type {any} */ (null);
    /** @type {Promise<Extract<Hello, { type: 'ready' }>>} */
    this.loaded = Promise.resolve(/** @type {any} */ (null));
    this.start();
  }

  start() {
    this.pending = new Map();
    this.worker = new Worker('worker.js', { type: 'module', name: 'bits-inspector engine' });
    this.loaded = new Promise((resolve, reject) => {
      this.worker.addEventListener('message', (e) => {
        /** @type {Hello | Reply} */
        const d = e.data;
        if (d.type === 'ready') return resolve(d);
        if (d.type === 'load-failed') return reject(new Error(d.error));
        const job = this.pending.get(d.id);
        if (!job) return;
        this.pending.delete(d.id);
        job.resolve(d);
      });
      this.worker.addEventListener('error', (e) => {
        const error = new Error(e.message || 'the inspection worker failed to start');
        reject(error);
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
      });
    });
    this.loaded.catch(() => {});
  }

  /** Whether an inspection is running (a look-up or a fetch of part of a report does not count). */
  get busy() {
    for (const job of this.pending.values()) if (job.inspection) return true;
    return false;
  }

  /**
   * Posts `message` (its `id` added here) and resolves to the worker's reply.
   * @param {Request extends infer R ? R extends unknown ? Omit<R, 'id'> : never : never} message
   * @param {Transferable[]} transfer
   * @returns {Promise<Reply>}
   */
  request(message, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, inspection: message.type === 'inspect' });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /**
   * Asks the kept inspection `of` for `query`; resolves to its answer (null when the worker
   * no longer keeps that inspection), rejects when the worker failed.
   * @param {number} of
   * @param {Query} query
   * @returns {Promise<any>} what protocol.js's `Queries` says `query` answers
   */
  async query(of, query) {
    const reply = await this.request({ type: 'query', query, of });
    if (reply.type === 'failed') throw new Error(reply.error);
    if (reply.type !== 'result') throw new Error(`a ${reply.type} reply to a query`);
    return reply.value;
  }

  /**
   * Explains a rule id, a header name or an HRESULT; null when it is none of them.
   * @param {string} query
   * @returns {Promise<PageExplanation | null>}
   */
  async explain(query) {
    const reply = await this.request({ type: 'explain', query });
    return reply.type === 'result' ? reply.value : null; // a failed look-up knows nothing
  }

  /**
   * Inspects pasted `text`. A long one goes in pieces, each posted in a task of its own:
   * the structured clone of twenty megabytes of text in one message holds up the page for
   * tens of milliseconds (the worker joins the pieces).
   * @param {string} text
   * @param {{ profile: string, pasted: boolean }} options
   * @returns {Promise<Reply>}
   */
  inspectText(text, options) {
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, inspection: true });
      (async () => {
        let at = 0;
        for (; text.length - at > TEXT_PIECE; at += TEXT_PIECE) {
          /** @type {Request} */
          const piece = { type: 'piece', id, piece: text.slice(at, at + TEXT_PIECE) };
          worker.postMessage(piece);
          await yieldToPage();
          if (this.worker !== worker || !this.pending.has(id)) return; // restarted: the job is rejected
        }
        /** @type {Request} */
        const last = { ...options, type: 'inspect', id, text: at ? text.slice(at) : text, pieces: at > 0 };
        worker.postMessage(last);
      })();
    });
  }

  /** Stops whatever the worker is doing and starts a fresh one. */
  restart() {
    this.worker.terminate();
    for (const job of this.pending.values()) job.reject(new Cancelled('cancelled'));
    this.start();
  }
}

/** The page's one engine. */
export const engine = new Engine();
