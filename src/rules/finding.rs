//! The findings rules produce, before grading.

use crate::rules::catalog::Rule;
use crate::rules::fix::Fix;
use crate::span::Span;

/// A finding before grading: which rule, where, and what exactly was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub rule: Rule,
    pub message: Option<usize>,
    pub header: Option<String>,
    pub span: Span,
    pub summary: String,
    /// Mechanical cures, as edits into the inspected text; empty where the cure needs a
    /// decision the summary leaves to a person.
    pub fixes: Vec<Fix>,
}

impl RawFinding {
    pub fn new(rule: Rule, span: Span, summary: impl Into<String>) -> Self {
        RawFinding { rule, message: None, header: None, span, summary: summary.into(), fixes: Vec::new() }
    }

    pub fn in_message(mut self, index: usize) -> Self {
        self.message = Some(index);
        self
    }

    pub fn on_header(mut self, name: &str) -> Self {
        self.header = Some(name.to_string());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Adds the fix when there is one (a header cannot be added to a head cut short).
    pub fn with_fix_if(mut self, fix: Option<Fix>) -> Self {
        self.fixes.extend(fix);
        self
    }
}
