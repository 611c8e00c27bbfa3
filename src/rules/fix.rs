//! Fixes: the mechanical cure of a finding, as byte edits into the inspected text (the same
//! text the finding's span points into), and [`apply`], which makes them.
//!
//! A fix is only attached where the right bytes follow from the message or the conversation
//! ("add Content-Length: 0", "set BITS-Received-Content-Range to 5000"); a finding whose cure
//! needs a decision (which session id to send) carries none and says what to do in words.

use serde::Serialize;

use crate::http::{Header, Message};
use crate::order::{self, SortKey};
use crate::rules::catalog::Rule;
use crate::span::{snap_to_characters, Span};

/// Replace the bytes `start..end` of the inspected text by `insert` (an empty range inserts,
/// an empty `insert` deletes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
}

/// One cure of one finding: a title a person reads ("remove BITS-Protocol") and the edits
/// that make it, which are applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix { title: title.into(), edits }
    }

    /// Deletes a header line with its line terminator, so no blank line is left behind.
    pub fn remove_header(input: &[u8], header: &Header, name: &str) -> Fix {
        let end = after_terminator(input, header.line.end);
        Fix::new(format!("remove {name}"), vec![Edit { start: header.line.start, end, insert: String::new() }])
    }

    /// Replaces a header's value (continuation lines included) by `value`.
    pub fn set_header(header: &Header, name: &str, value: &str) -> Fix {
        Fix::new(
            format!("set {name} to {value}"),
            vec![Edit { start: header.value.start, end: header.line.end, insert: value.to_string() }],
        )
    }

    /// Adds a header where Windows puts it: before Content-Length (which Windows sends near the
    /// end of the head), or at the end of the head for Content-Length itself and the
    /// Accept-Encoding IIS sends after it ([MC-BUP] 4.1), with the message's own line ending.
    pub fn add_header(input: &[u8], msg: &Message, name: &str, value: &str) -> Option<Fix> {
        let at_end = AFTER_CONTENT_LENGTH.iter().any(|n| n.eq_ignore_ascii_case(name));
        let before = msg
            .headers
            .iter()
            .find(|h| !at_end && h.name(input).eq_ignore_ascii_case(b"Content-Length"))
            .map(|h| h.line.start);
        let at = match before {
            Some(at) => at,
            None => {
                // The end of the last line of the head: after the start line or the last header.
                let last = msg.headers.last().map_or(msg.start_line_span.end, |h| h.line.end);
                let at = after_terminator(input, last);
                // A head cut off before its line terminator has no place for another line.
                if at == last {
                    return None;
                }
                at
            }
        };
        let eol = line_ending(msg);
        Some(Fix::new(
            format!("add {name}: {value}"),
            vec![Edit { start: at, end: at, insert: format!("{name}: {value}{eol}") }],
        ))
    }
}

/// Headers Windows sends at the end of the head rather than before Content-Length.
const AFTER_CONTENT_LENGTH: &[&str] = &["Content-Length", "Accept-Encoding"];

/// The line ending the message's head uses most: what a line added to it ends with.
pub fn line_ending(msg: &Message) -> &'static str {
    if msg.line_endings.lf > msg.line_endings.crlf {
        "\n"
    } else {
        "\r\n"
    }
}

/// The offset just past the line terminator (CRLF or LF) at `at`, or `at` when none is there.
pub fn after_terminator(input: &[u8], at: usize) -> usize {
    match input.get(at..) {
        Some([b'\r', b'\n', ..]) => at + 2,
        Some([b'\n', ..]) => at + 1,
        _ => at,
    }
}

/// What a set of fixes did: the new text, and the fixes left out because an edit of theirs
/// overlaps one of a fix applied before them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: Vec<u8>,
    /// Indices into the fixes given, in order.
    pub skipped: Vec<usize>,
}

