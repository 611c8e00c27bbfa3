// Copying, with a visible result: a copy that failed says so.

/** Copies `text`; resolves to true, or throws an Error saying why it could not. */
export async function copyText(text) {
  let reason = 'the browser gives this page no clipboard access';
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      reason = e && e.message ? e.message : String(e);
    }
  }
  // Older path: a hidden text box and the copy command.
  const box = document.createElement('textarea');
  box.value = text;
  box.setAttribute('readonly', '');
  box.className = 'offscreen';
  document.body.append(box);
  const active = document.activeElement;
  box.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  box.remove();
  if (active instanceof HTMLElement) active.focus();
  if (!ok) throw new Error(reason);
  return true;
}
