// When the engine cannot be loaded the page says so, instead of sitting at "Loading".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE, assertOnlyOwnOrigin } from './helpers.mjs';

const CASES = [
  ['wasm file', '**/*.wasm'],
  ['wasm glue module', '**/pkg/bits_inspector.js'],
];

for (const [what, pattern] of CASES) {
  test(`a missing ${what} gives a clear "could not load" state`, async () => {
    const browser = await launch();
    const { page, context } = browser;
    try {
      await context.route(pattern, (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(BASE);
      await page.waitForFunction(() => document.documentElement.dataset.state === 'error');
      assert.match(await page.textContent('#load-status'), /Could not load the inspector/);
      assert.match(await page.textContent('#verdict'), /Could not load the inspector/);
      // The rest of the page still works: an example still loads into the text box.
      await page.click('button[data-file="fragment-gap.http"]');
      await page.waitForFunction(() => document.getElementById('input').value.startsWith('BITS_POST'));
      const unexpected = browser.problems.filter((p) => !/Failed to load resource|Failed to fetch dynamically imported module/.test(p));
      assert.deepEqual(unexpected, []);
      assertOnlyOwnOrigin(browser.requests);
    } finally {
      await browser.close();
    }
  });
}
