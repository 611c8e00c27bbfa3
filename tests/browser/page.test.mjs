// The page loads, pastes decode as you type, examples load, the lookup box, profile switch,
// dark mode and keyboard use work, and nothing leaves the page's own origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, rendered, summary, paste, fixture, assertOnlyOwnOrigin, assertNoProblems,
  KINDS_41, KINDS_42, ORIGIN, closeChecked,
} from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await openPage(page);
});

after(async () => {
  await closeChecked(browser);
});

test('the page declares its CSP, a version tag and a privacy statement', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const directive of [
    "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'",
    "object-src 'none'", "base-uri 'none'", "form-action 'none'",
  ]) {
    assert.ok(csp.includes(directive), directive);
  }
  assert.match(await page.textContent('#version'), /^v\d+\.\d+\.\d+/);
  assert.match(await page.textContent('#privacy'), /never leaves your browser/);
  assert.equal(await page.textContent('#load-status'), 'Ready.');
  // No inline script anywhere.
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.equal(inline, 0);
});

test('pasting the 4.1 capture decodes every message, with no error', async () => {
  const text = (await fixture('mc-bup-4.1-upload.http')).toString('latin1');
  await paste(page, text);
  const s = await summary(page);
  assert.equal(s.errors, 0, s.verdict);
  assert.deepEqual(s.kinds, KINDS_41);
  assert.ok(s.rules.includes('input-line-endings-unchecked'), 'a paste says line endings were not checked');
  assert.match(await page.textContent('#input-note'), /turns CRLF into LF/);
  assert.equal(await page.evaluate(() => document.getElementById('input').value.includes('\r')), false);
});

test('pasting the 4.2 capture decodes every message, with no error', async () => {
  const text = (await fixture('mc-bup-4.2-upload-reply.http')).toString('latin1');
  await paste(page, text);
  const s = await summary(page);
  assert.equal(s.errors, 0, s.verdict);
  assert.equal(s.warnings, 0, s.verdict);
  assert.deepEqual(s.kinds, KINDS_42);
  // Each Ack beside its request: the Fragment (#4) and its Ack (#7) share a row.
  const pairOf4 = await page.evaluate(() => [...document.getElementById('msg-4').parentElement.children].map((d) => d.id));
  assert.deepEqual(pairOf4, ['msg-4', 'msg-7']);
  // The conversation: one session, one fragment with its range, ended by Close-Session.
  const conv = await page.textContent('#conversation');
  assert.match(conv, /\{C85B4E0A-9EB9-4114-BFA4-8A43B4710091\}/);
  assert.match(conv, /0–4,891 of 4,892/);
  assert.match(conv, /Ended byclose-session/);
  assert.match(conv, /FRANKCAO8/);
});

test('typing decodes as you type, debounced', async () => {
  await page.locator('#input').fill('');
  await page.waitForFunction(() => /Paste captured BITS traffic/.test(document.getElementById('verdict').textContent));
  await rendered(page, () => page.locator('#input').pressSequentially('BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n', { delay: 5 }));
  await page.waitForFunction(() => document.querySelectorAll('#messages details.msg').length === 1);
  const s = await summary(page);
  assert.deepEqual(s.kinds, ['ping']);
});

test('every example loads, the broken ones with their error', async () => {
  const expected = {
    'mc-bup-4.1-upload.http': { errors: 0, kinds: KINDS_41 },
    'mc-bup-4.2-upload-reply.http': { errors: 0, kinds: KINDS_42 },
    'ack-create-session-protocol-on-403.http': { rule: 'ack-create-session-protocol-on-failure' },
    'ack-error-code-on-200.http': { rule: 'ack-error-on-success' },
    'fragment-gap.http': { rule: 'session-fragment-gap' },
    'fragment-missing-session-id.http': { rule: 'request-session-id-missing' },
    'fragment-error-without-packet-type.http': { rule: 'ack-packet-type-missing' },
  };
  const files = await page.$$eval('#example-buttons button', (bs) => bs.map((b) => b.dataset.file));
  assert.deepEqual(files.sort(), Object.keys(expected).sort());
  for (const [file, want] of Object.entries(expected)) {
    await rendered(page, () => page.click(`button[data-file="${file}"]`));
    const s = await summary(page);
    if (want.kinds) {
      assert.equal(s.errors, 0, `${file}: ${s.verdict}`);
      assert.deepEqual(s.kinds, want.kinds, file);
      // Examples are bytes: checked strictly, so no "unchecked" note.
      assert.ok(!s.rules.includes('input-line-endings-unchecked'), file);
    } else {
      assert.ok(s.errors >= 1, `${file}: ${s.verdict}`);
      assert.ok(s.rules.includes(want.rule), `${file}: ${s.rules}`);
      assert.equal(s.level, 'error');
    }
  }
});

