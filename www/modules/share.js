// Share links: the input lives in the URL fragment only (the part after #, which browsers
// never send to a server), deflate-raw compressed and base64url encoded, behind a version:
//
//   #v1=<base64url(deflate-raw(header-json "\n" input-bytes))>
//
// The header says how to inspect the bytes again: {"profile":"win32","source":"file"}.
// "file" bytes are checked strictly (CRLF included); "paste" bytes as pasted text.
//
// A capture file (pcap, pcapng, HAR) is shared as its decoded transcript, the HTTP text the
// engine made of it (Inspection.shared in src/wasm.rs), never as the binary file: redaction
// is done by the engine on the parsed messages, so it cannot corrupt the file, and a secret
// TCP cut across segments is replaced whole. The transcript's bytes are what travelled
// (CRLF), so it goes as "file" and is checked strictly again. What is lost: frame numbers,
// connections and capture times, and the findings only a capture has (capture-*); the
// messages and the other findings come back the same, except those about replaced values.

export const VERSION = 'v1';
/** Longest fragment a link may carry (characters after #). */
export const MAX_FRAGMENT = 8192;
/** Largest input a link may expand to, so a crafted link cannot exhaust memory. */
const MAX_EXPANDED = 4 * 1024 * 1024;

export class ShareError extends Error {}

/** Most deflate output that still fits the fragment once base64url encoded. */
const MAX_PACKED = Math.floor(((MAX_FRAGMENT - VERSION.length - 1) * 3) / 4);
/** deflate never packs more than 1032 bytes into one: past this, no compression can fit. */
const MAX_INPUT = MAX_PACKED * 1032;

/**
 * Builds the fragment (`v1=...`, without #) for `bytes`. Throws ShareError past the cap,
 * decided without compressing a large input whole: an input no deflate could fit is refused
 * at once, and compression stops as soon as its output passes the cap, so a 50 MB input says
 * "too large" in milliseconds instead of holding the page.
 */
export async function encodeFragment(bytes, { profile, source }) {
  const header = new TextEncoder().encode(`${JSON.stringify({ profile, source })}\n`);
  if (header.length + bytes.length > MAX_INPUT) throw tooLarge(`${kb(bytes.length)} of input`);
  const packed = await deflateUpTo([header, bytes], MAX_PACKED);
  if (!packed) throw tooLarge('more than that');
  const fragment = `${VERSION}=${base64url(packed)}`;
  if (fragment.length > MAX_FRAGMENT) throw tooLarge(kb(fragment.length));
  return fragment;
}

function tooLarge(need) {
  return new ShareError(
    `Too large for a share link: it would need ${need} after the #, and the limit is ${kb(MAX_FRAGMENT)}. ` +
      'Share the capture file itself, or trim it to the messages that matter.',
  );
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

/** deflate-raw of `parts`, or null as soon as the output passes `limit` bytes. */
function deflateUpTo(parts, limit) {
  return readUpTo(new Blob(parts).stream().pipeThrough(new CompressionStream('deflate-raw')), limit);
}

async function inflate(bytes) {
  const out = await readUpTo(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')), MAX_EXPANDED);
  if (!out) throw new Error(`it expands past ${kb(MAX_EXPANDED)}`);
  return out;
}

/** A stream's bytes, or null (the stream cancelled) as soon as they pass `limit`. */
async function readUpTo(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
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
