import { before, after } from 'node:test';
// Shared set-up for the browser tests: Debian's Chromium through playwright-core, a fresh
// profile, every request the page makes recorded, page errors and CSP violations collected.
//
// The page is served by scripts/test-browser.sh, which passes its address in BITS_URL.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BASE = process.env.BITS_URL ?? 'http://127.0.0.1:8080/';
export const ORIGIN = new URL(BASE).origin;

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export function fixture(name) {
  return readFile(path.join(ROOT, 'tests/fixtures', name));
}

/** What `bits-inspector check --format json` reports for `bytes` saved as a file `name`. */
export async function cliReport(bytes, name = 'input.http') {
  const dir = await mkdtemp(path.join(tmpdir(), 'bits-inspector-cli-'));
  try {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    const run = spawnSync('cargo', ['run', '-q', '--bin', 'bits-inspector', '--', 'check', '--format', 'json', file], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
    });
    assert.ok(run.status === 0 || run.status === 1, `bits-inspector check failed (${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Starts Chromium with a fresh profile. Returns { context, page, requests, problems, close }.
 * `requests` holds the URL of every request the page (or any worker of it) made;
 * `problems` page errors, console errors and CSP violations.
 */
export async function launch({
  colorScheme = 'light', viewport = { width: 1400, height: 1000 }, bypassCSP = false, serviceWorkers = 'block',
} = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'bits-inspector-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    colorScheme,
    acceptDownloads: false,
    // Only for tests that inject a tool of their own (axe-core) as an inline script.
    bypassCSP,
    // The page's offline cache is tested on its own (offline.test.mjs); elsewhere every
    // request goes to the server as on a first visit.
    serviceWorkers,
  });
  const requests = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page, problems);
  context.on('page', (p) => watch(p, problems));
  return {
    context,
    page,
    userDataDir,
    requests,
    problems,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function watch(page, problems) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    if (message.type() === 'warning' && message.text().startsWith('bits-inspector')) problems.push(`page warning: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  // CSP violations are reported to the page as events; collect them from the start.
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

/** Fails when any recorded request left the page's own origin. */
export function assertOnlyOwnOrigin(requests) {
  const foreign = requests.filter((url) => {
    try {
      return new URL(url).origin !== ORIGIN;
    } catch {
      return true;
    }
  });
  assert.deepEqual(foreign, [], `requests outside ${ORIGIN}`);
}

export async function assertNoProblems(page, problems) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  assert.deepEqual(csp, [], 'CSP violations');
  assert.deepEqual(problems, [], 'page errors');
}

/** Opens the page (optionally with a fragment) and waits for the engine. */
export async function openPage(page, hash = '') {
  await page.goto(BASE + hash);
  await page.waitForFunction(() => document.documentElement.dataset.state !== 'loading');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'ready');
}

/** Runs `action` and waits until the page has rendered a new report. */
export async function rendered(page, action) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.rendered ?? 0));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.rendered ?? 0) > n, before);
}

/** Verdict counts and the message kinds in wire order, as the page shows them. */
export function summary(page) {
  return page.evaluate(() => {
    const v = document.getElementById('verdict');
    const cards = [...document.querySelectorAll('#messages details.msg')]
      .map((d) => ({ index: Number(d.dataset.index), kind: d.dataset.kind }))
      .sort((a, b) => a.index - b.index);
    return {
      errors: Number(v.dataset.errors),
      warnings: Number(v.dataset.warnings),
      notes: Number(v.dataset.notes),
      level: v.dataset.level,
      verdict: v.textContent,
      kinds: cards.map((c) => c.kind),
      rules: [...document.querySelectorAll('#findings .finding')].map((li) => li.dataset.rule),
    };
  });
}

/**
 * Drops a file with `bytes` on `selector`, as a drag from the file manager would, and waits
 * for the report. The bytes go to the page as one base64 string (fast for large files).
 */
export async function dropFile(page, selector, name, bytes) {
  const dataTransfer = await page.evaluateHandle(({ name, b64 }) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type: '' }));
    return dt;
  }, { name, b64: Buffer.from(bytes).toString('base64') });
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await rendered(page, () => page.dispatchEvent(selector, 'drop', { dataTransfer }));
}

/** Pastes `text` into the paste box the way a paste arrives: one insertion of text. */
export async function paste(page, text) {
  await page.locator('#input').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await rendered(page, () => page.keyboard.insertText(text));
}

/** The text of the highlighted span in the raw view. */
export function markedText(page) {
  return page.evaluate(() => [...document.querySelectorAll('#raw mark')].map((m) => m.dataset.text).join(''));
}

export const KINDS_41 = [
  'create-session', 'ack-create-session', 'fragment', 'ack-fragment',
  'ping', 'ack-ping', 'close-session', 'ack-close-session',
];
export const KINDS_42 = [
  'create-session', 'ack-create-session', 'ping', 'ack-ping', 'fragment', 'notification',
  'notification-response', 'ack-fragment', 'reply-download', 'reply-download-response',
  'close-session', 'ack-close-session',
];

/** The sites of the documents the engine cites (src/spec.rs `link_hosts`): the only links the page makes. */
export const SPEC_HOSTS = ['learn.microsoft.com', 'www.rfc-editor.org', 'www.tcpdump.org', 'www.ietf.org', 'www.softwareishard.com'];

/**
 * Fails unless hostile input stayed data: no script of it ran (`window.__pwned` is the
 * canary its payloads set), no element or event handler was made from it, no link but the
 * cited spec pages, no style applied, and no request since `requestsBefore`.
 */
