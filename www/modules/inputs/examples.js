// The example buttons: each loads a capture from examples/ as a file would be.

import { ui } from '../ui.js';
import { input } from '../state.js';
import { loadBytes } from '../inspection.js';

/** @param {{ file: string, label: string }} example */
async function loadExample(example) {
  try {
    const response = await fetch(`examples/${example.file}`);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    input.set({ reveal: 'scroll' });
    loadBytes(new Uint8Array(await response.arrayBuffer()), `example “${example.label}” (${example.file})`);
  } catch (e) {
    ui.note.textContent = `Could not load the example ${example.file}: ${e.message}`;
  }
}

/**
 * The examples are buttons in index.html, the one list of them (there, the page does not
 * shift when the script comes): each names its file in `data-file`.
 */
export function wireExamples() {
  for (const button of ui.examples.querySelectorAll('button[data-file]')) {
    button.addEventListener('click', () => loadExample({ file: button.dataset.file, label: button.textContent }));
  }
}
