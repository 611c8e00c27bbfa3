//! Cases for the rules about the conversation.

use super::Case;

pub fn cases() -> Vec<Case> {
    Vec::new()
}
