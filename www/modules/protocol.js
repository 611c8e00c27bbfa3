// The worker protocol (see worker.js for the prose): one message type each way, told apart
// by `type`. Types only: the page (engine-client.js) and the worker (worker.js) both name
// them, and `tsc` (scripts/check-types.sh) checks both sides against them and the engine's
// DTOs (www/pkg/bits_inspector.d.ts, made from src/wasm/dto.rs).

/**
 * @typedef {import('../pkg/bits_inspector.js').PageSummary} PageSummary
 * @typedef {import('../pkg/bits_inspector.js').PageMessage} PageMessage
 * @typedef {import('../pkg/bits_inspector.js').PageFinding} PageFinding
 * @typedef {import('../pkg/bits_inspector.js').PageRegion} PageRegion
 * @typedef {import('../pkg/bits_inspector.js').PageFiltered} PageFiltered
 * @typedef {import('../pkg/bits_inspector.js').PageHeaderHit} PageHeaderHit
 * @typedef {import('../pkg/bits_inspector.js').PageShared} PageShared
 * @typedef {import('../pkg/bits_inspector.js').PageRule} PageRule
 * @typedef {import('../pkg/bits_inspector.js').PageHeaderHelp} PageHeaderHelp
 * @typedef {import('../pkg/bits_inspector.js').PageExplanation} PageExplanation
 * @typedef {import('../pkg/bits_inspector.js').FilterQuery} FilterQuery
 */

/**
 * What the page asks of the kept inspection, and what each answers (`null` when the
 * inspection asked about is no longer the kept one).
 * @typedef {{
 *   rows: { query: { type: 'rows', from: number, to: number }, value: PageMessage[][] },
 *   findings: { query: { type: 'findings', from: number, to: number }, value: PageFinding[] },
 *   message: { query: { type: 'message', index: number }, value: PageMessage | null },
 *   around: { query: { type: 'around', start: number, end: number }, value: Array<PageRegion & { text?: string }> },
 *   slices: { query: { type: 'slices', spans: Array<[number, number]> }, value: string[] },
 *   filter: { query: { type: 'filter', filter: Partial<FilterQuery> }, value: PageFiltered },
 *   markdown: { query: { type: 'markdown' }, value: string },
 *   json: { query: { type: 'json' }, value: string },
 *   headers: { query: { type: 'headers', text: string, limit: number }, value: PageHeaderHit[] },
 *   bodyBytes: { query: { type: 'bodyBytes', index: number, limit: number }, value: Uint8Array | null },
 *   shared: { query: { type: 'shared', redact: boolean }, value: PageShared },
 * }} Queries
 * @typedef {Queries[keyof Queries]['query']} Query
 */

/**
 * Page → worker.
 * @typedef {{ type: 'inspect', id: number, profile: string, pasted: boolean, textUpTo?: number,
 *   bytes?: ArrayBuffer, text?: string, pieces?: boolean }} InspectRequest
 * @typedef {InspectRequest
 *   | { type: 'piece', id: number, piece: string }
 *   | { type: 'query', id: number, of: number, query: Query }
 *   | { type: 'explain', id: number, query: string }} Request
 */

/**
 * Worker → page.
 * @typedef {{ engineMs: number, ownMs: number, decodeMs: number, wasmBytes: number }} Timing
 *   `engineMs`: the engine's `new Inspection`; `ownMs`: everything else the worker did for
 *   the inspection until the summary was posted (encoding, decoding, the summary).
 * @typedef {{ type: 'ready', version: string, rules: PageRule[], headers: PageHeaderHelp[], linkHosts: string[] }
 *   | { type: 'load-failed', error: string }} Hello
 * @typedef {{ type: 'inspected', id: number, summary: PageSummary, text: string | null, bytes?: ArrayBuffer, timing: Timing }} Inspected
 * @typedef {Inspected
 *   | { type: 'result', id: number, value: any }
 *   | { type: 'failed', id: number, error: string, bytes?: ArrayBuffer }} Reply
 */

export {};
