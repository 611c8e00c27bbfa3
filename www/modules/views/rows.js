// The decoded rows (a message's start line, header lines, body) that are selected (what the
// raw view lights up) and hovered (what the pointer is on in the raw view).

import { byId } from '../ui.js';
import { shown } from '../state.js';

/** @param {string | null} row */
export function selectRow(row) {
  const before = shown.value.selectedRow;
  if (before) byId(`row-${before}`)?.classList.remove('selected');
  shown.set({ selectedRow: row });
  if (row) byId(`row-${row}`)?.classList.add('selected');
}

/** @param {string | null} row */
export function hoverRow(row) {
  const before = shown.value.hoveredRow;
  if (row === before) return;
  if (before) byId(`row-${before}`)?.classList.remove('hovered');
  shown.set({ hoveredRow: row });
  if (row) byId(`row-${row}`)?.classList.add('hovered');
}