/// Why a fix cannot be applied to a text at all: a fix made for another text, or a bug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// An edit reaches past the end of the text or ends before it starts.
    OutOfText { fix: usize, start: usize, end: usize, len: usize },
    /// An edit starts or ends inside a UTF-8 character.
    InsideCharacter { fix: usize, at: usize },
    /// Two edits of the same fix change bytes in common, so what it means is not defined.
    SelfOverlap { fix: usize },
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::OutOfText { fix, start, end, len } => {
                write!(f, "fix {fix}: edit {start}..{end} is outside the text of {len} bytes")
            }
            FixError::InsideCharacter { fix, at } => write!(f, "fix {fix}: edit boundary {at} is inside a character"),
            FixError::SelfOverlap { fix } => write!(f, "fix {fix}: two of its edits overlap"),
        }
    }
}

impl std::error::Error for FixError {}

/// Whether a byte offset is between two characters: not inside a valid multi-byte UTF-8
/// character. A stray continuation byte of invalid text is a character of its own (one
/// U+FFFD), so an edit may start at it; the same judgement as the spans' ([`snap_to_characters`]).
pub fn on_boundary(text: &[u8], at: usize) -> bool {
    snap_to_characters(text, Span::empty_at(at)).start == at
}

/// Two edits collide when they change bytes in common, or one inserts inside the other's
/// range. Inserts at the same place do not: they go in in the order of their fixes.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    a.start < b.end && b.start < a.end
}

/// Applies the fixes in order. Each is checked first (refused with an error when an edit lies
/// outside the text or cuts a character); one that collides with a fix already taken is
/// skipped and listed, since both cannot hold; a fix equal in edits to one taken is the same
/// cure found twice and is neither applied again nor listed.
pub fn apply(text: &[u8], fixes: &[Fix]) -> Result<Applied, FixError> {
    let mut taken: Vec<(usize, &Edit)> = Vec::new();
    let mut skipped = Vec::new();
    for (index, fix) in fixes.iter().enumerate() {
        for (i, edit) in fix.edits.iter().enumerate() {
            if edit.start > edit.end || edit.end > text.len() {
                return Err(FixError::OutOfText { fix: index, start: edit.start, end: edit.end, len: text.len() });
            }
            if let Some(at) = [edit.start, edit.end].into_iter().find(|&at| !on_boundary(text, at)) {
                return Err(FixError::InsideCharacter { fix: index, at });
            }
            if fix.edits[..i].iter().any(|e| overlaps(e, edit)) {
                return Err(FixError::SelfOverlap { fix: index });
            }
        }
        if fixes[..index].iter().any(|f| f.edits == fix.edits) {
            continue;
        }
        if fix.edits.iter().any(|e| taken.iter().any(|(_, t)| overlaps(t, e))) {
            skipped.push(index);
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (index, e)));
    }
    // Stable: inserts at one place keep the order of their fixes; an insert before a
    // deletion that starts at the same place goes first.
    // Through the crate's one sort key (see `order`): the position in `taken` last makes the
    // order of ties the order found, as a stable sort would keep it.
    let mut keys: Vec<SortKey> =
        taken.iter().enumerate().map(|(k, (_, e))| (e.start as u64, e.end as u64, k as u64)).collect();
    order::sort(&mut keys);
    let mut out = Vec::with_capacity(text.len() + taken.iter().map(|(_, e)| e.insert.len()).sum::<usize>());
    let mut at = 0;
    for edit in keys.iter().map(|&(_, _, k)| taken[k as usize].1) {
        out.extend_from_slice(&text[at..edit.start]);
        out.extend_from_slice(edit.insert.as_bytes());
        at = edit.end;
    }
    out.extend_from_slice(&text[at..]);
    Ok(Applied { text: out, skipped })
}

/// Why a rule's findings carry no fix: each rule either has a fix for its breaking case or a
/// reason here (tests/rules.rs holds both to it), so "N rules with a fix, M without, and why"
/// is counted, not guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoFix {
    /// About the input or the capture file (empty, cut, not HTTP, pasted): no traffic byte to change.
    Input,
    /// The bytes cannot be read well enough to know what was meant (a broken start line, a
    /// value outside its grammar).
    Unreadable,
    /// The right value is a decision of the client's or server's author: a session id, an
    /// error code, a protocol list, a length, a URL.
    Choice,
    /// The cure is another message, or messages in another order, not an edit of this one.
    Behaviour,
    /// A fact about correct traffic, or a documented behaviour of Windows: nothing to cure.
    Info,
}

