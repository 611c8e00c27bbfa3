//! Front ends: what the input bytes are, and for a capture file, the HTTP messages it carries.
//!
//! Plain text is inspected as it is. A capture (pcap, pcapng, HAR) becomes a *transcript*:
//! the messages it carries, reassembled and put one after another in capture order, each
//! a [`Unit`] of the transcript that remembers its connection, direction, frames and time.
//! Findings point into the transcript, which the page shows and the CLI locates by frame.

mod base64;
mod capture;
mod frame;
pub mod har;
mod json;
pub mod link_type;
pub mod pcap;
pub mod problem;
pub mod sniff;
mod tcp;
mod transcript;

pub use capture::{Capture, Connection, Format, Origin, Unit};
pub use link_type::LinkType;
pub use problem::{Layer, Problem, ProblemKind, Stop, StopCause};

/// What the bytes are, from their first bytes: the pcap magic numbers (both byte orders,
/// microsecond and nanosecond), the pcapng section header block, a JSON object with a `log`
/// (HAR); anything else is text.
pub fn detect(input: &[u8]) -> Format {
    const PCAP_MAGICS: [[u8; 4]; 4] =
        [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d]];
    if input.len() >= 4 && PCAP_MAGICS.iter().any(|m| input[..4] == *m) {
        return Format::Pcap;
    }
    if input.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        return Format::Pcapng;
    }
    let text = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    if text.get(start) == Some(&b'{') {
        let head = &text[start..text.len().min(start + 4096)];
        if memchr::memmem::find(head, b"\"log\"").is_some() {
            return Format::Har;
        }
    }
    Format::Text
}

/// The capture these bytes hold, or `None` for text.
pub fn read_capture(input: &[u8]) -> Option<Capture> {
    match detect(input) {
        Format::Text => None,
        format @ (Format::Pcap | Format::Pcapng) => Some(pcap::read(input, format)),
        Format::Har => Some(har::read(input)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_first_bytes() {
        assert_eq!(detect(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0]), Format::Pcap);
        assert_eq!(detect(&[0xa1, 0xb2, 0x3c, 0x4d]), Format::Pcap);
        assert_eq!(detect(&[0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), Format::Pcapng);
        assert_eq!(detect(b"  {\n \"log\": {\"version\": \"1.2\"}}"), Format::Har);
        assert_eq!(detect(b"{\"not\": \"a har\"}"), Format::Text);
        assert_eq!(detect(b"BITS_POST / HTTP/1.1\r\n"), Format::Text);
        assert_eq!(detect(b""), Format::Text);
    }
}
