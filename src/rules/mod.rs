//! The checks: the rule catalog, the generic header-table checker, per-message rules and
//! conversation rules.

pub mod capture;
pub mod catalog;
pub mod conversation;
pub mod finding;
pub mod fix;
pub mod grade;
pub mod headers;
pub mod message;
pub mod table;
pub mod wire;
