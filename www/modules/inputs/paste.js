// Typing and pasting into the paste box. A paste too large to keep in the box is kept aside
// (state `pasted`): a text box holding megabytes takes seconds to lay out and paint, on the
// page's main thread, and again at every change.

import { ui } from '../ui.js';
import { input } from '../state.js';
import { isShareHash } from '../share.js';
import { run, runSoon, cancelSoon } from '../inspection.js';
import { updateNote } from '../views/note.js';

// Larger pastes are not kept in the paste box: a text box lays out all of its text, on the
// main thread, at every change (about half a second for 200 KB on a slow machine).
const KEEP_PASTE_IN_BOX_UP_TO = 64 * 1024;

/** The paste box is the input from now on: a share link in the address bar no longer is. */
function forgetShareLink() {
  if (isShareHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
}

/** @param {string} text a paste too large for the box */
function takeLargePaste(text) {
  cancelSoon();
  input.set({ source: 'paste', pasted: text, reveal: 'link' });
  ui.input.value = '';
  forgetShareLink();
  updateNote();
  // In a task of its own: reading the clipboard's megabytes was this one's share.
  runSoon(0);
}

export function wirePaste() {
  ui.input.addEventListener('paste', (/** @type {ClipboardEvent} */ e) => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= KEEP_PASTE_IN_BOX_UP_TO) return; // the box takes it, undo and all
    e.preventDefault();
    takeLargePaste(text);
  });
  ui.input.addEventListener('input', (/** @type {InputEvent} */ e) => {
    input.set({ source: 'paste', pasted: null, reveal: 'link' });
    forgetShareLink();
    updateNote();
    // A paste or a drop of text is one action: show it at once. Typing waits for a pause.
    if (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop') {
      cancelSoon();
      run();
    } else {
      runSoon(ui.input.value.length > 200_000 ? 400 : 150);
    }
  });
}
