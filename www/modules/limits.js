// How much of a report the page draws at once. Shared by the worker, which trims what it
// sends to these, and the page, which draws it: one place for both to agree on.

/**
 * Reports of up to this many messages start with their message cards open, and their first
 * rows come with the summary (drawn with everything else at once). A larger report's rows
 * are asked for while its findings are drawn: a summary carrying them (a whole message is
 * a few kilobytes) is slower to make, send and read before anything can be drawn.
 */
export const OPEN_CARDS_UP_TO = 40;
/** Lists up to these many rows are drawn whole; longer ones only what is on screen. */
export const DRAW_ALL_FINDINGS = 100;
export const DRAW_ALL_PAIRS = 60;
/** Entries of the conversation card drawn; the message list has every message. */
export const SEQUENCE_SHOWN = 100;
export const FRAGMENTS_SHOWN = 100;
export const SESSIONS_SHOWN = 40;
export const CONNECTIONS_SHOWN = 200;
/** Past these sizes the raw view shows one message at a time (the one pointed at). */
export const WHOLE_UP_TO_CHARS = 2_000_000;
export const WHOLE_UP_TO_REGIONS = 400;
/** A single raw region longer than this is cut when drawn (a mark past the cut is not shown). */
export const REGION_CUT = 1_000_000;
/** The most raw regions drawn at once for one highlight, when the raw view is windowed. */
export const REGIONS_PER_MARK = 8;
