// Redacted sharing of a capture file: a pcapng whose Authorization value TCP cut across two
// segments is shared as its decoded transcript with the secrets replaced by the engine
// (src/redact.rs); the link, and the page it opens, hold none of them, and the same
// messages come back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import {
  browserForFile, dropFile, summary, ORIGIN,
} from './helpers.mjs';

const AUTH = 'QWxhZGRpbjpCcm93c2VyU2hhcmVTZWNyZXQ5';
const COOKIE = 'BrowserCookieSecret7Kd';
const HOST = 'uploads.secret-corp.example';
const PROTOCOL = '{7df0354d-249b-430f-820d-3d2a9bef4931}';
const ID = '{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}';

let browser;
let page;
browserForFile(async (opened) => {
  browser = opened;
  page = opened.page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
});

const crlf = (lines) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

/** Create-Session with its Ack, and a Ping with its Ack: [client bytes, server bytes] pairs. */
function conversation() {
  return [
    [
      crlf([
        'BITS_POST /upload/a.txt HTTP/1.1',
        `Host: ${HOST}:8123`,
        'User-Agent: Microsoft BITS/7.8',
        `Authorization: Basic ${AUTH}`,
        `Cookie: sid=${COOKIE}`,
        'BITS-Packet-Type: Create-Session',
        `BITS-Supported-Protocols: ${PROTOCOL}`,
        'Content-Length: 0',
      ]),
      crlf(['HTTP/1.1 200 OK', 'BITS-Packet-Type: Ack', `BITS-Protocol: ${PROTOCOL}`, `BITS-Session-Id: ${ID}`, 'Content-Length: 0']),
    ],
    [
      crlf(['BITS_POST /upload/a.txt HTTP/1.1', `Host: ${HOST}:8123`, 'BITS-Packet-Type: Ping', 'Content-Length: 0']),
      crlf(['HTTP/1.1 200 OK', 'BITS-Packet-Type: Ack', 'Content-Length: 0']),
    ],
  ];
}

