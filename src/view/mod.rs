//! What the page draws of a report, computed once per inspection and answered per page
//! from arrays: the message list's rows (each request beside its answer), the findings in
//! the order drawn (errors first) with their filter, the findings by rule, the raw view's
//! regions and their pieces, and the findings as Markdown.
//!
//! Core code with no JavaScript in it, so it is tested natively; the wasm facade turns its
//! answers into the page's DTOs. Offsets here are the page's: UTF-16 code units into the
//! decoded text ([`crate::utf16::TextIndex`]), since those are what the page's marks and
//! the raw view's ranges count.

mod findings;
mod markdown;
mod regions;
mod rows;

pub use findings::{message_name, FindingFilter, FindingOrder, RuleGroup};
pub use markdown::findings_markdown;
pub use regions::{Piece, PieceRow, Region, Regions, Utf16Range};
pub use rows::Rows;

use crate::report::Report;
use crate::utf16::TextIndex;

/// Everything the page's lists and raw view ask of one report, computed up front (a few
/// arrays of indices: cheap next to the inspection) so each question costs what it returns.
pub struct View {
    pub rows: Rows,
    pub findings: FindingOrder,
    pub regions: Regions,
}

impl View {
    /// `index` resolves the report's byte offsets in the text its spans point into.
    pub fn new(report: &Report, index: &TextIndex) -> View {
        View { rows: Rows::new(report), findings: FindingOrder::new(report), regions: Regions::new(report, index) }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::report::Report;
    use crate::{inspect_with_text, LineEndingCheck, Options, Profile};

    /// A report of `input`, and the text its spans point into (for a
    /// [`crate::utf16::TextIndex`]).
    pub fn inspected(input: &[u8]) -> (Report, Vec<u8>) {
        let options = Options { profile: Profile::Default, line_endings: LineEndingCheck::Strict };
        let inspection = inspect_with_text(input, &options);
        (inspection.report, inspection.text.into_owned())
    }

    pub const CAPTURE_41: &[u8] =
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mc-bup-4.1-upload.http"));
    pub const BROKEN_403: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/broken/ack-create-session-protocol-on-403.http"
    ));
}
