// The serving script (scripts/serve.sh): the page's policy with frame-ancestors, no directory
// listings, gzip for text, JS and wasm, and ETags that let a reload reuse what did not change.
// Plain HTTP requests from Node to the server the browser tests use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE } from './helpers.mjs';

/** A GET with exactly these headers (no automatic decompression), body as bytes. */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, BASE), { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

test('the page is served with its policy, frame-ancestors included', async () => {
  const res = await get('./');
  assert.equal(res.status, 200);
  const csp = res.headers['content-security-policy'];
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('folders are not listed', async () => {
  for (const folder of ['pkg/', 'modules/', 'examples/']) {
    const res = await get(folder);
    assert.equal(res.status, 404, folder);
    assert.doesNotMatch(res.body.toString(), /Directory listing|bits_inspector_bg\.wasm/, folder);
  }
});

test('text, JavaScript and wasm are gzipped for a browser that takes it', async () => {
  for (const [path, type] of [['./', 'text/html'], ['app.js', 'text/javascript'], ['pkg/bits_inspector_bg.wasm', 'application/wasm']]) {
    const plain = await get(path);
    const packed = await get(path, { 'accept-encoding': 'gzip, br' });
    assert.equal(packed.headers['content-encoding'], 'gzip', path);
    assert.match(packed.headers['content-type'], new RegExp(type), path);
    assert.ok(packed.body.length < plain.body.length, `${path}: ${packed.body.length} < ${plain.body.length}`);
    assert.equal(plain.headers['content-encoding'], undefined, path);
  }
});

test('a reload reuses what did not change: ETag and 304', async () => {
  const first = await get('pkg/bits_inspector_bg.wasm');
  const etag = first.headers.etag;
  assert.ok(etag, 'an ETag');
  assert.equal(first.headers['cache-control'], 'no-cache');
  const again = await get('pkg/bits_inspector_bg.wasm', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const other = await get('pkg/bits_inspector_bg.wasm', { 'if-none-match': '"something-else"' });
  assert.equal(other.status, 200);
});
