//! The upload leg of a session: its Fragment requests and their Acks, judged against the
//! session's progress ([`super::fragments`]) and turned into findings here, with the spans
//! and words of each rule.

use crate::bits::classify::MessageView;
use crate::bits::headers as h;
use crate::bits::values::{self, ContentRange};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::headers::finding;

use super::fragments::{AckIssue, Placement, RangeIssue};
use super::parts::{at, lossy, set_value, value_span, MissingHeaders};
use super::session::{Reply, Session};

/// The error context a server application's failure is reported with.
const CONTEXT_REMOTE_APPLICATION: u32 = 7;

impl Session {
    /// A Fragment request: the valid Content-Range it carries, if any.
    pub fn fragment(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) -> Option<ContentRange> {
        self.check_fragment_headers(view, out);
        let Some(range) = view.content_range().filter(ContentRange::is_valid) else {
            self.progress.fragment_without_range();
            return None;
        };
        let (issues, placement) = self.progress.fragment(view.index, range);
        let span = value_span(view, h::CONTENT_RANGE);
        let say = |rule, summary| finding(view, rule, span, h::CONTENT_RANGE, summary);
        for issue in issues {
            out.push(match issue {
                RangeIssue::TotalChanged { earlier } => say(
                    Rule::SessionTotalChanged,
                    format!("total {} where earlier fragments said {earlier}", range.total),
                ),
                RangeIssue::NotSmallerAfter413 { start, len } => say(
                    Rule::Session413NotSmaller,
                    format!("after 413 for {len} bytes at {start}, {} bytes at {}", range.byte_count(), range.first),
                ),
            });
        }
        let placed = match placement {
            Placement::InOrder => None,
            Placement::FirstNotAtZero => Some(say(
                Rule::SessionFirstFragmentNotZero,
                format!("the session's first fragment starts at {}", range.first),
            )),
            Placement::ResumeIgnored { resume } => Some(say(
                Rule::Session416Ignored,
                format!("the server asked to resume at {resume}; this fragment starts at {}", range.first),
            )),
            Placement::Gap { next } => Some(say(
                Rule::SessionFragmentGap,
                format!(
                    "starts at {} but the server expects {next}: bytes {next}-{} are skipped",
                    range.first,
                    range.first - 1
                ),
            )),
            Placement::Overlap { next } => Some(say(
                Rule::SessionFragmentOverlap,
                format!("bytes {}-{} were already received", range.first, next - 1),
            )),
            Placement::Duplicate { next } => Some(say(
                Rule::SessionFragmentDuplicate,
                format!("bytes {}-{} were all received before (next expected {next})", range.first, range.last),
            )),
        };
        out.extend(placed);
        Some(range)
    }

    /// C12, C13: one file, one encoding.
    fn check_fragment_headers(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if let Some(name) = view.value(h::CONTENT_NAME) {
            match &self.file.name {
                Some(earlier) if earlier != name => out.push(finding(
                    view,
                    Rule::SessionContentNameChanged,
                    value_span(view, h::CONTENT_NAME),
                    h::CONTENT_NAME,
                    format!("`{}` where the session said `{}`", lossy(name), lossy(earlier)),
                )),
                Some(_) => {}
                None => self.file.name = Some(name.to_vec()),
            }
        }
        let encoding = view.value(h::CONTENT_ENCODING).map(<[u8]>::to_vec);
        if let Some(summary) = self.encoding_mismatch(&encoding) {
            out.push(finding(
                view,
                Rule::SessionContentEncodingMismatch,
                value_span(view, h::CONTENT_ENCODING),
                h::CONTENT_ENCODING,
                summary,
            ));
        }
        if self.file.encoding.is_none() {
            self.file.encoding = Some(encoding);
        }
    }

    fn encoding_mismatch(&self, now: &Option<Vec<u8>>) -> Option<String> {
        match (&self.file.encoding, now) {
            (Some(earlier), now) if earlier != now => {
                Some(format!("`{}` where earlier fragments used `{}`", encoding_words(now), encoding_words(earlier)))
            }
            (_, Some(now)) => {
                let accepted = self.accept_encoding.as_deref()?;
                (!accepted.eq_ignore_ascii_case(now))
                    .then(|| format!("`{}` but the server accepts only `{}`", lossy(now), lossy(accepted)))
            }
            _ => None,
        }
    }

