// Reads the `BENCH name key=value ...` lines scripts/bench.sh collected and prints each
// figure beside its budget (issue 5), with whether it is kept.
//   node scripts/bench-summary.mjs artifacts/bench-raw.txt
import { readFileSync } from 'node:fs';

const figures = {};
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const match = /^(?:# )?BENCH (\S+) (.*)$/.exec(line.trim());
  if (!match) continue;
  const values = {};
  for (const pair of match[2].split(/\s+/)) {
    const [key, value] = pair.split('=');
    values[key] = Number.isNaN(Number(value)) ? value : Number(value);
  }
  figures[match[1]] = values;
}

const get = (name, key) => figures[name]?.[key];
const fmt = (n, digits = 0) =>
  n === undefined ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = [];
const row = (figure, measured, budget, kept) =>
  rows.push([figure, measured, budget, kept === undefined ? 'n/a' : kept ? 'kept' : 'MISSED']);

for (const corpus of ['uploads', 'small']) {
  const native = figures[`native-${corpus}`];
  if (!native) continue;
  const label = corpus === 'uploads' ? 'MC-BUP 4.1 upload x 2000' : 'small messages x 20000';
  row(
    `native inspection, ${label}`,
    `${fmt(native.inspect_msg_per_s)} msg/s, ${fmt(native.inspect_mb_per_s, 1)} MB/s, ${fmt(native.inspect_us_per_msg, 2)} us/msg; httparse ${fmt(native.httparse_msg_per_s)} msg/s (${fmt(native.ratio, 1)}x faster)`,
    'at least 1/3 of httparse (ratio <= 3)',
    native.ratio <= 3,
  );
  const instructions = get(`callgrind-${corpus}`, 'per_message');
  if (instructions !== undefined) row(`instructions per message (callgrind), ${label}`, fmt(instructions), 'reported', undefined);
  const wasm = get(`wasm-${corpus}`, 'msg_per_s') ?? get(`wasm-${corpus}`, 'msg/s');
  if (wasm !== undefined) {
    const ratio = wasm / native.inspect_msg_per_s;
    row(`wasm in Chromium, ${label}`, `${fmt(wasm)} msg/s = ${fmt(ratio, 2)} of native`, 'at least 1/2 of native', ratio >= 0.5);
  }
}
const paste1k = figures['paste-1000'];
if (paste1k) {
  const complete = paste1k.complete_median_ms !== undefined ? `; whole report ${fmt(paste1k.complete_median_ms)} ms median` : '';
  row('paste to rendered findings, 1,000 messages', `${fmt(paste1k.median_ms)} ms median (best ${fmt(paste1k.best_ms)})${complete}`, 'under 100 ms', paste1k.median_ms < 100);
}
const paste100k = figures['paste-100000'];
if (paste100k) {
  row(
    'paste to rendered findings, 100,000 messages',
    `${fmt(paste100k.median_ms)} ms; longest main-thread task ${fmt(paste100k.longest_main_task_ms)} ms`,
    'no main-thread task over 50 ms',
    paste100k.longest_main_task_ms <= 50,
  );
}
const worker = figures['worker-vs-engine'];
if (worker) {
  row(
    `the worker's own time beside the engine's (new Inspection), ${fmt(worker.messages)} pasted messages`,
    `${fmt(worker.worker_ms)} ms beside ${fmt(worker.engine_ms)} ms: ratio ${fmt(worker.ratio, 2)}`,
    'ratio at most 2',
    worker.ratio <= 2,
  );
  row(
    `findings on screen, ${fmt(worker.messages)} pasted messages`,
    `${fmt(worker.findings_on_screen_ms)} ms median`,
    'under 1000 ms',
    worker.findings_on_screen_ms < 1000,
  );
}
const parts = figures['facade-parts'];
if (parts) {
  row(
    `everything but the engine's inspect_with_text, ${fmt(parts.messages)} pasted messages (the worker's steps timed in the page)`,
    `${fmt(parts.facade_ms)} ms beside ${fmt(parts.engine_ms)} ms: ratio ${fmt(parts.ratio, 2)} ` +
      `(encode ${fmt(parts.encode_ms)}, new Inspection ${fmt(parts.construct_ms)}, summary ${fmt(parts.summary_ms)}, decode ${fmt(parts.decode_ms)}, first message ${fmt(parts.message_ms)} ms)`,
    'ratio at most 2',
    parts.ratio <= 2,
  );
}
// The 200 KB: 204,800 bytes, gzip -9.
const size = figures['wasm-size'];
if (size) row('wasm size', `${fmt(size.raw)} bytes raw, ${fmt(size.gz)} gzipped`, 'at most 200 KB (204,800 bytes) gzipped', size.gz <= 204_800);

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log('\nBudgets (issues 5 and 11)\n');
console.log(line(['figure', 'measured', 'budget', 'kept?']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