impl NoFix {
    /// The reason in one word, for the rule list and the closing note.
    pub fn word(self) -> &'static str {
        match self {
            NoFix::Input => "input",
            NoFix::Unreadable => "unreadable",
            NoFix::Choice => "choice",
            NoFix::Behaviour => "behaviour",
            NoFix::Info => "info",
        }
    }
}

/// Why the findings of `rule` carry no fix; `None` for the rules that have one.
pub fn no_fix_because(rule: Rule) -> Option<NoFix> {
    use Rule::*;
    Some(match rule {
        InputEmpty
        | InputLineEndingsUnchecked
        | InputNotHttp
        | InputNoBits
        | CaptureStopped
        | CaptureLinkTypeUnsupported
        | CaptureFrameUndecoded
        | CaptureMissingSegment
        | CaptureStartedMidStream
        | HarInvalid
        | HttpHeadUnterminated
        | HttpBodyTruncated => NoFix::Input,
        HttpStrayBytes
        | HttpStartLineMalformed
        | HttpMissingBlankLine
        | HttpHeaderMalformed
        | HttpHeaderNameInvalid
        | HttpHeaderValueInvalid
        | HttpContentLengthInvalid
        | HttpContentLengthConflict
        | HttpChunkedMalformed
        | CreateSessionProtocolsMalformed
        | FragmentContentRangeMalformed
        | FragmentContentRangeInvalid
        | ContentNameInvalid
        | AckCreateSessionProtocolMalformed
        | AckErrorCodeInvalid
        | AckErrorContextInvalid
        | SessionIdInvalid
        | AckCreateSessionHostIdInvalid
        | AckCreateSessionFallbackInvalid
        | AckFragmentReceivedRangeInvalid => NoFix::Unreadable,
        HeaderValueTooLong
        | RequestPacketTypeMissing
        | RequestPacketTypeUnknown
        | RequestSessionIdMissing
        | CreateSessionProtocolsMissing
        | CreateSessionProtocolsTooMany
        | CreateSessionProtocolsNoBits15
        | FragmentContentRangeMissing
        | FragmentLengthMismatch
        | AckErrorCodeMissing
        | AckErrorContextWithoutCode
        | AckErrorContextMissing
        | AckErrorStatusMismatch
        | AckStatusUnexpected
        | AckCreateSessionSessionIdMissing
        | AckCreateSessionSessionIdNotGuid
        | AckCreateSessionStatusUndocumented
        | AckCreateSessionFallbackWithoutHostId
        | AckCreateSessionHostIdWithoutFallback
        | NotifyOriginalUrlMissing
        | NotifyDataFileHeaders
        | NotifyBodyLength
        | NotifyStaticUrlRelative
        | NotifyStaticUrlWithBody
        | SessionReplyUrlNotStatic
        | SessionReceivedRangeBeyondTotal
        | SessionReceivedRangeDecreased => NoFix::Choice,
        SessionAckWithoutRequest
        | SessionRequestNotAcked
        | SessionUnknownId
        | SessionNoSessionYet
        | SessionTotalChanged
        | SessionFirstFragmentNotZero
        | SessionFragmentGap
        | SessionFragmentOverlap
        | SessionGapAccepted
        | Session416Ignored
        | Session413NotSmaller
        | SessionContentNameChanged
        | SessionContentEncodingMismatch
        | SessionReplyUrlNotFinal
        | SessionCloseBeforeComplete
        | SessionCloseBeforeReplyDownload
        | SessionRequestAfterClose
        | SessionNotFoundExpected
        | SessionResendNotExpected
        | SessionRestartExpected
        | SessionHostIdNotUsed
        | SessionHostIdNoPing
        | NotifyOutOfPlace => NoFix::Behaviour,
        SessionFragmentDuplicate
        | SessionReplyUrlRelative
        | SessionCancelAfterComplete
        | SessionAppContextNotFinal
        | SessionAppErrorContext
        | RequestMethodOverride
        | AckHttpLevelResponse => NoFix::Info,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, insert: &str) -> Edit {
        Edit { start, end, insert: insert.to_string() }
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::new("t", edits)
    }

    #[test]
    fn edits_are_applied_in_text_order_whatever_order_they_come_in() {
        let fixes = [fix(vec![edit(6, 11, "there")]), fix(vec![edit(0, 5, "HELLO")]), fix(vec![edit(5, 5, ",")])];
        let applied = apply(b"hello world", &fixes).unwrap();
        assert_eq!(applied.text, b"HELLO, there");
        assert!(applied.skipped.is_empty());
    }

    #[test]
    fn a_fix_colliding_with_an_earlier_one_is_skipped_whole_and_listed() {
        let fixes = [fix(vec![edit(0, 3, "")]), fix(vec![edit(2, 4, "X"), edit(6, 6, "!")]), fix(vec![edit(0, 3, "")])];
        let applied = apply(b"abcdefg", &fixes).unwrap();
        assert_eq!(applied.text, b"defg");
        assert_eq!(applied.skipped, [1]);
    }

    #[test]
    fn inserts_at_one_place_keep_the_order_of_their_fixes() {
        let fixes = [fix(vec![edit(1, 1, "1")]), fix(vec![edit(1, 1, "2")]), fix(vec![edit(1, 2, "")])];
        assert_eq!(apply(b"abc", &fixes).unwrap().text, b"a12c");
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_refused() {
        assert_eq!(
            apply(b"abc", &[fix(vec![edit(2, 4, "")])]),
            Err(FixError::OutOfText { fix: 0, start: 2, end: 4, len: 3 })
        );
        assert!(matches!(apply(b"abc", &[fix(vec![edit(2, 1, "")])]), Err(FixError::OutOfText { .. })));
        let text = "aé".as_bytes();
        assert_eq!(apply(text, &[fix(vec![edit(2, 3, "")])]), Err(FixError::InsideCharacter { fix: 0, at: 2 }));
        assert_eq!(apply(text, &[fix(vec![edit(1, 3, "e")])]).unwrap().text, b"ae");
        // Invalid UTF-8 (a value of stray continuation bytes, found by the fuzz target `fix`):
        // each byte is a character of its own, so edits may start and end between them.
        let text = b"Id:\x99\x99 {A}";
        assert_eq!(apply(text, &[fix(vec![edit(3, 9, "{B}")])]).unwrap().text, b"Id:{B}");
        assert!(on_boundary(text, 4) && !on_boundary("\u{e9}".as_bytes(), 1));
        assert_eq!(apply(b"abc", &[fix(vec![edit(0, 2, ""), edit(1, 1, "x")])]), Err(FixError::SelfOverlap { fix: 0 }));
    }

    #[test]
    fn headers_are_added_before_content_length_or_at_the_end_of_the_head_with_its_line_ending() {
        let text = b"HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\n\n";
        let split = crate::http::split_messages(text);
        let msg = &split.messages[0];
        let add = Fix::add_header(text, msg, "Content-Length", "0").unwrap();
        assert_eq!(add.title, "add Content-Length: 0");
        assert_eq!(apply(text, &[add]).unwrap().text, b"HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\n\n");

        let text = b"HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n";
        let split = crate::http::split_messages(text);
        let msg = &split.messages[0];
        let add = Fix::add_header(text, msg, "BITS-Session-Id", "{A}").unwrap();
        let after = Fix::add_header(text, msg, "Accept-Encoding", "Identity").unwrap();
        let remove = Fix::remove_header(text, &msg.headers[0], "BITS-Packet-Type");
        assert_eq!(remove.title, "remove BITS-Packet-Type");
        assert_eq!(
            apply(text, &[add, after, remove]).unwrap().text,
            b"HTTP/1.1 200 OK\r\nBITS-Session-Id: {A}\r\nContent-Length: 0\r\nAccept-Encoding: Identity\r\n\r\n"
        );
        let set = Fix::set_header(&msg.headers[1], "Content-Length", "7");
        assert_eq!(set.title, "set Content-Length to 7");
        assert_eq!(
            apply(text, &[set]).unwrap().text,
            b"HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 7\r\n\r\n"
        );
    }
}
