//! The findings rules produce, before grading.

use crate::rules::catalog::Rule;
use crate::span::Span;

/// A finding before grading: which rule, where, and what exactly was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    pub rule: Rule,
    pub message: Option<usize>,
    pub header: Option<String>,
    pub span: Span,
    pub summary: String,
}

impl RawFinding {
    pub fn new(rule: Rule, span: Span, summary: impl Into<String>) -> Self {
        RawFinding { rule, message: None, header: None, span, summary: summary.into() }
    }

    pub fn in_message(mut self, index: usize) -> Self {
        self.message = Some(index);
        self
    }

    pub fn on_header(mut self, name: &str) -> Self {
        self.header = Some(name.to_string());
        self
    }
}
