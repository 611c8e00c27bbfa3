//! Lax HTTP/1.x: splits an input into messages and decodes each one as far as it goes.
//!
//! Nothing here knows about BITS. Every problem becomes a [`Problem`] with a byte span and
//! the next message is still found: a broken message never hides the ones after it.

mod chunked;
pub mod lines;
mod message;
mod parse;
mod problem;

pub use message::{Body, Direction, Framing, Header, LineEndings, Message, StartLine};
pub use parse::{parse_decimal, split_messages, split_regions, Split};
pub use problem::{Problem, ProblemKind};
