// The progress bar under the input, for a file read and a long inspection.

import { ui } from '../ui.js';
import { plural } from '../dom.js';

/** @param {number} n bytes */
export const sizeWords = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : plural(n, 'byte'));

/**
 * @param {string} words
 * @param {number | null} fraction done, or null when unknown
 */
export function showProgress(words, fraction) {
  ui.progress.hidden = false;
  ui.progressWords.textContent = words;
  if (fraction == null) ui.progressBar.removeAttribute('value');
  else ui.progressBar.value = fraction;
}

export function hideProgress() {
  ui.progress.hidden = true;
}
