// bits-inspector web page: the composition root. It wires the inputs (paste, file, drop,
// example, share link) and the views to the engine, then loads the engine. Nothing here
// sends the input anywhere: the only requests the page makes are for its own files.
//
// The engine runs in a Web Worker (worker.js, behind modules/engine-client.js), never on this
// thread: the page reads a file with a progress bar, hands the bytes over (transferred, not
// copied), stays responsive while the worker inspects, and can cancel by terminating the
// worker and starting afresh. The report stays in the worker too: the page draws from a
// summary and asks for the rows, findings and raw text it shows (modules/remote-report.js).
//
// The parts: modules/state.js (the state, in small stores), modules/inspection.js (one run
// of the engine over the input), modules/inputs/ (where input comes from), modules/views/
// (what is drawn of a report, and the page around it).

import { ui, root } from './modules/ui.js';
import { setLinkHosts } from './modules/dom.js';
import { job, headerHelp } from './modules/state.js';
import { engine } from './modules/engine-client.js';
import { run, cancel } from './modules/inspection.js';
import { isShareHash } from './modules/share.js';
import { renderVerdictMessage } from './modules/render.js';
import { wirePaste } from './modules/inputs/paste.js';
import { wireFileButton } from './modules/inputs/file.js';
import { wireDrop } from './modules/inputs/drop.js';
import { wireExamples } from './modules/inputs/examples.js';
import { wireShare, restoreFromHash } from './modules/inputs/share.js';
import { raw } from './modules/views/lists.js';
import { wireFilters } from './modules/views/filters.js';
import { wireResultsLink } from './modules/views/report.js';
import { copyFindings, download } from './modules/views/copy.js';
import { wireLookup, fillLookupList } from './modules/views/lookup.js';
import { wireTheme } from './modules/views/theme.js';

function wireControls() {
  ui.profile.addEventListener('change', run);
  ui.cancel.addEventListener('click', cancel);
  ui.showWs.addEventListener('change', () => raw.setShowWhitespace(ui.showWs.checked));
  ui.copyFindings.addEventListener('click', copyFindings);
  ui.downloadJson.addEventListener('click', () => download('json'));
  ui.downloadMarkdown.addEventListener('click', () => download('markdown'));
}

async function start() {
  wireExamples();
  wirePaste();
  wireControls();
  wireFileButton();
  wireDrop();
  wireShare();
  wireLookup();
  wireFilters();
  wireResultsLink();
  wireTheme();
  let info;
  try {
    // The worker loads the wasm, so a missing or broken build still leaves a working page
    // that says what went wrong.
    info = await engine.loaded;
    job.set({ ready: true });
  } catch (e) {
    root.dataset.state = 'error';
    ui.status.textContent = `Could not load the inspector: ${e && e.message ? e.message : e}. Reload the page; it needs WebAssembly.`;
    ui.status.classList.add('error');
    renderVerdictMessage(ui.verdict, 'Could not load the inspector, so nothing can be checked. Reload the page to try again.', 'error');
    return;
  }
  ui.version.textContent = `v${info.version}`;
  setLinkHosts(info.linkHosts);
  for (const help of info.headers) headerHelp.set(help.name, help);
  fillLookupList(info.rules);
  root.dataset.state = 'ready';
  ui.status.textContent = 'Ready.';
  // A second visit works offline: the service worker caches the page, the wasm and the
  // examples (sw.js). Where it cannot run (a file: URL, a blocked worker) the page simply
  // needs the network.
  navigator.serviceWorker?.register('sw.js').catch(() => {});
  if (isShareHash(location.hash)) await restoreFromHash();
  else run();
}

start();
