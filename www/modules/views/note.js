// The note under the input: what the input is and how strictly it is checked.

import { ui } from '../ui.js';
import { plural } from '../dom.js';
import { input } from '../state.js';
import { sizeWords } from './progress.js';

export function updateNote() {
  const state = input.value;
  if (state.source === 'paste' && state.pasted != null) {
    ui.note.textContent = `Pasted ${plural(state.pasted.length, 'character')}: too large to keep in the paste box (a text box that size slows the page down), so it is not shown there; the raw view shows it. Line endings are not checked. Type or paste in the box to start afresh.`;
  } else if (state.source === 'paste') {
    ui.note.textContent = 'Pasted text: a browser text box turns CRLF into LF, so line endings are not checked. Open the capture as a file (or drop it on the page) to have them checked strictly.';
  } else {
    const from = `${state.origin[0].toUpperCase()}${state.origin.slice(1)}, ${plural(state.size ?? state.bytes.length, 'byte')}`;
    if (state.format && state.format !== 'text') {
      ui.note.textContent = `${from}: a ${state.format} capture. The HTTP messages it carried are checked byte for byte; the raw view shows them one after another (not the file itself).`;
    } else if (state.filled && ui.input.value === '' && (state.size ?? 0) > 0) {
      ui.note.textContent = `${from}: checked byte for byte, CRLF line endings included. Too large for the paste box (${sizeWords(state.size)}); the raw view shows it.`;
    } else {
      ui.note.textContent = `${from}: checked byte for byte, CRLF line endings included. Editing the text makes it pasted text.`;
    }
  }
  ui.note.dataset.source = state.source;
}