/** An Ethernet/IPv4/TCP frame (checksums left zero: the reader does not check them). */
function frame(from, to, seq, ack, flags, payload) {
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 20 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 6;
  Buffer.from(from.ip).copy(ip, 12);
  Buffer.from(to.ip).copy(ip, 16);
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(from.port, 0);
  tcp.writeUInt16BE(to.port, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(ack >>> 0, 8);
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp.writeUInt16BE(64240, 14);
  const eth = Buffer.from([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00]);
  return Buffer.concat([eth, ip, tcp, payload]);
}

/** A pcapng of the conversation over one TCP connection, in segments of `mss` bytes. */
function pcapng(mss) {
  const client = { ip: [10, 7, 7, 1], port: 49200 };
  const server = { ip: [10, 7, 7, 2], port: 8123 };
  const [SYN, ACK, PSH, FIN] = [0x02, 0x10, 0x08, 0x01];
  let cseq = 5000;
  let sseq = 9000;
  const frames = [
    frame(client, server, cseq, 0, SYN, Buffer.alloc(0)),
    frame(server, client, sseq, cseq + 1, SYN | ACK, Buffer.alloc(0)),
  ];
  cseq += 1;
  sseq += 1;
  frames.push(frame(client, server, cseq, sseq, ACK, Buffer.alloc(0)));
  const send = (fromClient, bytes) => {
    for (let at = 0; at < bytes.length; at += mss) {
      const piece = bytes.subarray(at, at + mss);
      if (fromClient) {
        frames.push(frame(client, server, cseq, sseq, ACK | PSH, piece));
        cseq += piece.length;
      } else {
        frames.push(frame(server, client, sseq, cseq, ACK | PSH, piece));
        sseq += piece.length;
      }
    }
  };
  for (const [request, response] of conversation()) {
    send(true, request);
    send(false, response);
  }
  frames.push(frame(client, server, cseq, sseq, FIN | ACK, Buffer.alloc(0)));
  frames.push(frame(server, client, sseq, cseq + 1, FIN | ACK, Buffer.alloc(0)));
  const block = (type, body) => {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const head = Buffer.alloc(8);
    head.writeUInt32LE(type, 0);
    head.writeUInt32LE(12 + padded.length, 4);
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(12 + padded.length, 0);
    return Buffer.concat([head, padded, tail]);
  };
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(0x1a2b3c4d, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeBigInt64LE(-1n, 8);
  const idb = Buffer.alloc(8);
  idb.writeUInt16LE(1, 0); // Ethernet
  idb.writeUInt32LE(262144, 4);
  const blocks = [block(0x0a0d0d0a, shb), block(1, idb)];
  frames.forEach((f, i) => {
    const micros = 1_717_243_200_000_000n + BigInt(i) * 1000n;
    const epb = Buffer.alloc(20);
    epb.writeUInt32LE(0, 0);
    epb.writeUInt32LE(Number(micros >> 32n), 4);
    epb.writeUInt32LE(Number(micros & 0xffffffffn), 8);
    epb.writeUInt32LE(f.length, 12);
    epb.writeUInt32LE(f.length, 16);
    blocks.push(block(6, Buffer.concat([epb, f])));
  });
  return Buffer.concat(blocks);
}

/** Pieces of the secret and their base64, none of which may be anywhere. */
function traces(secret) {
  const out = [];
  for (let i = 0; i + 10 <= secret.length; i++) out.push(secret.slice(i, i + 10));
  for (let start = 0; start < 3; start++) {
    const b64 = Buffer.from(secret.slice(start, start + 12)).toString('base64');
    out.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

test('a pcapng with an Authorization cut across segments is shared redacted, and none of its secrets travel', async () => {
  const mss = 70;
  const file = pcapng(mss);
  // The segment size cuts the Authorization value: the file never holds it whole.
  assert.ok(!file.includes(Buffer.from(AUTH)), 'the Authorization value is cut across two segments');
  await dropFile(page, 'body', 'secret.pcapng', file);
  const before = await summary(page);
  assert.deepEqual(before.kinds, ['create-session', 'ack-create-session', 'ping', 'ack-ping']);

  await page.check('#redact');
  await page.evaluate(() => { document.getElementById('share-status').textContent = ''; });
  await page.click('#share');
  await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
  const status = await page.textContent('#share-status');
  assert.match(status, /Copied the share link \(\d+\.\d KB; redacted: 1 Authorization value, 1 cookie, 1 host name, 2 addresses\)/);
  const link = await page.inputValue('#share-url');
  await page.uncheck('#redact');

  // The link itself: its fragment decoded (base64url of deflate-raw of header "\n" text).
  const packed = Buffer.from(new URL(link).hash.replace(/^#v1=/, ''), 'base64url');
  const inflated = inflateRawSync(packed);
  const newline = inflated.indexOf(10);
  const payload = { ...JSON.parse(inflated.subarray(0, newline).toString()), text: inflated.subarray(newline + 1).toString('latin1') };
  assert.equal(payload.source, 'file', 'a transcript keeps its CRLF: it is checked strictly');
  assert.match(payload.text, /^BITS_POST \/upload\/a\.txt HTTP\/1\.1\r\nHost: host-1\.invalid:8123\r\n/);
  assert.match(payload.text, /\r\nAuthorization: Basic <redacted>\r\n/);
  for (const secret of [AUTH, COOKIE, HOST]) {
    for (const trace of [...traces(secret)]) {
      assert.ok(!link.includes(trace), `the link holds no trace of ${secret}`);
      assert.ok(!payload.text.includes(trace), `the shared text holds no trace of ${secret}`);
    }
  }

  const other = await browser.context.newPage();
  await other.goto(link);
  await other.waitForFunction(() => Number(document.documentElement.dataset.rendered ?? 0) > 0);
  const after = await summary(other);
  assert.deepEqual(after.kinds, before.kinds, 'the same messages come back');
  const shown = await other.evaluate(() => document.body.innerText + document.getElementById('input').value);
  for (const secret of [AUTH, COOKIE, HOST, '10.7.7.']) {
    assert.ok(!shown.includes(secret), `the opened page shows no ${secret}`);
  }
  assert.match(await other.textContent('#share-status'), /Opened from a share link/);
  await other.close();
});
