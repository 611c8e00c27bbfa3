// Share links: the inspected text (redacted by the engine when asked) in the URL's fragment,
// which never reaches a server; opening one inspects what it carries.

import { ui } from '../ui.js';
import { input, job, shown } from '../state.js';
import { encodeFragment, decodeFragment, isShareHash, ShareError } from '../share.js';
import { run, loadBytes } from '../inspection.js';
import { copy } from '../views/copy.js';

async function share() {
  const pasted = input.value.source === 'paste';
  const current = pasted ? input.value.pasted ?? ui.input.value : null;
  ui.shareStatus.classList.remove('error');
  if (pasted ? current.length === 0 : input.value.bytes.length === 0 && !job.value.busyBytes) {
    ui.shareStatus.textContent = 'Nothing to share yet: paste or open a capture first.';
    return;
  }
  // The link carries what the engine inspected (a capture's transcript, redacted there when
  // asked): the shown report must be of the current input.
  const report = shown.value.report;
  const stale = !report || job.value.busyBytes || (pasted && report.pastedText !== current);
  const redact = ui.redact.checked;
  const shared = stale ? null : await report.shared(redact).catch(() => null);
  if (!shared) {
    ui.shareStatus.textContent = 'Still inspecting: try again when the report is shown.';
    return;
  }
  let fragment;
  try {
    fragment = await encodeFragment(shared.bytes, { profile: ui.profile.value, source: pasted ? 'paste' : 'file' });
  } catch (e) {
    ui.shareOut.hidden = true;
    ui.shareStatus.classList.add('error');
    ui.shareStatus.textContent = e instanceof ShareError ? e.message : `Could not make a share link: ${e.message}`;
    return;
  }
  const url = `${location.href.split('#')[0]}#${fragment}`;
  ui.shareUrl.value = url;
  ui.shareOut.hidden = false;
  const what = `the share link (${(fragment.length / 1024).toFixed(1)} KB${redact ? `; redacted: ${shared.replaced}` : ''})`;
  await copy(url, what, ui.shareStatus);
}

/** Inspects what the share link in the address bar carries. */
export async function restoreFromHash() {
  try {
    const { bytes, profile, source } = await decodeFragment(location.hash);
    ui.profile.value = profile;
    loadBytes(bytes, 'from a share link', { pasted: source === 'paste' });
    ui.shareStatus.classList.remove('error');
    ui.shareStatus.textContent = 'Opened from a share link: the capture came in the link itself, not from a server.';
  } catch (e) {
    ui.shareStatus.classList.add('error');
    ui.shareStatus.textContent = e instanceof ShareError ? e.message : `Could not open this share link: ${e.message}`;
    run();
  }
}

export function wireShare() {
  ui.share.addEventListener('click', share);
  ui.copyShare.addEventListener('click', () => copy(ui.shareUrl.value, 'the share link', ui.shareStatus));
  window.addEventListener('hashchange', () => isShareHash(location.hash) && restoreFromHash());
}
