// Accessibility at scale: axe-core (node_modules/axe-core) runs on the empty page, after
// every example, on a HAR and a pcapng report, on a report of about 50,000 findings (the
// virtualised lists), and in dark mode. No violation of impact serious or critical may be
// left. Every violation found (any impact) is written to artifacts/a11y.txt.
//
// The page's CSP allows only its own scripts, so the context bypasses it (bypassCSP) for
// axe's inline script; the page's own CSP is checked by the other tests.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  launch, openPage, rendered, fixture, dropFile, ROOT, assertOnlyOwnOrigin, watchLongTasks, pasteAndTime,
} from './helpers.mjs';

const AXE = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

let browser;
let page;
const log = [];

before(async () => {
  browser = await launch({ bypassCSP: true });
  page = browser.page;
  await openPage(page);
  await page.addScriptTag({ content: AXE });
  await page.evaluate(watchLongTasks);
});

after(async () => {
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await writeFile(path.join(ROOT, 'artifacts/a11y.txt'), `${log.join('\n')}\n`);
  assert.deepEqual(browser.problems, [], 'page errors');
  assertOnlyOwnOrigin(browser.requests);
  await browser.close();
});

/**
 * Scrolls through the whole page, a screen at a time, as a reader would: parts kept off
 * screen with content-visibility: auto are laid out at a placeholder height until they are
 * first shown (then remembered), and axe, measuring targets there, would see a card's
 * children overlap the next card's, which no one ever sees.
 */
async function scrollThrough() {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await frame();
    }
    scrollTo(0, 0);
    await frame();
  });
}

/** Runs axe on the whole page; logs every violation and returns the serious or critical ones. */
async function axeRun(what) {
  await scrollThrough();
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    // target-size (WCAG 2.2 AA, 24 by 24 px) is off by default in axe: on here.
    const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      why: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' '),
    }));
  });
  log.push(`${what}: ${violations.length ? '' : 'no violations'}`);
  for (const v of violations) log.push(`  ${v.impact} ${v.id} (${v.nodes} nodes): ${v.help}; e.g. ${v.targets.join(' | ')}; ${v.why}`);
  return violations.filter((v) => BLOCKING.has(v.impact)).map((v) => `${what}: ${v.impact} ${v.id} (${v.targets.join(' | ')})`);
}

/** Runs `body(check)`; `check(what)` runs axe; fails at the end if any run found a serious or critical violation. */
async function axeAll(body) {
  const blocking = [];
  await body(async (what) => blocking.push(...await axeRun(what)));
  assert.deepEqual(blocking, [], 'serious or critical axe violations');
}

async function examples() {
  return page.$$eval('#example-buttons button', (buttons) => buttons.map((b) => b.dataset.file));
}

async function allChecks(mode, check) {
  // Back to the empty page: the paste box emptied (an input event, even if it was empty).
  await rendered(page, () => page.evaluate(() => {
    const box = document.getElementById('input');
    box.value = '';
    box.dispatchEvent(new InputEvent('input', { inputType: 'deleteContentBackward', bubbles: true }));
  }));
  await check(`${mode}: the empty page`);
  for (const file of await examples()) {
    await rendered(page, () => page.click(`#example-buttons button[data-file="${file}"]`));
    await check(`${mode}: example ${file}`);
  }
  await dropFile(page, 'body', 'bits-upload.har', await fixture('captures/bits-upload.har'));
  await check(`${mode}: HAR report`);
  await dropFile(page, 'body', 'bits-upload-port-8123.pcapng', await fixture('captures/bits-upload-port-8123.pcapng'));
  await check(`${mode}: pcapng report`);
}

test('no serious or critical axe violation: empty page, every example, HAR and pcapng reports', async () => {
  await axeAll((check) => allChecks('light', check));
});

test('no serious or critical axe violation on a report of about 50,000 findings', () => axeAll(async (check) => {
  // 25,000 Pings without BITS-Session-Id or Content-Length: two findings each.
  const messages = await page.evaluate(() => {
    const one = 'BITS_POST /upload/x HTTP/1.1\nBITS-Packet-Type: Ping\nHost: server\n\n';
    window.__pasteText = one.repeat(25_000);
    return 25_000;
  });
  const detail = await page.evaluate(pasteAndTime);
  log.push(`large report: ${detail.messages} messages, ${detail.findings} findings`);
  assert.equal(detail.messages, messages);
  assert.ok(detail.findings >= 40_000, `${detail.findings} findings`);
  assert.equal(await page.evaluate(() => document.querySelector('#findings').classList.contains('virtual')), true);
  await page.waitForTimeout(300); // the rows around the first screen come a frame later
  // The virtualised list is still a list: its viewport has the role, each drawn item its place.
  const list = await page.evaluate(() => {
    const viewport = document.querySelector('#findings .vviewport');
    const item = viewport.querySelector('[role="listitem"]');
    return {
      host: document.getElementById('findings').getAttribute('role'), viewport: viewport.getAttribute('role'),
      posinset: item?.getAttribute('aria-posinset'), setsize: item?.getAttribute('aria-setsize'),
    };
  });
  assert.deepEqual(list, { host: null, viewport: 'list', posinset: '1', setsize: String(detail.findings) });
  await check(`large report (${detail.findings} findings, virtual lists)`);
  // Scrolled to the middle of the list: the rows drawn there keep list semantics too.
  await page.evaluate(() => {
    const v = document.querySelector('#findings .vviewport');
    v.scrollTop = v.scrollHeight / 2;
  });
  await page.waitForTimeout(500);
  await check('large report, findings scrolled to the middle');
  // A short list again: the host is the list once more.
  await rendered(page, () => page.click('#example-buttons button[data-file="fragment-gap.http"]'));
  assert.equal(await page.getAttribute('#findings', 'role'), 'list');
  await check('a short report after the large one');
}));

test('no serious or critical axe violation in dark mode', async () => {
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  await axeAll((check) => allChecks('dark', check));
  await page.click('#theme-toggle');
});
