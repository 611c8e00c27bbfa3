//! A small JSON reader for HAR files: a document becomes a [`Value`] tree.
//!
//! Hand-written rather than `serde_json` because the HAR reader needs only a tree to walk
//! and `serde_json`'s generic machinery was a fifth of the web page's WebAssembly. It
//! follows `serde_json`'s rules where a HAR reader can tell: the same grammar, the same
//! nesting limit, the same error wording with line and column, integers kept apart from
//! floats, and the last of repeated object keys winning.

use std::fmt;

/// Nesting deeper than this is an error, not a stack overflow (`serde_json`'s limit: the
/// 128th open bracket fails).
const MAX_DEPTH: usize = 127;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    /// Members in document order, repeated keys included; lookups take the last.
    Object(Vec<(String, Value)>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    /// A non-negative integer that fits a `u64`.
    PosInt(u64),
    /// A negative integer that fits an `i64`.
    NegInt(i64),
    /// Anything with a fraction or exponent, or an integer too large for the above.
    Float(f64),
}

impl Value {
    /// The member `key` of an object; `None` for any other value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// [`Value::get`], taking the member out of the value.
    pub fn take(self, key: &str) -> Option<Value> {
        match self {
            Value::Object(members) => members.into_iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::PosInt(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(Number::PosInt(n)) => Some(*n as f64),
            Value::Number(Number::NegInt(n)) => Some(*n as f64),
            Value::Number(Number::Float(f)) => Some(*f),
            _ => None,
        }
    }
}

/// Where and why a document is not JSON, worded as `serde_json` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
    /// The byte it blames, counted from the start of the input.
    pub offset: usize,
}

