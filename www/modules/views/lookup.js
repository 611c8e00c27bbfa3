// The look-up box: a rule id, a BITS header or an HRESULT, explained by the engine; and its
// keyboard: `/` goes to the box, Esc closes the answer (or clears the highlight).

import { ui } from '../ui.js';
import { h } from '../dom.js';
import { job, headerHelp } from '../state.js';
import { engine, Cancelled } from '../engine-client.js';
import { renderExplanation } from '../render.js';
import { clear } from '../dom.js';
import { clearHighlight } from './pointing.js';

/**
 * Offers the rules and headers the engine knows in the box's list.
 * @param {import('../protocol.js').PageRule[]} rules
 */
export function fillLookupList(rules) {
  const options = [];
  for (const rule of rules) options.push(h('option', { value: rule.id, label: rule.title }));
  for (const help of headerHelp.values()) options.push(h('option', { value: help.name }));
  ui.lookupList.replaceChildren(...options);
}

/** @param {string} query */
async function lookup(query) {
  query = query.trim();
  if (!query || !job.value.ready) return;
  let found;
  try {
    found = await engine.explain(query);
  } catch (e) {
    if (e instanceof Cancelled) return;
    throw e;
  }
  ui.lookupResult.hidden = false;
  renderExplanation(ui.lookupResult, found, query, closeLookup);
}

function closeLookup() {
  ui.lookupResult.hidden = true;
  clear(ui.lookupResult);
  ui.lookupInput.focus();
}

export function wireLookup() {
  ui.lookup.addEventListener('submit', (/** @type {Event} */ e) => {
    e.preventDefault();
    lookup(ui.lookupInput.value);
  });

  // Keyboard: Esc clears the highlight (or closes the lookup), / goes to the lookup box.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      if (!ui.lookupResult.hidden) closeLookup();
      else clearHighlight();
    } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const t = e.target;
      const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
      if (!typing) {
        e.preventDefault();
        ui.lookupInput.focus();
      }
    }
  });
}