export async function assertInert(page, browser, requestsBefore) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no hostile script ran');
  const report = await page.evaluate((hosts) => {
    const all = [...document.querySelectorAll('body *')];
    return {
      tags: all.map((el) => el.tagName.toLowerCase()).filter((t) => ['script', 'img', 'iframe', 'svg', 'style', 'link', 'object', 'embed', 'b'].includes(t)),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
      links: [...document.querySelectorAll('a[href]:not(.skip):not(#results-link)')].map((a) => a.href)
        .filter((h) => !(h.startsWith('https://') && hosts.includes(new URL(h).host))),
      bodyVisible: getComputedStyle(document.body).display !== 'none',
    };
  }, SPEC_HOSTS);
  assert.deepEqual(report.tags, [], 'no element made from the input');
  assert.deepEqual(report.handlers, [], 'no event handler attribute anywhere');
  assert.deepEqual(report.links, [], 'no link other than the cited spec pages');
  assert.ok(report.bodyVisible, 'no style from the input applied');
  assert.deepEqual(browser.requests.slice(requestsBefore), [], 'hostile input caused no request at all');
}

/** Launches Chromium (see `launch`) with the page open and the engine loaded. */
export async function launchOpen(options) {
  const browser = await launch(options);
  await openPage(browser.page);
  return browser;
}

/**
 * One browser for a test file, opened on the page before its tests and checked and closed
 * after them (closeChecked); `ready(browser)` runs once it is open, to keep it and prepare.
 * Must be called at the top of the file, where node:test hooks are registered.
 */
export function browserForFile(ready) {
  let browser;
  before(async () => {
    browser = await launchOpen();
    await ready(browser);
  });
  after(async () => {
    await closeChecked(browser);
  });
}

/** What every browser test file ends with: no page problem, no request elsewhere; then closes. */
export async function closeChecked(browser) {
  await assertNoProblems(browser.page, browser.problems);
  assertOnlyOwnOrigin(browser.requests);
  await browser.close();
}

/**
 * Run in the page (page.evaluate(uploadText, n)): a whole BITS upload of `n` messages as
 * pasted text (LF line endings), kept in `window.__pasteText` so megabytes need not cross
 * from the test: Create-Session and its Ack, Fragment/Ack pairs of 64 bytes, Close-Session
 * and its Ack. Returns its length.
 */
export function uploadText(n) {
  const sid = '{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}';
  const proto = '{7df0354d-249b-430f-820d-3d2a9bef4931}';
  const fragments = (n - 4) / 2;
  const size = 64;
  const total = fragments * size;
  const out = [
    `BITS_POST /upload/big.bin HTTP/1.1\nBITS-Packet-Type: Create-Session\nBITS-Supported-Protocols: ${proto}\nHost: server\nContent-Length: 0\n\n`,
    `HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nBITS-Protocol: ${proto}\nBITS-Session-Id: ${sid}\nAccept-Encoding: identity\nContent-Length: 0\n\n`,
  ];
  const body = `${'x'.repeat(size - 1)}\n`;
  for (let i = 0; i < fragments; i++) {
    const first = i * size;
    out.push(`BITS_POST /upload/big.bin HTTP/1.1\nBITS-Packet-Type: Fragment\nBITS-Session-Id: ${sid}\nContent-Range: bytes ${first}-${first + size - 1}/${total}\nHost: server\nContent-Length: ${size}\n\n${body}`);
    out.push(`HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nBITS-Session-Id: ${sid}\nBITS-Received-Content-Range: ${first + size}\nContent-Length: 0\n\n`);
  }
  out.push(`BITS_POST /upload/big.bin HTTP/1.1\nBITS-Packet-Type: Close-Session\nBITS-Session-Id: ${sid}\nHost: server\nContent-Length: 0\n\n`);
  out.push(`HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nBITS-Session-Id: ${sid}\nContent-Length: 0\n\n`);
  window.__pasteText = out.join('');
  return window.__pasteText.length;
}

/** Run in the page first: records the main thread's long tasks in `window.__longTasks`. */
export function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Run in the page (page.evaluate(pasteAndTime)): pastes `window.__pasteText` into the paste
 * box as a user's paste arrives, a paste event with the text on its clipboard data (the page
 * keeps a large paste out of the box); when the page lets it through, the text goes in and
 * an input event follows, as the browser does. Resolves, once the whole report is rendered
 * and two frames later painted, to the times from the paste: `painted`, to the findings
 * painted (two frames after the page drew them; whether they are then on screen is
 * `findingsVisible`), and `complete`, to the whole report painted; the page's figures; and
 * the longest main-thread task from the paste to the whole report painted.
 */
export async function pasteAndTime() {
  const box = document.getElementById('input');
  const text = window.__pasteText;
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const paste = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true });
  const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const findingsPainted = new Promise((resolve) => document.addEventListener('bits:findings-drawn', () => twoFrames().then(() => {
    const first = document.querySelector('#findings .finding');
    const rect = first?.getBoundingClientRect();
    const visible = rect != null && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight && first.checkVisibility();
    resolve({ at: performance.now(), visible });
  }), { once: true }));
  const done = new Promise((resolve) => document.addEventListener('bits:rendered', (e) => resolve(e.detail), { once: true }));
  const t0 = performance.now();
  box.focus();
  box.dispatchEvent(paste);
  if (!paste.defaultPrevented) {
    box.value = text;
    box.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }
  const findings = await findingsPainted;
  const detail = await done;
  const t1 = performance.now();
  await twoFrames();
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 100)); // long-task entries come a little late
  const longest = Math.max(0, ...window.__longTasks.filter((e) => e.start + e.duration > t0 && e.start < t2).map((e) => e.duration));
  return {
    ...detail, painted: findings.at - t0, findingsVisible: findings.visible, rendered: t1 - t0, complete: t2 - t0, longest,
    findingsShown: document.querySelectorAll('#findings .finding').length,
  };
}
