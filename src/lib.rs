//! # bits-inspector
//!
//! Decodes captured Microsoft BITS upload traffic and checks every message against both
//! Microsoft documents: the Win32 "BITS upload protocol" pages and the Open Specification
//! [MC-BUP]. The core does no I/O and knows nothing of JavaScript; the same code runs in
//! the command-line tool and, compiled to WebAssembly, behind the web page.
//!
//! ```
//! use bits_inspector::{inspect, Options};
//!
//! let capture = b"BITS_POST /upload/a.txt HTTP/1.1\r\n\
//! BITS-Packet-Type: Create-Session\r\n\
//! BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\n\
//! Content-Length: 0\r\n\r\n\
//! HTTP/1.1 403 Forbidden\r\n\
//! BITS-Packet-Type: Ack\r\n\
//! BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\n\
//! BITS-Error-Code: 0x80070005\r\n\
//! BITS-Error-Context: 0x5\r\n\
//! Content-Length: 0\r\n\r\n";
//!
//! let report = inspect(capture, &Options::default());
//! assert_eq!(report.messages[1].kind.id(), "ack-create-session");
//! assert_eq!(report.messages[1].pair, Some(0));
//! let finding = &report.findings[0];
//! assert_eq!(finding.rule, "ack-create-session-protocol-on-failure");
//! assert_eq!((finding.start.line, finding.start.column), (8, 1));
//! ```
#![forbid(unsafe_code)]

pub mod bits;
pub mod compose;
pub mod explain;
pub mod http;
pub mod input;
pub mod inspect;
mod order;
pub mod redact;
pub mod report;
pub mod rules;
pub mod span;
pub mod spec;
pub mod utf16;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use inspect::{inspect, inspect_with_text, Inspection, LineEndingCheck, Options};
pub use report::Report;
pub use rules::grade::{Profile, Severity};