impl Error {
    /// The input ended before the value did (`serde_json`'s EOF errors): a cut document.
    pub fn is_eof(&self) -> bool {
        self.message.starts_with("EOF")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// The whole input as one JSON value, surrounded by nothing but whitespace.
pub fn parse(input: &[u8]) -> Result<Value, Error> {
    let mut p = Parser { input, pos: 0 };
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < input.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// The value at the start of `input` and the offset just after it, or `None` when there is
/// no complete value there. A number or literal must end where a JSON token could begin, so
/// `12abc` is not the value 12.
pub fn parse_prefix(input: &[u8]) -> Option<(Value, usize)> {
    let mut p = Parser { input, pos: 0 };
    let value = p.value(0).ok()?;
    let delimited = matches!(value, Value::String(_) | Value::Array(_) | Value::Object(_));
    let ends_token =
        matches!(p.peek(), None | Some(b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'[' | b']' | b'{' | b'}' | b',' | b':'));
    (delimited || ends_token).then_some((value, p.pos))
}

struct Parser<'a> {
    input: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        self.pos += usize::from(b.is_some());
        b
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The error blaming the byte at `pos` (or the end of input): its line and its 1-based
    /// column, as `serde_json` counts them.
    fn error(&self, message: &'static str) -> Error {
        self.error_before((self.pos + 1).min(self.input.len()), message)
    }

    /// The error blaming the byte before `at`.
    fn error_before(&self, at: usize, message: &'static str) -> Error {
        let before = &self.input[..at];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        Error { message, line, column: at - line_start, offset: at.saturating_sub(1) }
    }

    /// Skips whitespace, then requires more input: at the end, `eof` is the error.
    fn peek_after_ws(&mut self, eof: &'static str) -> Result<u8, Error> {
        self.skip_ws();
        self.peek().ok_or_else(|| self.error(eof))
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        match self.peek_after_ws("EOF while parsing a value")? {
            b'n' => self.literal(b"null", Value::Null),
            b't' => self.literal(b"true", Value::Bool(true)),
            b'f' => self.literal(b"false", Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'"' => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            b'[' if depth == MAX_DEPTH => Err(self.error("recursion limit exceeded")),
            b'{' if depth == MAX_DEPTH => Err(self.error("recursion limit exceeded")),
            b'[' => {
                self.pos += 1;
                self.array(depth + 1).map(Value::Array)
            }
            b'{' => {
                self.pos += 1;
                self.object(depth + 1).map(Value::Object)
            }
            _ => Err(self.error("expected value")),
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Result<Value, Error> {
        for &expected in word {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b != expected => return Err(self.error("expected ident")),
                Some(_) => self.pos += 1,
            }
        }
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Value>, Error> {
        let mut items = Vec::new();
        if self.peek_after_ws("EOF while parsing a list")? == b']' {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value(depth)?);
            match self.peek_after_ws("EOF while parsing a list")? {
                b']' => {
                    self.pos += 1;
                    return Ok(items);
                }
                b',' => {
                    self.pos += 1;
                    if self.peek_after_ws("EOF while parsing a value")? == b']' {
                        return Err(self.error("trailing comma"));
                    }
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Vec<(String, Value)>, Error> {
        let mut members = Vec::new();
        if self.peek_after_ws("EOF while parsing an object")? == b'}' {
            self.pos += 1;
            return Ok(members);
        }
        loop {
            match self.peek_after_ws("EOF while parsing a value")? {
                b'"' => self.pos += 1,
                b'}' => return Err(self.error("trailing comma")),
                _ => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            if self.peek_after_ws("EOF while parsing an object")? != b':' {
                return Err(self.error("expected `:`"));
            }
            self.pos += 1;
            members.push((key, self.value(depth)?));
            match self.peek_after_ws("EOF while parsing an object")? {
                b'}' => {
                    self.pos += 1;
                    return Ok(members);
                }
                b',' => self.pos += 1,
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// The rest of a string whose opening quote was read.
    fn string(&mut self) -> Result<String, Error> {
        let mut bytes = Vec::new();
        loop {
            let start = self.pos;
            while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            bytes.extend_from_slice(&self.input[start..self.pos]);
            match self.next() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    return String::from_utf8(bytes).map_err(|e| {
                        // Blames the first bad byte, counting back from the closing quote
                        // (approximate after escapes, as in serde_json).
                        let mut error = self.error_before(self.pos, "invalid unicode code point");
                        let bad = e.as_bytes().len() - e.utf8_error().valid_up_to();
                        error.column = error.column.saturating_sub(bad);
                        error
                    });
                }
                Some(b'\\') => self.escape(&mut bytes)?,
                Some(_) => {
                    self.pos -= 1;
                    return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string"));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let simple = match self.next() {
            None => return Err(self.error("EOF while parsing a string")),
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                let c = self.unicode_escape()?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return Ok(());
            }
            Some(_) => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(simple);
        Ok(())
    }

    /// A `\u` escape (the `\u` read), joining a UTF-16 surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let high = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&high) {
            self.pos -= 1;
            return Err(self.error("lone leading surrogate in hex escape"));
        }
        if !(0xD800..=0xDBFF).contains(&high) {
            return Ok(char::from_u32(u32::from(high)).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b) if b != expected => {
                    self.pos -= 1;
                    return Err(self.error("unexpected end of hex escape"));
                }
                Some(_) => {}
            }
        }
        let low = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            self.pos -= 1;
            return Err(self.error("lone leading surrogate in hex escape"));
        }
        let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
        Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Four hex digits; an error names the fourth (or the end of input).
    fn hex4(&mut self) -> Result<u16, Error> {
        let Some(digits) = self.input.get(self.pos..self.pos + 4) else {
            self.pos = self.input.len();
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 3;
        let n = std::str::from_utf8(digits).ok().and_then(|d| u16::from_str_radix(d, 16).ok());
        let n = n.filter(|_| digits.iter().all(u8::is_ascii_hexdigit)).ok_or_else(|| self.error("invalid escape"))?;
        self.pos += 1;
        Ok(n)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as an integer when it has
    /// neither fraction nor exponent and fits, else as the nearest `f64` (exact for the
    /// statuses and millisecond timings a HAR holds: up to 15 significant digits and
    /// exponents up to 22).
    fn number(&mut self) -> Result<Number, Error> {
        let negative = self.peek() == Some(b'-');
        self.pos += usize::from(negative);
        let mut exponent: i64 = 0;
        let mut overflowed = false;
        let mut significand = match self.peek() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(b @ b'0'..=b'9') => {
                self.pos += 1;
                if b == b'0' && self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error("invalid number"));
                }
                u64::from(b - b'0')
            }
            Some(_) => return Err(self.error("invalid number")),
        };
        while let Some(d) = self.digit() {
            match significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                Some(s) if !overflowed => significand = s,
                // Digits past what a u64 holds only scale it, as serde_json does.
                _ => {
                    overflowed = true;
                    exponent += 1;
                }
            }
        }
        let mut is_float = overflowed;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            is_float = true;
            self.expect_digit()?;
            while let Some(d) = self.digit() {
                if let Some(s) = significand.checked_mul(10).and_then(|s| s.checked_add(d)) {
                    significand = s;
                    exponent -= 1;
                }
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            is_float = true;
            let exp_negative = self.peek() == Some(b'-');
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.expect_digit()?;
            let mut e: i64 = 0;
            while let Some(d) = self.digit() {
                e = e.saturating_mul(10).saturating_add(d as i64);
            }
            exponent = exponent.saturating_add(if exp_negative { -e } else { e });
        }
        if !is_float {
            if !negative {
                return Ok(Number::PosInt(significand));
            }
            // `-0` is the float -0.0, as serde_json reads it.
            if let Some(n) = 0i64.checked_sub_unsigned(significand).filter(|n| *n < 0) {
                return Ok(Number::NegInt(n));
            }
        }
        let magnitude = scale(significand as f64, exponent);
        if magnitude.is_infinite() {
            self.pos -= 1;
            return Err(self.error("number out of range"));
        }
        Ok(Number::Float(if negative { -magnitude } else { magnitude }))
    }

    fn expect_digit(&self) -> Result<(), Error> {
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b) if !b.is_ascii_digit() => Err(self.error("invalid number")),
            Some(_) => Ok(()),
        }
    }

    fn digit(&mut self) -> Option<u64> {
        let d = self.peek().filter(u8::is_ascii_digit)?;
        self.pos += 1;
        Some(u64::from(d - b'0'))
    }
}

/// `value * 10^exponent`: exact powers of ten up to 1e22 in one step, larger ones in steps.
fn scale(mut value: f64, mut exponent: i64) -> f64 {
    const EXACT: i64 = 22;
    if value == 0.0 {
        return 0.0;
    }
    while exponent != 0 && value != 0.0 && value.is_finite() {
        let step = exponent.clamp(-EXACT, EXACT);
        let power = 10f64.powi(step.unsigned_abs() as i32);
        value = if step > 0 { value * power } else { value / power };
        exponent -= step;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text.as_bytes()).expect_err(text).to_string()
    }

    #[test]
    fn values_and_lookups() {
        let v = parse(br#" {"a": [1, -2, 2.5e1, true, null, "x\u00e9\ud83d\ude00\n"], "a2": {}, "a2": 7} "#).unwrap();
        let a = v.get("a").and_then(Value::as_array).unwrap();
        assert_eq!(a[0].as_u64(), Some(1));
        assert_eq!((a[1].as_u64(), a[1].as_f64()), (None, Some(-2.0)));
        assert_eq!(a[2].as_f64(), Some(25.0));
        assert_eq!(a[5].as_str(), Some("xé😀\n"));
        assert_eq!(v.get("a2").and_then(Value::as_u64), Some(7));
        assert_eq!(parse(b"0.001").unwrap().as_f64(), Some(0.001));
        assert_eq!(parse(b"18446744073709551616").unwrap().as_f64(), Some(18446744073709551616.0));
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(err("{\"a\": 1,}"), "trailing comma at line 1 column 9");
        assert_eq!(err("{\n \"a\" 1}"), "expected `:` at line 2 column 6");
        assert_eq!(err("[1, 2"), "EOF while parsing a list at line 1 column 5");
        assert_eq!(err("{\"log\": this"), "expected ident at line 1 column 10");
        assert_eq!(err("01"), "invalid number at line 1 column 2");
        assert_eq!(err("1 2"), "trailing characters at line 1 column 3");
        assert_eq!(err("\"\\x\""), "invalid escape at line 1 column 3");
        assert_eq!(
            err("\"a\u{1}\""),
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3"
        );
        assert_eq!(err("1e400"), "number out of range at line 1 column 5");
        assert_eq!(err(&"[".repeat(200)), "recursion limit exceeded at line 1 column 128");
        assert!(parse("[".repeat(127).as_bytes()).is_err_and(|e| e.message.starts_with("EOF")));
    }

    /// A value as `serde_json` holds it: repeated keys are dropped, the last one winning.
    fn to_serde(v: &Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(Number::PosInt(n)) => (*n).into(),
            Value::Number(Number::NegInt(n)) => (*n).into(),
            Value::Number(Number::Float(x)) => {
                serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
            }
            Value::String(s) => s.as_str().into(),
            Value::Array(items) => items.iter().map(to_serde).collect(),
            Value::Object(members) => members.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect(),
        }
    }

    /// The reader this one replaced, on the same documents: the same values and the same
    /// errors.
    #[test]
    fn agrees_with_serde_json() {
        let docs = [
            r#"{"log": {"entries": [{"a": 1, "b": [true, false, null], "c": "\u00e9\ud83d\ude00\/"}]}}"#,
            r#"[0, -0, 1.5, -2.25, 1e3, 0.02, 123456789012, -9223372036854775808, 18446744073709551615]"#,
            r#"[-9223372036854775807, 0.1, 1e15, 125e1, 100.0]"#,
            r#"{"k": "v", "k": "w", "a": {"z": 1, "y": [1, {"x": "\n\t\"\\"}]}}"#,
            "{\"log\": this is not json",
            "[1, 2",
            "[1, 2,]",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "{1: 2}",
            "01",
            "-",
            "-x",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "1ex",
            "\"abc",
            "\"a\\",
            "\"\\q\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "\"\\ud800x\"",
            "\"a\u{1f}\"",
            "1 2",
            "  \n\n  [1,\n  nul",
            "tru",
            "trux",
            "",
            "   ",
            "\u{feff}{}",
            "[1e400]",
            "{\"a\":}",
            "[0.00001, 0.0001, 123456789e2, -0.0, 5e-324, 0.5, -2.5]",
            "{\"a\"",
            "{\"a\":1",
            "[\"\u{e9}\"]",
            "[}",
            "{]",
            "1e-400",
            "-1e-400",
        ];
        for doc in docs {
            let mine = parse(doc.as_bytes()).map(|v| to_serde(&v)).map_err(|e| e.to_string());
            let theirs = serde_json::from_str::<serde_json::Value>(doc).map_err(|e| e.to_string());
            assert_eq!(mine, theirs, "{doc}");
        }
        for bad_utf8 in [&b"[\"\xff\"]"[..], b"[\"a\xffbc\"]", b"{\"\xc3\": 1}", b"\xff"] {
            assert_eq!(
                parse(bad_utf8).map(|v| to_serde(&v)).map_err(|e| e.to_string()),
                serde_json::from_slice::<serde_json::Value>(bad_utf8).map_err(|e| e.to_string())
            );
        }
    }

    #[test]
    fn a_prefix_value_ends_where_a_token_could_begin() {
        assert_eq!(parse_prefix(b"{\"a\":1}, {").map(|(_, end)| end), Some(7));
        assert_eq!(parse_prefix(b"12,").map(|(_, end)| end), Some(2));
        assert_eq!(parse_prefix(b"12abc"), None);
        assert_eq!(parse_prefix(b"{\"a\":"), None);
    }
}
