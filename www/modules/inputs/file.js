// Opening a file (the button, or a drop: see drop.js): read as a stream, with a progress bar
// and a way to cancel, then handed to the worker.

import { ui, root } from '../ui.js';
import { job, input } from '../state.js';
import { engine } from '../engine-client.js';
import { cancel, loadBytes } from '../inspection.js';
import { showProgress, hideProgress, sizeWords } from '../views/progress.js';

const MAX_FILE = 1024 * 1024 * 1024;

/**
 * Reads `file` as a stream, showing the bytes read, and hands them to the worker.
 * @param {File} file
 */
export async function openFile(file) {
  if (file.size > MAX_FILE) {
    ui.note.textContent = `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; the inspector reads files up to ${MAX_FILE / 1048576} MB.`;
    return;
  }
  if (engine.busy) cancel(); // a new file replaces whatever was running
  job.set({ reading: file.name, readCancelled: false });
  root.dataset.busy = '';
  let bytes;
  try {
    bytes = new Uint8Array(file.size);
    let at = 0;
    const reader = file.stream().getReader();
    showProgress(`Reading “${file.name}”: 0 of ${sizeWords(file.size)}`, 0);
    let slice = performance.now();
    for (;;) {
      // Chunks of a file on disk come back at once, as microtasks: left alone this loop
      // would read the whole file in one task. Give the page a turn every few milliseconds.
      if (performance.now() - slice > 20) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        slice = performance.now();
      }
      const { done, value } = await reader.read();
      if (job.value.readCancelled) {
        reader.cancel().catch(() => {});
        return;
      }
      if (done) break;
      if (at + value.length > bytes.length) {
        reader.cancel().catch(() => {});
        throw new Error('the file grew while it was read; try again');
      }
      bytes.set(value, at);
      at += value.length;
      ui.progressBar.value = file.size ? at / file.size : 1;
      ui.progressWords.textContent = `Reading “${file.name}”: ${sizeWords(at)} of ${sizeWords(file.size)}`;
    }
    if (at !== bytes.length) bytes = bytes.subarray(0, at); // shrank: the inspection copies it once
  } catch (e) {
    ui.note.textContent = `Could not read “${file.name}”: ${e.message}`;
    hideProgress();
    delete root.dataset.busy;
    return;
  } finally {
    job.set({ reading: null });
  }
  input.set({ reveal: 'scroll' });
  loadBytes(bytes, `from file “${file.name}”`);
}

export function wireFileButton() {
  ui.openFile.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files[0];
    if (file) openFile(file);
    ui.fileInput.value = '';
  });
}
