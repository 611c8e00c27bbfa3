//! One finding shown as rustc shows a compiler error: `error[rule]: summary`, where it is, the
//! line(s) of the inspected text with the exact bytes underlined, and the rule's title and
//! sources as notes. annotate-snippets (rustc's own renderer) draws it.

use std::ops::Range;

use annotate_snippets::renderer::{Style, DEFAULT_LINE_NUM_STYLE};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use bits_inspector::report::Finding;
use bits_inspector::span::{snap_to_characters, Span};
use bits_inspector::Severity;

/// Bytes of a line shown on either side of the underlined span: a capture can hold a header
/// line of 100 MB, and a diagnostic is read on a terminal (the renderer trims further to its
/// width, around the underline, as rustc does).
const CONTEXT_BYTES: usize = 160;
/// A span longer than this, or over more lines, (a whole body, say) is underlined from its
/// start to the end of its first line, and the label says where it ends: underlining
/// megabytes would bury every other finding.
const MAX_UNDERLINE_BYTES: usize = 1024;
const MAX_UNDERLINE_LINES: usize = 6;

/// How diagnostics are drawn: in colour (ANSI escapes) or plain.
pub struct Diagnostics {
    renderer: Renderer,
    /// The style of the `-->` before the location, as the renderer styles line numbers.
    arrow: Style,
}

impl Diagnostics {
    pub fn new(colour: bool) -> Diagnostics {
        if colour {
            Diagnostics { renderer: Renderer::styled(), arrow: DEFAULT_LINE_NUM_STYLE }
        } else {
            Diagnostics { renderer: Renderer::plain(), arrow: Style::new() }
        }
    }

