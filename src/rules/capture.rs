//! The capture readers' problems as findings: each kind of [`input::Problem`] is one rule
//! of the catalog. The readers know no rule ids; this is where their problems get them.

use crate::input::{Problem, ProblemKind};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;

/// The rule a capture problem of this kind is reported under.
pub fn rule_of(kind: ProblemKind) -> Rule {
    match kind {
        ProblemKind::Stopped => Rule::CaptureStopped,
        ProblemKind::LinkTypeUnsupported => Rule::CaptureLinkTypeUnsupported,
        ProblemKind::FrameUndecoded => Rule::CaptureFrameUndecoded,
        ProblemKind::MissingSegment => Rule::CaptureMissingSegment,
        ProblemKind::StartedMidStream => Rule::CaptureStartedMidStream,
        ProblemKind::HarInvalid => Rule::HarInvalid,
    }
}

/// The finding a capture problem becomes: its rule, its span, its words.
pub fn finding_of(problem: &Problem) -> RawFinding {
    RawFinding::new(rule_of(problem.kind), problem.span, problem.summary.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Layer;
    use crate::span::Span;

    #[test]
    fn each_kind_has_its_own_capture_rule() {
        let kinds = [
            ProblemKind::Stopped,
            ProblemKind::LinkTypeUnsupported,
            ProblemKind::FrameUndecoded,
            ProblemKind::MissingSegment,
            ProblemKind::StartedMidStream,
            ProblemKind::HarInvalid,
        ];
        let ids: Vec<&str> = kinds.iter().map(|k| rule_of(*k).id()).collect();
        assert_eq!(
            ids,
            [
                "capture-stopped",
                "capture-link-type-unsupported",
                "capture-frame-undecoded",
                "capture-missing-segment",
                "capture-started-mid-stream",
                "har-invalid"
            ]
        );
        let problem = Problem::new(ProblemKind::MissingSegment, Layer::Transport, Span::new(3, 7), "4 bytes");
        let finding = finding_of(&problem);
        assert_eq!(
            (finding.rule, finding.span, finding.summary.as_str()),
            (Rule::CaptureMissingSegment, problem.span, "4 bytes")
        );
    }
}
