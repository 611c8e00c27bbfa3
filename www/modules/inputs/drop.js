// Dropping a file anywhere on the page opens it (file.js); an overlay shows while dragging.

import { ui } from '../ui.js';
import { openFile } from './file.js';

export function wireDrop() {
  let depth = 0;
  const hasFiles = (/** @type {DragEvent} */ e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    ui.drop.hidden = false;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) ui.drop.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    ui.drop.hidden = true;
    const file = e.dataTransfer.files[0];
    if (file) openFile(file);
  });
}
