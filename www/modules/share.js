// Share links: the input lives in the URL fragment only (the part after #, which browsers
// never send to a server), deflate-raw compressed and base64url encoded, behind a version:
//
//   #v1=<base64url(deflate-raw(header-json "\n" input-bytes))>
//
// The header says how to inspect the bytes again: {"profile":"win32","source":"file"}.
// "file" bytes are checked strictly (CRLF included); "paste" bytes as pasted text.

export const VERSION = 'v1';
/** Longest fragment a link may carry (characters after #). */
export const MAX_FRAGMENT = 8192;
/** Largest input a link may expand to, so a crafted link cannot exhaust memory. */
const MAX_EXPANDED = 4 * 1024 * 1024;

export class ShareError extends Error {}

/** Builds the fragment (`v1=...`, without #) for `bytes`. Throws ShareError past the cap. */
export async function encodeFragment(bytes, { profile, source }) {
  const header = new TextEncoder().encode(`${JSON.stringify({ profile, source })}\n`);
  const payload = new Uint8Array(header.length + bytes.length);
  payload.set(header);
  payload.set(bytes, header.length);
  const packed = await deflate(payload);
  const fragment = `${VERSION}=${base64url(packed)}`;
  if (fragment.length > MAX_FRAGMENT) {
    throw new ShareError(
      `Too large for a share link: it would need ${kb(fragment.length)} after the #, and the limit is ${kb(MAX_FRAGMENT)}. ` +
        'Share the capture file itself, or trim it to the messages that matter.',
    );
  }
  return fragment;
}

/** Whether a location hash looks like a share link of any version. */
export function isShareHash(hash) {
  return /^#v\d+=/.test(hash);
}

/** Reads a `#v1=...` hash back into { bytes, profile, source }. Throws ShareError. */
export async function decodeFragment(hash) {
  const match = /^#?v(\d+)=(.*)$/s.exec(hash);
  if (!match) throw new ShareError('This is not a bits-inspector share link.');
  if (match[1] !== '1') {
    throw new ShareError(`This share link was made by a newer version of bits-inspector (v${match[1]}); this page reads v1 links.`);
  }
  if (match[2].length > MAX_FRAGMENT * 2) throw new ShareError('This share link is longer than any this page makes; it was not opened.');
  let payload;
  try {
    payload = await inflate(unbase64url(match[2]));
  } catch (e) {
    throw new ShareError(`This share link is damaged and could not be read (${e.message}). Ask for the link again, or for the file.`);
  }
  const newline = payload.indexOf(10);
  if (newline < 0) throw new ShareError('This share link is damaged: its header is missing.');
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(payload.subarray(0, newline)));
  } catch {
    throw new ShareError('This share link is damaged: its header is not readable.');
  }
  const profile = ['default', 'win32', 'mc-bup'].includes(header.profile) ? header.profile : 'default';
  const source = header.source === 'file' ? 'file' : 'paste';
  return { bytes: payload.subarray(newline + 1), profile, source };
}

async function deflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_EXPANDED) {
      await reader.cancel();
      throw new Error(`it expands past ${kb(MAX_EXPANDED)}`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function base64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it holds characters base64url does not use');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function kb(n) {
  return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
}

// ---------------------------------------------------------------- redaction

const REDACTED_HOST = 'redacted.invalid';
const SECRET_HEADERS = /^(Host|Cookie|Set-Cookie|Authorization|Proxy-Authorization|BITS-Host-Id|X-Forwarded-For|X-Forwarded-Host|Forwarded)([ \t]*:[ \t]*)([^\r\n]*)/gim;
const URL_AUTHORITY = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s@]*@)?(\[[^\]\s]*\]|[^/\s:?#\\]+)/gi;

/**
 * A copy of `bytes` with host names, cookies and Authorization credentials replaced.
 * Works on the bytes as Latin-1 so every byte it does not replace stays as it was.
 */
export function redact(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  text = text.replace(SECRET_HEADERS, (_, name, sep, value) => name + sep + redactValue(name.toLowerCase(), value));
  text = text.replace(URL_AUTHORITY, (_, scheme) => scheme + REDACTED_HOST);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function redactValue(name, value) {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const scheme = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(value);
    return scheme && value.length > scheme[0].length ? `${scheme[0]} [redacted]` : '[redacted]';
  }
  if (name === 'host') {
    const port = /:\d+$/.exec(value);
    return REDACTED_HOST + (port ? port[0] : '');
  }
  if (name === 'bits-host-id') return REDACTED_HOST;
  return '[redacted]';
}
