//! The BITS upload protocol: packet model, the header table, value grammars, code tables
//! and classification of messages.

pub mod classify;
pub mod codes;
pub mod headers;
pub mod packet;
pub mod values;
