// Every screen size: at 1400, 1024, 768 and 390 px wide the page has no horizontal
// overflow, and after an example click (or a file drop) the verdict is in view, scrolled to
// on narrow screens where it sits below the input. A paste typed into the box does not
// scroll (nor take the focus from the box): a "Results below" link says where the report
// is. Loading the page shifts its layout by less than 0.1 (CLS, measured at 390 px).
// Screenshots go to artifacts/layout-<width>.png (after an example) and
// artifacts/layout-<width>-full.png (the whole page).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, openPage, rendered, fixture, dropFile, ROOT, closeChecked } from './helpers.mjs';

const SIZES = [
  { width: 1400, height: 900 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
const MAX_CLS = 0.1;
const lines = [];

/** Whether the element is within the viewport (its top, and its bottom or the screen's). */
function inView(page, selector) {
  return page.evaluate((selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.top < innerHeight && r.bottom <= Math.max(innerHeight, r.top + innerHeight);
  }, selector);
}

function waitInView(page, selector) {
  return page.waitForFunction((selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
  }, selector, { timeout: 5000 });
}

/** Horizontal overflow of the page, in pixels (0: none). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Cumulative layout shift on load, with the shifts' sources, recorded from the first paint. */
function watchLayoutShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({
        value: e.value,
        at: Math.round(e.startTime),
        sources: (e.sources ?? []).map((s) => {
          const n = s.node;
          const name = n ? (n.id ? `#${n.id}` : n.nodeType === 1 ? `${n.tagName.toLowerCase()}.${n.className}` : n.nodeName) : '?';
          return `${name} ${Math.round(s.previousRect.y)}->${Math.round(s.currentRect.y)}`;
        }),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
}

for (const size of SIZES) {
  test(`${size.width}x${size.height}: no horizontal overflow; the verdict in view after an example`, async () => {
    const browser = await launch({ viewport: size });
    const { page } = browser;
    try {
      await page.addInitScript(watchLayoutShifts);
      await openPage(page);
      await settle(page);
      const shifts = await page.evaluate(() => window.__shifts);
      const cls = shifts.reduce((a, s) => a + s.value, 0);
      lines.push(`${size.width}x${size.height}: CLS on load ${cls.toFixed(3)}${shifts.length ? `: ${JSON.stringify(shifts)}` : ''}`);
      if (size.width === 390) assert.ok(cls < MAX_CLS, `CLS on load ${cls.toFixed(3)}: ${JSON.stringify(shifts)}`);
      assert.equal(await overflow(page), 0, 'no horizontal overflow on the empty page');
      await page.screenshot({ path: path.join(ROOT, `artifacts/layout-${size.width}-empty.png`) });

      // An example: the verdict comes into view (scrolled to when below the fold).
      await rendered(page, () => page.click('#example-buttons button[data-file="fragment-gap.http"]'));
      await waitInView(page, '#verdict');
      assert.equal(await page.isVisible('#results-link'), false, 'no "Results below" link after an example');
      assert.equal(await overflow(page), 0, 'no horizontal overflow with a report');
      await page.screenshot({ path: path.join(ROOT, `artifacts/layout-${size.width}.png`) });
      await page.screenshot({ path: path.join(ROOT, `artifacts/layout-${size.width}-full.png`), fullPage: true });

      // A file dropped from the top of the page: scrolled to as well.
      await page.evaluate(() => scrollTo(0, 0));
      await dropFile(page, 'body', 'bits-upload.har', await fixture('captures/bits-upload.har'));
      await waitInView(page, '#verdict');
      assert.equal(await overflow(page), 0, 'no horizontal overflow with a capture report');

      // Typed or pasted into the box: no scroll, the focus stays; a link says where the report is.
      await page.evaluate(() => scrollTo(0, 0));
      await page.locator('#input').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await rendered(page, () => page.keyboard.insertText('BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n'));
      await settle(page);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'input', 'the focus stays in the paste box');
      assert.equal(await page.evaluate(() => scrollY), 0, 'typing does not scroll the page');
      const below = !(await inView(page, '#verdict'));
      assert.equal(await page.isVisible('#results-link'), below, below ? 'a "Results below" link when the verdict is below the fold' : 'no link when the verdict is in view');
      if (below) {
        await page.screenshot({ path: path.join(ROOT, `artifacts/layout-${size.width}-typed.png`) });
        const box = await page.locator('#results-link').boundingBox();
        assert.ok(box.width >= 24 && box.height >= 24, 'the link is a target of 24 px at least');
        await page.click('#results-link');
        await waitInView(page, '#verdict');
        await page.waitForFunction(() => document.getElementById('results-link').hidden);
      }
      assert.equal(await overflow(page), 0);
      await closeChecked(browser);
    } catch (e) {
      await browser.close();
      throw e;
    }
  });
}

test('figures', async () => {
  await mkdir(path.join(ROOT, 'artifacts'), { recursive: true });
  await writeFile(path.join(ROOT, 'artifacts/layout.txt'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
});
