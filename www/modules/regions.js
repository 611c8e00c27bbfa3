// Cutting the inspected text into the regions the raw view draws: one per message and the
// gaps between them, each cut into pieces (a piece with a `row` is a start line, header
// line or body, so hovering it can light up its decoded row). Pure data, no DOM: the
// worker cuts, the page draws.

/**
 * The regions covering the text from 0 to `length`, in order, as { start, end, message }
 * (`message` is an index, or null for a gap). Pieces are left to `piecesOf`, so a report
 * of many messages costs one small object per region here.
 */
export function regionBounds(length, messages) {
  const regions = [];
  let pos = 0;
  const sorted = isSortedBySpan(messages) ? messages : [...messages].sort((a, b) => a.span.start - b.span.start);
  const gap = (end) => {
    if (end > pos) regions.push({ start: pos, end, message: null });
  };
  for (const m of sorted) {
    const start = Math.max(m.span.start, pos);
    const end = Math.max(m.span.end, start);
    gap(start);
    regions.push({ start, end, message: m.index });
    pos = end;
  }
  gap(length);
  return regions;
}

function isSortedBySpan(messages) {
  for (let i = 1; i < messages.length; i++) if (messages[i].span.start < messages[i - 1].span.start) return false;
  return true;
}

/** The pieces of `region` ({ start, end, row }), given its message `m` (null for a gap). */
export function piecesOf(region, m) {
  const { start, end } = region;
  if (!m) return [{ start, end, row: null }];
  const cuts = [{ ...m.start_line_span, row: `m${m.index}-sl` }];
  m.headers.forEach((header, j) => cuts.push({ ...header.span, row: `m${m.index}-h${j}` }));
  if (m.body.span.end > m.body.span.start) cuts.push({ ...m.body.span, row: `m${m.index}-body` });
  cuts.sort((a, b) => a.start - b.start);
  const pieces = [];
  let at = start;
  for (const cut of cuts) {
    const s = Math.max(cut.start, at);
    const e = Math.min(cut.end, end);
    if (e <= s) continue;
    if (s > at) pieces.push({ start: at, end: s, row: null });
    pieces.push({ start: s, end: e, row: cut.row });
    at = e;
  }
  if (at < end) pieces.push({ start: at, end, row: null });
  return pieces;
}

/** The index of the region holding UTF-16 offset `at` (the last one past the end). */
export function regionIndexAt(regions, at) {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (regions[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
