// Where a finding is and where its sources are, as the page shows them:
// - line and column after invalid UTF-8 are the command-line tool's (its JSON `start` and
//   `end`), which count each maximal invalid subpart as the one U+FFFD it decodes to;
// - every source a capture finding cites (pcap, pcapng, HAR, RFC 9112...) is a link, and
//   only https links to the hosts of the engine's own source table are made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, dropFile, summary, browserForFile, cliReport } from './helpers.mjs';

let page;

browserForFile((opened) => {
  page = opened.page;
});

/** Rule and "where" line of every finding the page shows, in the page's order. */
function pageWhere() {
  return page.evaluate(() => [...document.querySelectorAll('#findings .finding')]
    .map((f) => ({ rule: f.dataset.rule, where: f.querySelector('.where').textContent })));
}

test('after invalid UTF-8 the page shows the line and column the JSON report gives', async () => {
  // E2 82 is a three-byte character cut short: lossy decoding shows `a\u{fffd}b`, so the
  // control character after it is column 12 of line 3 (`X-Note: ` is 8), not 13.
  const bytes = Buffer.concat([
    Buffer.from('BITS_POST /upload/x HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-Note: a'),
    Buffer.from([0xe2, 0x82]),
    Buffer.from('b\x01c\r\nX-Other: '),
    // F0 9F 98 cut short by `z`, then two stray continuation bytes: three U+FFFD.
    Buffer.from([0xf0, 0x9f, 0x98, 0x7a, 0x80, 0x80]),
    Buffer.from('\x02\r\nContent-Length: 0\r\n\r\n'),
  ]);
  const cli = await cliReport(bytes);
  const wanted = cli.findings.filter((f) => f.rule === 'http-header-value-invalid');
  assert.equal(wanted.length, 2, JSON.stringify(cli.findings.map((f) => f.rule)));

  await dropFile(page, 'body', 'invalid-utf8.http', bytes);
  const shown = await pageWhere();
  assert.deepEqual(shown.map((f) => f.rule), cli.findings.map((f) => f.rule), 'the same findings in the same order');
  for (const [i, f] of cli.findings.entries()) {
    // The page's words for the JSON's `start` and `end` (render.js spanWords).
    const start = `line ${f.start.line}, column ${f.start.column}`;
    let where;
    if (f.span.start === f.span.end) where = `${start} (an empty span: the place where something is missing)`;
    else if (f.end.line === f.start.line) where = `${start} to column ${f.end.column}`;
    else where = `${start} to line ${f.end.line}, column ${f.end.column}`;
    assert.equal(shown[i].where.split(' · ')[0], where, f.rule);
  }

  // The reference: the browser's own decoding of the same bytes.
  const lines = new TextDecoder().decode(bytes).split('\n');
  assert.deepEqual([wanted[0].start.line, wanted[0].start.column], [3, lines[2].indexOf('\x01') + 1]);
  assert.deepEqual([wanted[0].start.line, wanted[0].start.column], [3, 12]);
  assert.deepEqual([wanted[1].start.line, wanted[1].start.column], [4, lines[3].indexOf('\x02') + 1]);
  assert.deepEqual([wanted[1].start.line, wanted[1].start.column], [4, 14]);
});

test('the sources a capture finding cites are links to their pages', async () => {
  const whole = await fixture('captures/bits-upload-port-8123.pcapng');
  await dropFile(page, 'body', 'cut.pcapng', whole.subarray(0, Math.floor(whole.length * 0.8)));
  const s = await summary(page);
  assert.ok(s.rules.includes('capture-stopped'), s.rules.join(', '));
  const links = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#findings .finding')].map((f) => [
    f.dataset.rule,
    {
      links: [...f.querySelectorAll('.links a[href]')].map((a) => ({ text: a.textContent, href: a.getAttribute('href'), target: a.target, rel: a.rel })),
      plain: [...f.querySelectorAll('.links span')].map((x) => x.textContent),
    },
  ])));
  assert.deepEqual(links['capture-stopped'].plain, [], 'no source shown as plain text');
  assert.deepEqual(links['capture-stopped'].links.map(({ text, href }) => ({ text, href })), [
    { text: 'pcap', href: 'https://www.tcpdump.org/manpages/pcap-savefile.5.html' },
    { text: 'pcapng', href: 'https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html' },
    { text: 'HAR 1.2', href: 'https://www.softwareishard.com/blog/har-12-spec/' },
  ]);
  for (const a of links['capture-stopped'].links) {
    assert.equal(a.target, '_blank');
    assert.equal(a.rel, 'noopener noreferrer');
  }
  for (const [rule, l] of Object.entries(links)) assert.deepEqual(l.plain, [], `${rule}: every source is a link`);

  // A finding on the transcript cites RFC 9112: a link as well.
  await dropFile(page, 'body', 'cut-body.http', Buffer.from('BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 10\r\n\r\nabc'));
  const rfc = await page.evaluate(() => [...document.querySelectorAll('#findings .finding .links a[href]')]
    .filter((a) => a.textContent === 'RFC 9112').map((a) => a.getAttribute('href')));
  assert.ok(rfc.length > 0, 'an RFC 9112 link');
  assert.ok(rfc.every((href) => href === 'https://www.rfc-editor.org/rfc/rfc9112'), rfc.join(', '));
});

test('the lookup box links the sources of a capture rule', async () => {
  await page.fill('#lookup-input', 'capture-link-type-unsupported');
  await page.press('#lookup-input', 'Enter');
  await page.waitForFunction(() => /capture-link-type-unsupported/.test(document.getElementById('lookup-result')?.textContent ?? ''));
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('#lookup-result a[href]')].map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, [
    'https://www.tcpdump.org/linktypes.html',
    'https://www.tcpdump.org/manpages/pcap-savefile.5.html',
    'https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html',
  ]);
});

test('only https links to the engine\'s source hosts are made', async () => {
  const verdicts = await page.evaluate(async () => {
    const dom = await import(new URL('modules/dom.js', location.href).href);
    const urls = [
      'https://learn.microsoft.com/en-us/windows/win32/bits/ping',
      'https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html',
      'https://www.softwareishard.com/blog/har-12-spec/',
      'http://www.softwareishard.com/blog/har-12-spec/',
      'http://learn.microsoft.com/en-us/windows/win32/bits/ping',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/learn.microsoft.com/',
      'https://user@learn.microsoft.com/',
      'https://learn.microsoft.com:8443/',
      'javascript:alert(1)//https://learn.microsoft.com/',
      'data:text/html,https://learn.microsoft.com/',
      '//learn.microsoft.com/',
      null,
    ];
    return urls.map((url) => [url, dom.specLink(url, 'x', 'x').tagName.toLowerCase()]);
  });
  assert.deepEqual(verdicts.filter(([, tag]) => tag === 'a').map(([url]) => url), [
    'https://learn.microsoft.com/en-us/windows/win32/bits/ping',
    'https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html',
    'https://www.softwareishard.com/blog/har-12-spec/',
  ]);
});