    /// The diagnostic for `finding`, whose span is into `text` (the inspected text, a
    /// capture's transcript); `about` labels the underline (which message, header, frames).
    pub fn render(&self, file: &str, text: &[u8], finding: &Finding, about: &str) -> String {
        let excerpt = Excerpt::of(text, finding.span);
        let label = if excerpt.span_goes_on {
            let ends = format!(
                "the span goes on to line {}, column {} ({} bytes)",
                finding.end.line,
                finding.end.column,
                finding.span.len()
            );
            if about.is_empty() {
                ends
            } else {
                format!("{about}; {ends}")
            }
        } else {
            about.to_string()
        };
        let level = level(finding.severity);
        let annotation = AnnotationKind::Primary.span(excerpt.underline.clone());
        let annotation = if label.is_empty() { annotation } else { annotation.label(label) };
        let last_line = finding.start.line + excerpt.source.matches('\n').count();
        let mut group = Group::with_title(level.primary_title(finding.summary.as_str()).id(finding.rule))
            .element(Snippet::source(excerpt.source).line_start(finding.start.line).annotation(annotation))
            .element(Level::NOTE.message(finding.title));
        for link in finding.links {
            group = group.element(Level::HELP.message(format!("{}: {}", link.title, link.url)));
        }
        let rendered = self.renderer.render(&[group]);
        // The location is the finding's own line and column in the whole text. A snippet with a
        // path would have the renderer count the column in the excerpt, which is cut when a line
        // is long; an Origin element beside a pathless snippet draws an empty `:::` line. So the
        // snippet has no path, and the `-->` line goes in after the title, indented as the
        // renderer indents its `|` (by the width of the largest line number).
        let location = format!(
            "{:width$}{}-->{} {file}:{}:{}\n",
            "",
            self.arrow.render(),
            self.arrow.render_reset(),
            finding.start.line,
            finding.start.column,
            width = last_line.to_string().len()
        );
        match rendered.find('\n') {
            Some(i) => format!("{}{location}{}", &rendered[..=i], &rendered[i + 1..]),
            None => format!("{rendered}\n{location}"),
        }
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// The part of the inspected text a diagnostic shows: the lines of the span, cut around it
/// when long, decoded for display.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    /// Lossy UTF-8 (each invalid subpart one U+FFFD, as the positions count them), with `…`
    /// where a line was cut.
    source: String,
    /// The underlined bytes, as offsets into `source`.
    underline: Range<usize>,
    /// Whether the finding's span runs on past the underline.
    span_goes_on: bool,
}

impl Excerpt {
    fn of(text: &[u8], span: Span) -> Excerpt {
        let len = text.len();
        let start = span.start.min(len);
        let span = snap_to_characters(text, Span::new(start, span.end.clamp(start, len)));

        let limit = span.end.min(span.start + MAX_UNDERLINE_BYTES);
        let fits =
            span.end == limit && memchr::memchr_iter(b'\n', &text[span.start..limit]).count() < MAX_UNDERLINE_LINES;
        let (mut end, span_goes_on) = if fits {
            (span.end, false)
        } else {
            let first_line = memchr::memchr(b'\n', &text[span.start..limit]).map_or(limit, |i| span.start + i);
            (char_start(text, first_line), true)
        };
        // A span that takes in its line break would be drawn as reaching into the next line.
        while end > span.start && matches!(text[end - 1], b'\n' | b'\r') {
            end -= 1;
        }

        let back_to = char_start(text, span.start.saturating_sub(CONTEXT_BYTES));
        let (left, cut_left) = match memchr::memrchr(b'\n', &text[back_to..span.start]) {
            Some(i) => (back_to + i + 1, false),
            None => (back_to, back_to > 0),
        };
        let ahead_to = snap_to_characters(text, Span::empty_at((end + CONTEXT_BYTES).min(len))).end;
        let (mut right, cut_right) = match memchr::memchr(b'\n', &text[end..ahead_to]) {
            Some(i) => (end + i, false),
            None => (ahead_to, ahead_to < len),
        };
        if right > end && text[right - 1] == b'\r' {
            right -= 1;
        }

        let decoded = Decoded::new(&text[left..right]);
        let prefix = if cut_left { "…" } else { "" };
        let suffix = if cut_right { "…" } else { "" };
        let underline = decoded.range(span.start - left, end - left);
        Excerpt {
            underline: underline.start + prefix.len()..underline.end + prefix.len(),
            source: format!("{prefix}{}{suffix}", decoded.text),
            span_goes_on,
        }
    }
}

/// The start of the character holding `at` (itself when it starts one, or is inside an
/// invalid subpart).
fn char_start(text: &[u8], at: usize) -> usize {
    snap_to_characters(text, Span::empty_at(at)).start
}

/// Bytes decoded lossily, with where each byte went.
struct Decoded {
    text: String,
    /// For each byte, the offset in `text` of the character it is part of; one more entry,
    /// `text.len()`, for the end.
    at: Vec<usize>,
}

impl Decoded {
    fn new(bytes: &[u8]) -> Decoded {
        let mut text = String::with_capacity(bytes.len());
        let mut at = Vec::with_capacity(bytes.len() + 1);
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                at.extend(std::iter::repeat_n(text.len(), c.len_utf8()));
                text.push(c);
            }
            if !chunk.invalid().is_empty() {
                at.extend(std::iter::repeat_n(text.len(), chunk.invalid().len()));
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        at.push(text.len());
        Decoded { text, at }
    }

    /// Byte range `start..end` of the bytes as a range of `text`, taking in whole characters.
    fn range(&self, start: usize, end: usize) -> Range<usize> {
        let from = self.at[start];
        let to = if end > start {
            let last = self.at[end - 1];
            last + self.text[last..].chars().next().map_or(0, char::len_utf8)
        } else {
            from
        };
        from..to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &[u8], start: usize, end: usize) -> Excerpt {
        Excerpt::of(text, Span::new(start, end))
    }

    fn underlined(e: &Excerpt) -> &str {
        &e.source[e.underline.clone()]
    }

    #[test]
    fn a_span_inside_a_line_shows_the_line_without_its_line_break() {
        let text = b"GET / HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nHost: x\r\n";
        let e = excerpt(text, 16, 38);
        assert_eq!(e.source, "BITS-Packet-Type: Ping");
        assert_eq!(underlined(&e), "BITS-Packet-Type: Ping");
        // With its CRLF, the same: a line break is not drawn as reaching the next line.
        assert_eq!(excerpt(text, 16, 40), e);
        assert!(!e.span_goes_on);
    }

