// Words for numbers, shared by the page and the worker (no DOM here).

// One formatter for every number: `n.toLocaleString('en-US')` builds a new one per call,
// which costs tens of microseconds, thousands of times for a long table.
const EN = new Intl.NumberFormat('en-US');

/** 12,345 */
export const num = (n) => (typeof n === 'number' ? EN.format(n) : String(n));

export const plural = (n, one, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