test('the profile switch regrades the findings', async () => {
  await rendered(page, () => page.click('button[data-file="mc-bup-4.1-upload.http"]'));
  const byDefault = await summary(page);
  assert.equal(byDefault.errors, 0);
  await rendered(page, () => page.selectOption('#profile', 'mc-bup'));
  const strict = await summary(page);
  // [MC-BUP] to the letter: the Acks without BITS-Session-Id are errors.
  assert.ok(strict.errors > 0, strict.verdict);
  assert.match(strict.verdict, /Profile mc-bup/);
  await rendered(page, () => page.selectOption('#profile', 'default'));
});

test('the lookup box explains an HRESULT, a rule id and a header', async () => {
  for (const [query, expect] of [
    ['0x8020001F', /BG_E_SESSION_NOT_FOUND/],
    ['-2145386465', /BG_E_SESSION_NOT_FOUND/],
    ['ack-error-on-success', /Rule ack-error-on-success/],
    ['bits-host-id', /Header BITS-Host-Id/],
    ['no-such-thing', /Nothing known as/],
  ]) {
    await page.fill('#lookup-input', query);
    await page.press('#lookup-input', 'Enter');
    // The answer comes from the worker; the answer to the query before may still be shown.
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('lookup-result').textContent), expect.source)
      .catch(() => {});
    assert.equal(await page.isHidden('#lookup-result'), false, query);
    assert.match(await page.textContent('#lookup-result'), expect, query);
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#lookup-result'), true);
});

test('dark mode follows the system and has a toggle', async () => {
  // The page follows `prefers-color-scheme` through a change event, which may land a moment
  // after the emulated change: wait for each state rather than read it once.
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const pressed = (value) => page.waitForFunction((v) => document.getElementById('theme-toggle').getAttribute('aria-pressed') === v, value);
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  await pressed('true');
  await page.waitForFunction((l) => getComputedStyle(document.body).backgroundColor !== l, light);
  await page.click('#theme-toggle');
  await pressed('false');
  assert.equal(await bg(), light);
  await page.click('#theme-toggle'); // back to following the system
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? null), null);
  await page.emulateMedia({ colorScheme: 'light' });
  await pressed('false');
});

test('works with the keyboard alone: Tab leaves the paste box, focus is visible, Enter shows bytes', async () => {
  await rendered(page, () => page.click('button[data-file="ack-error-code-on-200.http"]'));
  await page.focus('#input');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);
  assert.notEqual(next, 'input', 'Tab must not be trapped in the paste box');
  // Reach the first finding with Tab only.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement.classList.contains('finding-head'));
  }
  assert.ok(found, 'a finding is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.ok((await page.$$('#raw mark')).length > 0, 'Enter on a finding highlights its bytes');
  await page.keyboard.press('Escape');
  assert.equal((await page.$$('#raw mark')).length, 0, 'Esc clears the highlight');
  // The verdict is announced.
  assert.equal(await page.getAttribute('#verdict', 'aria-live'), 'polite');
});

test('copy buttons: findings as Markdown, a message with CRLF, a header value; a failed copy says so', async () => {
  await rendered(page, () => page.click('button[data-file="ack-create-session-protocol-on-403.http"]'));
  await page.click('#copy-findings');
  await page.waitForFunction(() => /Copied/.test(document.getElementById('copy-status').textContent));
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /^\*\*bits-inspector /);
  assert.match(md, /- \*\*error\*\* `ack-create-session-protocol-on-failure` \(line 14:1, message #1/);

  // Paste the message LF-only, then copy it back with CRLF restored.
  await paste(page, 'BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n');
  await page.click('#msg-0 button:has-text("Copy message (CRLF)")');
  await page.waitForFunction(() => /Copied #0/.test(document.getElementById('copy-status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n');

  await page.click('#row-m0-h0 button.copy');
  await page.waitForFunction(() => /Copied the value of BITS-Packet-Type/.test(document.getElementById('copy-status').textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Ping');

  // A refused clipboard: the page says the copy failed.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied for the test'));
    document.execCommand = () => false;
  });
  await page.click('#copy-findings');
  await page.waitForFunction(() => /Could not copy/.test(document.getElementById('copy-status').textContent));
  assert.match(await page.textContent('#copy-status'), /denied for the test/);
});

