//! Severities, and the profiles that grade findings: which document a check is read by.

use serde::Serialize;

// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule's grade under one profile, in words: its severity, or `off` where the profile does
/// not report it (the rule list and `explain`).
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Graded {
    Off,
    Note,
    Warning,
    Error,
}

impl Graded {
    pub fn as_str(self) -> &'static str {
        match self {
            Graded::Off => "off",
            Graded::Note => "note",
            Graded::Warning => "warning",
            Graded::Error => "error",
        }
    }
}

impl From<Option<Severity>> for Graded {
    fn from(severity: Option<Severity>) -> Graded {
        match severity {
            None => Graded::Off,
            Some(Severity::Note) => Graded::Note,
            Some(Severity::Warning) => Graded::Warning,
            Some(Severity::Error) => Graded::Error,
        }
    }
}

/// Padded as a string is, so tables line up (`{:<8}`).
impl std::fmt::Display for Graded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How findings are graded, since the Win32 pages and [MC-BUP] disagree in many places.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Error: what would break a real Windows client or server, or what both documents
    /// require. Warning or note: what only one document asks.
    #[default]
    Default,
    /// The Win32 "BITS upload protocol" pages, to the letter.
    Win32,
    /// The Open Specification [MC-BUP], to the letter.
    McBup,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Default, Profile::Win32, Profile::McBup];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Win32 => "win32",
            Profile::McBup => "mc-bup",
        }
    }

    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(name))
    }

    /// Whether an Ack with this status reports success. The Win32 pages make every
    /// "include only if" condition 200 or 201; [MC-BUP] names 200 alone (reference 9.D2),
    /// so under its profile a 201 is no success and BITS-Protocol does not belong on it.
    pub fn is_success(self, status: Option<u16>) -> bool {
        match self {
            Profile::McBup => status == Some(200),
            Profile::Default | Profile::Win32 => matches!(status, Some(200 | 201)),
        }
    }
}
