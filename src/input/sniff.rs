//! What bytes that hold no HTTP message look like, so the user is told what was given
//! instead of "stray bytes": JSON that is no HAR, prose, or a binary format by its magic.

/// A guess at what some input is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    /// Starts like a JSON object or array (and is no HAR, which is read as a capture).
    Json,
    /// XML or HTML markup.
    Markup,
    /// Readable text without any HTTP start line.
    Text,
    /// Binary data of a known format, by its magic number.
    Binary(&'static str),
    /// Binary data of no format known here.
    UnknownBinary,
}

/// Magic numbers of files people drop by mistake, or that carry captures in another way.
const MAGICS: &[(&[u8], &str)] = &[
    (b"PK\x03\x04", "a ZIP archive (a Fiddler .saz archive is one; it is not read yet)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "an OLE compound file (an old Office document or .msg)"),
];

/// The guess for `input` (not empty, not all white space).
pub fn looks(input: &[u8]) -> Looks {
    if let Some((_, what)) = MAGICS.iter().find(|(magic, _)| input.starts_with(magic)) {
        return Looks::Binary(what);
    }
    let text = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let head = &text[..text.len().min(4096)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    // Text: valid UTF-8 (a character cut at the end of the sample is fine) with few
    // control characters besides white space.
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')).count();
    if !valid || controls * 100 > head.len() {
        return Looks::UnknownBinary;
    }
    match head.get(start) {
        Some(b'{' | b'[') => Looks::Json,
        Some(b'<') => Looks::Markup,
        _ => Looks::Text,
    }
}

impl Looks {
    /// In words, to follow "the input looks like".
    pub fn words(self) -> &'static str {
        match self {
            Looks::Json => "JSON, but not a HAR file",
            Looks::Markup => "XML or HTML, not HTTP messages",
            Looks::Text => "text without any HTTP request or status line",
            Looks::Binary(what) => what,
            Looks::UnknownBinary => "binary data of a format the inspector does not read",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_json_text_markup_and_binary_apart() {
        assert_eq!(looks(b"  {\"a\": 1}"), Looks::Json);
        assert_eq!(looks(b"[1, 2]"), Looks::Json);
        assert_eq!(looks(b"<html><body>"), Looks::Markup);
        assert_eq!(looks("Dear team, the upload fails with 0x8020001F. — Ann".as_bytes()), Looks::Text);
        assert_eq!(looks(b"PK\x03\x04\x14\x00"), Looks::Binary(MAGICS[0].1));
        assert_eq!(looks(b"\x00\x01\x02\x03\x04\x05binary"), Looks::UnknownBinary);
        assert_eq!(looks(b"\xff\xfe\xfd"), Looks::UnknownBinary);
    }

    #[test]
    fn a_character_cut_by_the_sample_is_still_text() {
        let mut text = "é".repeat(2048).into_bytes();
        text.push(b'x');
        assert_eq!(looks(&text), Looks::Text);
    }
}