    /// The Ack of one of the session's fragments (`request`), with status `status`.
    pub fn fragment_ack(
        &mut self,
        request: &MessageView,
        view: &MessageView,
        status: u16,
        missing: &MissingHeaders,
        out: &mut Vec<RawFinding>,
    ) {
        let received = view.value(h::RECEIVED_CONTENT_RANGE).and_then(values::parse_offset);
        let range = request.content_range().filter(ContentRange::is_valid);
        // An accepted fragment that leaves no gap: the server holds every byte up to its end,
        // or further when it had more already. Unknown progress (a session created before
        // the capture) is no gap for a fragment from byte 0 or the file's last one.
        let next_before = self.progress.next_expected();
        if let (None, Some(range), true) = (received, range, (200..300).contains(&status)) {
            let expected = match next_before {
                Some(next) => (range.first <= next).then(|| next.max(range.last + 1)),
                None => (range.first == 0 || range.is_final()).then_some(range.last + 1),
            };
            if let Some(expected) = expected {
                let value = expected.to_string();
                missing.supply(
                    out,
                    view,
                    Rule::AckFragmentReceivedRangeMissing,
                    h::RECEIVED_CONTENT_RANGE,
                    value.as_bytes(),
                );
            }
        }
        let context = view.value(h::ERROR_CONTEXT).and_then(values::parse_error_context);
        self.progress.record_ack(request.index, view.index, status, received);
        let application_context = context == Some(CONTEXT_REMOTE_APPLICATION);
        if application_context && !range.is_some_and(|r| r.is_final()) {
            out.push(at(
                view,
                Rule::SessionAppContextNotFinal,
                "context 0x7 on the Ack of a fragment that is not the last".to_string(),
            ));
        }
        if self.app_failed && !application_context {
            out.push(at(
                view,
                Rule::SessionAppErrorContext,
                "the server application answered with an error, yet this Ack does not carry context 0x7".to_string(),
            ));
        }
        let Some(range) = range else { return };
        for issue in self.progress.acknowledge(range, status, received) {
            out.push(ack_finding(view, issue, range, status));
        }
        if (200..300).contains(&status) {
            self.fragment_accepted();
            if let Some(url) = view.value(h::REPLY_URL) {
                self.reply_url(view, url, range, out);
            }
        }
    }

    fn reply_url(&mut self, view: &MessageView, url: &[u8], range: ContentRange, out: &mut Vec<RawFinding>) {
        let span = value_span(view, h::REPLY_URL);
        let say = |rule, summary| finding(view, rule, span, h::REPLY_URL, summary);
        if !range.is_final() || !self.state.uploaded() {
            out.push(say(Rule::SessionReplyUrlNotFinal, "BITS-Reply-URL before the upload is complete".to_string()));
        }
        if let Some(static_url) = &self.static_url {
            if !values::normalised_path(static_url).eq_ignore_ascii_case(&values::normalised_path(url)) {
                out.push(say(
                    Rule::SessionReplyUrlNotStatic,
                    format!("the server application gave {}", lossy(static_url)),
                ));
            }
        }
        let path = values::resolve_reply_url(&self.upload_target, url);
        if !values::is_absolute_url(url) {
            out.push(say(Rule::SessionReplyUrlRelative, format!("fetched as {}", lossy(&path))));
        }
        self.reply = Some(Reply { url: url.to_vec(), path });
    }
}

fn ack_finding(view: &MessageView, issue: AckIssue, range: ContentRange, status: u16) -> RawFinding {
    let span = value_span(view, h::RECEIVED_CONTENT_RANGE);
    let say = |rule, summary| finding(view, rule, span, h::RECEIVED_CONTENT_RANGE, summary);
    match issue {
        AckIssue::BeyondTotal { received, total } => {
            say(Rule::SessionReceivedRangeBeyondTotal, format!("{received} is beyond the file's {total} bytes"))
        }
        AckIssue::Decreased { received, before } => {
            say(Rule::SessionReceivedRangeDecreased, format!("{received} after the server had already said {before}"))
        }
        AckIssue::GapAccepted { next } => at(
            view,
            Rule::SessionGapAccepted,
            format!("{status} for a fragment starting at {} while byte {next} is missing", range.first),
        ),
        AckIssue::RangeWrong { received, expected } => say(
            Rule::SessionAckRangeWrong,
            format!("{received} after bytes {}-{}; expected {expected}", range.first, range.last),
        )
        .with_fix_if(set_value(view, h::RECEIVED_CONTENT_RANGE, expected.to_string().as_bytes())),
        AckIssue::Range416Wrong { received, next } => {
            say(Rule::Session416RangeWrong, format!("416 says {received} but the server had acknowledged up to {next}"))
                .with_fix_if(set_value(view, h::RECEIVED_CONTENT_RANGE, next.to_string().as_bytes()))
        }
    }
}

fn encoding_words(encoding: &Option<Vec<u8>>) -> String {
    encoding.as_deref().map_or_else(|| "none".to_string(), lossy)
}
