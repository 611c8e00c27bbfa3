//! The result of an inspection.
//!
//! Lean by design: a message's start line and headers are kept as spans into the text,
//! and their strings and decoded words are made only when someone looks at that message
//! ([`Report::detail`]), so inspecting a million messages does not build a million sets
//! of strings nobody reads. [`Report::json`] is the serialisable form, whose field names
//! are a stable interface (JSON output): add fields, never rename them.

mod detail;
mod model;

pub use detail::{HeaderDetail, MessageDetail, ReportJson};
pub use model::{
    BodyReport, CaptureSummary, Counts, Finding, HeaderReport, InputContent, InputSummary, LineEndings, MessageReport,
    Report,
};