    #[test]
    fn invalid_bytes_are_one_replacement_character_each_subpart() {
        let text = b"X-A: \xff\xfe ok\r\n";
        let e = excerpt(text, 5, 7);
        assert_eq!(e.source, "X-A: \u{fffd}\u{fffd} ok");
        assert_eq!(underlined(&e), "\u{fffd}\u{fffd}");
        // An offset inside a multi-byte character takes in the whole character.
        let text = "X-B: é!".as_bytes();
        assert_eq!(underlined(&excerpt(text, 6, 7)), "é");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let mut text = b"X-Huge: ".to_vec();
        text.extend(std::iter::repeat_n(b'a', 10_000));
        text.extend_from_slice(b"BAD");
        text.extend(std::iter::repeat_n(b'b', 10_000));
        let e = excerpt(&text, 10_008, 10_011);
        assert_eq!(underlined(&e), "BAD");
        assert!(e.source.starts_with('…') && e.source.ends_with('…'), "{}", e.source);
        assert!(e.source.len() < 2 * CONTEXT_BYTES + 16);
    }

    #[test]
    fn a_multi_line_span_is_shown_whole_and_a_huge_one_from_its_start() {
        let text = b"A: 1\r\nB: 2\r\nC: 3\r\n";
        let e = excerpt(text, 3, 10);
        assert_eq!(e.source, "A: 1\r\nB: 2");
        assert_eq!(underlined(&e), "1\r\nB: 2");
        let body = "line\n".repeat(10_000);
        let e = excerpt(body.as_bytes(), 0, body.len());
        assert_eq!((e.source.as_str(), underlined(&e), e.span_goes_on), ("line", "line", true));
    }

    #[test]
    fn spans_at_or_past_the_end_and_empty_text_are_shown() {
        assert_eq!(excerpt(b"", 0, 0).source, "");
        let e = excerpt(b"abc", 3, 3);
        assert_eq!((e.source.as_str(), e.underline), ("abc", 3..3));
        let e = excerpt(b"abc", 7, 2);
        assert_eq!((e.source.as_str(), e.underline), ("abc", 3..3));
    }

    #[test]
    fn a_multi_line_span_is_drawn_as_rustc_draws_one() {
        let text = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-A: 1\r\nX-B: 2\r\nContent-Length: 0\r\n\r\n";
        let report = bits_inspector::inspect(b"", &bits_inspector::Options::default());
        let mut finding = report.findings[0].clone();
        // From `1` on line 3 to the end of `X-B: 2` on line 4.
        finding.span = Span::new(52, 61);
        (finding.start.line, finding.start.column) = (3, 6);
        let shown = Diagnostics::new(false).render("f", text, &finding, "here");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], " --> f:3:6");
        assert_eq!(&lines[3..7], ["3 |   X-A: 1", "  |  ______^", "4 | | X-B: 2", "  | |______^ here"], "{shown}");
    }

    proptest::proptest! {
        // Any bytes, any span: an excerpt is made, its underline lies on character
        // boundaries of what is shown, and rendering it never panics.
        #[test]
        fn any_span_of_any_bytes_renders(text in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
                                         a in 0usize..700, b in 0usize..700) {
            let (start, end) = (a.min(b), a.max(b));
            let e = excerpt(&text, start, end);
            proptest::prop_assert!(e.source.is_char_boundary(e.underline.start));
            proptest::prop_assert!(e.source.is_char_boundary(e.underline.end));
            proptest::prop_assert!(e.underline.start <= e.underline.end && e.underline.end <= e.source.len());
            let group = Level::ERROR.primary_title("t").id("r").element(
                Snippet::source(e.source.as_str()).line_start(1).annotation(AnnotationKind::Primary.span(e.underline.clone()).label("l")));
            let _ = Renderer::styled().render(&[group]);
        }
    }
}
