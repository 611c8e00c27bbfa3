//! Cases for the rules about one message: the input, HTTP framing, the headers and values of
//! each BITS packet, response codes, and the notification to the server application.
//!
//! Every case starts from the Windows traffic of [MC-BUP] section 4 (tests/fixtures): the
//! messages below are those captures, header order and values included, with a 21-byte file
//! instead of the 4,892-byte one. A breaking input changes one thing in them; its keeping
//! input is the same messages with that thing put right. Where Windows itself departs from
//! a document, the breaking input is the capture as it is.

use bits_inspector::LineEndingCheck;

use super::{case, crlf, raw, Case};

// ------------------------------------------------------------------ the captured messages

const PING: &str = "BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1
Accept: */*
BITS-Packet-Type: Ping
User-Agent: Microsoft BITS/6.7
Host: frankcao8
Content-Length: 0
Connection: Keep-Alive

";

const PING_ACK: &str = "HTTP/1.1 200 OK
Date: Mon, 18 Jun 2007 21:02:02 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
Content-Length: 0

";

const CREATE_SESSION: &str = "BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1
Accept: */*
BITS-Packet-Type: Create-Session
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}
Content-Name: rfc2119.txt
User-Agent: Microsoft BITS/6.7
Host: frankcao8
Content-Length: 0
Connection: Keep-Alive

";

const CREATE_SESSION_ACK: &str = "HTTP/1.1 200 OK
Date: Mon, 18 Jun 2007 21:01:56 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
Content-Length: 0
Accept-encoding: identity

";

/// No capture shows an error Ack: this is [MC-BUP]'s answer when the URL may not be written.
const CREATE_SESSION_DENIED: &str = "HTTP/1.1 403 Forbidden
Date: Mon, 18 Jun 2007 21:01:56 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
BITS-Error-Code: 0x80070005
BITS-Error-Context: 0x5
Content-Length: 0

";

/// The Ack for Create-Session of the web farm ([MC-BUP] 4.2).
const CREATE_SESSION_ACK_HOST_ID: &str = "HTTP/1.1 200 OK
Date: Mon, 18 Jun 2007 21:11:57 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}
BITS-Session-Id: {C85B4E0A-9EB9-4114-BFA4-8A43B4710091}
BITS-Host-Id: FRANKCAO8
BITS-Host-Id-Fallback-Timeout: 110
Content-Length: 0
Accept-encoding: identity

";

/// The whole file in one fragment: the 21 bytes `Network Working Group`.
const FRAGMENT: &str = "BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1
Accept: */*
BITS-Packet-Type: Fragment
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
Content-Name: rfc2119.txt
Content-Range: bytes 0-20/21
User-Agent: Microsoft BITS/6.7
Host: frankcao8
Content-Length: 21
Connection: Keep-Alive

Network Working Group
";

const FRAGMENT_BODY: &str = "Network Working Group\n";

/// IIS leaves BITS-Session-Id out of this Ack ([MC-BUP] 4.1).
const FRAGMENT_ACK: &str = "HTTP/1.1 200 OK
Date: Mon, 18 Jun 2007 21:02:01 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
Content-Length: 0
BITS-Received-Content-Range: 21

";

/// [MC-BUP]'s answer to a request naming a session the server does not have.
const SESSION_NOT_FOUND: &str = "HTTP/1.1 500 Internal Server Error
Date: Mon, 18 Jun 2007 21:02:01 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
BITS-Error-Code: 0x8020001F
BITS-Error-Context: 0x5
Content-Length: 0

";

/// IIS asking for credentials before BITS sees the request: plain HTTP, no BITS header.
const AUTH_CHALLENGE: &str = "HTTP/1.1 401 Unauthorized
Server: Microsoft-IIS/6.0
WWW-Authenticate: Negotiate
WWW-Authenticate: NTLM
Content-Length: 0

";

const CLOSE_SESSION: &str = "BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1
Accept: */*
BITS-Packet-Type: Close-Session
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
Content-Name: rfc2119.txt
User-Agent: Microsoft BITS/6.7
Host: frankcao8
Content-Length: 0
Connection: Keep-Alive

";

const CLOSE_SESSION_ACK: &str = "HTTP/1.1 200 OK
Date: Mon, 18 Jun 2007 21:02:02 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
Content-Length: 0

";

/// Close-Session's sibling, as the Win32 page writes it (no capture shows one).
const CANCEL_SESSION: &str = "BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1
Accept: */*
BITS-Packet-Type: Cancel-Session
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
User-Agent: Microsoft BITS/6.7
Host: frankcao8
Content-Length: 0
Connection: Keep-Alive

";

const SESSION_ID: &str = "BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}";

/// The BITS server's notification by reference to the server application ([MC-BUP] 4.2).
const NOTIFICATION: &str = "POST /bitsasp/test.REPLY HTTP/1.1
Accept: */*
BITS-Original-Request-URL: http://frankcao8/upload-ref-isapi-WebFarm/2100mb-rfc2119.txt
BITS-Request-DataFile-Name: C:\\bits\\web\\upload-ref-isapi-WebFarm\\BITS-Sessions\\Requests\\{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}\\requestfile.bin
BITS-Response-DataFile-Name: C:\\bits\\web\\upload-ref-isapi-WebFarm\\BITS-Sessions\\Replies\\{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}\\responsefile.bin
User-Agent: BITSExts 1.5
Host: frankcao8
Content-Length: 0
Connection: Keep-Alive

";

/// The same notification by value: the uploaded file is the body.
const NOTIFICATION_BY_VALUE: &str = "POST /bitsasp/test.REPLY HTTP/1.1
Accept: */*
BITS-Original-Request-URL: http://frankcao8/upload-ref-isapi-WebFarm/2100mb-rfc2119.txt
User-Agent: BITSExts 1.5
Host: frankcao8
Content-Length: 21
Connection: Keep-Alive

Network Working Group
";

/// The server application's answer ([MC-BUP] 4.2): no length, the connection closes.
const NOTIFICATION_RESPONSE: &str = "HTTP/1.1 200 OK
Connection: close
Date: Mon, 18 Jun 2007 21:12:01 GMT
Server: Microsoft-IIS/6.0
Content-type: text/html

";

/// Where a server application may keep a reply that does not change.
const STATIC_REPLY_URL: &str = "http://frankcao8/replies/rfc2119-reply.txt";

// ------------------------------------------------------------------ editing them

/// `text` with the first `from` replaced by `to`; `from` must be there.
fn swap(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in\n{text}");
    text.replacen(from, to, 1)
}

/// `text` without the header line that starts with `line` (a whole line, or a name).
fn without(text: &str, line: &str) -> String {
    let start = text.find(&format!("\n{line}")).unwrap_or_else(|| panic!("`{line}` is not in\n{text}")) + 1;
    let end = start + text[start..].find('\n').expect("header lines end with a newline") + 1;
    format!("{}{}", &text[..start], &text[end..])
}

/// `text` with the header line `line` added just before the line `before`.
fn add(text: &str, line: &str, before: &str) -> String {
    swap(text, &format!("\n{before}\n"), &format!("\n{line}\n{before}\n"))
}

/// `text` with the header line `line` added after its last header line.
fn append(text: &str, line: &str) -> String {
    swap(text, "\n\n", &format!("\n{line}\n\n"))
}

/// `text`, a message without body, carrying `body` announced by its Content-Length.
fn with_body(text: &str, body: &str) -> String {
    let text = swap(text, "\nContent-Length: 0\n", &format!("\nContent-Length: {}\n", body.len()));
    format!("{text}{body}\n")
}

/// Messages one after the other, as a capture holds them.
fn capture(messages: &[&str]) -> String {
    messages.concat()
}

/// A fragment of the file carrying `body` as the bytes `range`.
fn fragment(range: &str, body: &str) -> String {
    let fragment = swap(FRAGMENT, "Content-Range: bytes 0-20/21", &format!("Content-Range: {range}"));
    let fragment = swap(&fragment, "Content-Length: 21", &format!("Content-Length: {}", body.len()));
    swap(&fragment, FRAGMENT_BODY, &format!("{body}\n"))
}

/// The file in two fragments: this is the second, bytes 8 to 20.
fn last_fragment() -> String {
    fragment("bytes 8-20/21", "Working Group")
}

/// A BITS-Session-Id of `len` characters, as a server issuing its own tokens may send.
fn long_session_id(len: usize) -> String {
    format!("BITS-Session-Id: {}", &"0123456789abcdef".repeat(len / 16 + 1)[..len])
}

/// A header value of exactly `len` bytes: a Kerberos token such as domain users with many
/// groups send.
fn negotiate(len: usize) -> String {
    let prefix = "Negotiate YII";
    format!("Authorization: {prefix}{}", "A".repeat(len - prefix.len()))
}

/// A Content-Name of `chars` characters.
fn content_name(chars: usize) -> String {
    format!("Content-Name: {}.txt", "r".repeat(chars - 4))
}

/// BITS-Supported-Protocols listing BITS 1.5 and then `n - 1` other protocols.
fn protocols(n: usize) -> String {
    let others: String = (1..n).map(|i| format!(" {{00000000-0000-0000-0000-{i:012}}}")).collect();
    format!("BITS-Supported-Protocols: {{7df0354d-249b-430f-820d-3d2a9bef4931}}{others}")
}

/// A case judged as text pasted into the page, whose line endings cannot be trusted.
fn pasted(rule: &'static str, breaks: &[u8], keeps: &[u8]) -> Case {
    Case { line_endings: LineEndingCheck::Pasted, ..raw(rule, breaks, keeps) }
}

/// `text` with CRLF line endings, to edit byte by byte afterwards.
fn wire(text: &str) -> String {
    String::from_utf8(crlf(text)).expect("the messages are text")
}

// ------------------------------------------------------------------ the cases

pub fn cases() -> Vec<Case> {
    let mut cases = input_and_framing();
    cases.extend(requests());
    cases.extend(acks());
    cases.extend(create_session_acks());
    cases.extend(notifications());
    cases
}

fn input_and_framing() -> Vec<Case> {
    let ping = capture(&[PING, PING_ACK]);
    vec![
        case("input-empty", "", PING),
        // JSON pasted by mistake: said once, not as stray bytes.
        case("input-not-http", "{\"upload\": \"a.txt\"}\n", PING),
        // A web page's own traffic, no BITS in it.
        case(
            "input-no-bits",
            "GET /index.html HTTP/1.1\nHost: www.example.com\n\nHTTP/1.1 204 No Content\n\n",
            &format!("{PING}{PING_ACK}"),
        ),
        pasted("input-line-endings-unchecked", PING.as_bytes(), &crlf(PING)),
        // A body sent without Content-Length: its bytes belong to no message.
        case(
            "http-stray-bytes",
            &capture(&[&without(FRAGMENT, "Content-Length: 21"), FRAGMENT_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK]),
        ),
        // A body the Ack announces as empty.
        case("http-stray-bytes", &capture(&[PING, PING_ACK, "<html>OK</html>\n"]), &ping),
        // An unescaped space in the URL splits the request line in four.
        case(
            "http-start-line-malformed",
            &swap(PING, "/upload/2000mb-rfc2119.txt", "/upload/2000mb rfc2119.txt"),
            &swap(PING, "/upload/2000mb-rfc2119.txt", "/upload/2000mb%20rfc2119.txt"),
        ),
        case("http-head-unterminated", PING.trim_end_matches('\n'), PING),
        case("http-missing-blank-line", &capture(&[PING.trim_end_matches('\n'), "\n", PING_ACK]), &ping),
        case("http-header-malformed", &swap(PING, "Connection: Keep-Alive", "Connection Keep-Alive"), PING),
        case("http-header-malformed", &swap(PING, "Accept: */*", " Accept: */*"), PING),
        case("http-header-name-invalid", &swap(PING, "Content-Length: 0", "Content-Length : 0"), PING),
        case("http-header-name-invalid", &swap(PING, "User-Agent:", "User Agent:"), PING),
        case("http-header-name-invalid", &swap(PING, "Host: frankcao8", ": frankcao8"), PING),
        raw("http-header-value-invalid", &crlf(&swap(PING, "Keep-Alive", "Keep-Alive\0")), &crlf(PING)),
        // A CR doubled by a writer that already ended the line with CRLF.
        raw(
            "http-header-value-invalid",
            swap(&wire(PING), "Keep-Alive\r\n", "Keep-Alive\r\r\n").as_bytes(),
            &crlf(PING),
        ),
        case("http-obs-fold", &swap(PING, "Microsoft BITS/6.7", "Microsoft\n BITS/6.7"), PING),
        raw("http-bare-lf", PING.as_bytes(), &crlf(PING)),
        raw("http-bare-lf", swap(&wire(PING), "Host: frankcao8\r\n", "Host: frankcao8\n").as_bytes(), &crlf(PING)),
        // The fragment's length written in hexadecimal.
        case("http-content-length-invalid", &swap(FRAGMENT, "Content-Length: 21", "Content-Length: 0x15"), FRAGMENT),
        case("http-content-length-invalid", &swap(PING_ACK, "Content-Length: 0", "Content-Length: -1"), PING_ACK),
        case(
            "http-content-length-conflict",
            &capture(&[PING, &swap(PING_ACK, "Content-Length: 0\n", "Content-Length: 0\nContent-Length: 15\n")]),
            &ping,
        ),
        // A capture that kept the fragment's headers but not its body.
        case(
            "http-body-truncated",
            &capture(&[&swap(FRAGMENT, FRAGMENT_BODY, ""), FRAGMENT_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK]),
        ),
        case("http-body-truncated", &swap(FRAGMENT, FRAGMENT_BODY, "Network Work"), FRAGMENT),
        // The server application announces chunks, then writes its reply plain.
        case(
            "http-chunked-malformed",
            &capture(&[
                NOTIFICATION,
                &swap(NOTIFICATION_RESPONSE, "Content-type: text/html\n\n", "Transfer-Encoding: chunked\n\nOK\n0\n\n"),
            ]),
            &capture(&[
                NOTIFICATION,
                &swap(
                    NOTIFICATION_RESPONSE,
                    "Content-type: text/html\n\n",
                    "Transfer-Encoding: chunked\n\n2\nOK\n0\n\n",
                ),
            ]),
        ),
        case("http-version", &swap(PING, "HTTP/1.1", "HTTP/1.0"), PING),
        case("http-version", &capture(&[PING, &swap(PING_ACK, "HTTP/1.1", "HTTP/1.0")]), &ping),
    ]
}

fn requests() -> Vec<Case> {
    vec![
        case(
            "header-repeated",
            &add(
                CREATE_SESSION,
                "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}",
                "Content-Name: rfc2119.txt",
            ),
            CREATE_SESSION,
        ),
        case(
            "header-repeated",
            &add(FRAGMENT, "Content-Range: bytes 0-20/21", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        // A Kerberos token one byte over the Windows server's limit, and one that fits.
        case(
            "header-value-too-long",
            &add(CREATE_SESSION, &negotiate(4097), "Content-Length: 0"),
            &add(CREATE_SESSION, &negotiate(4096), "Content-Length: 0"),
        ),
        case("packet-type-spelling", &swap(CREATE_SESSION, "Create-Session", "CREATE-SESSION"), CREATE_SESSION),
        case(
            "packet-type-spelling",
            &capture(&[PING, &swap(PING_ACK, "BITS-Packet-Type: Ack", "BITS-Packet-Type: ACK")]),
            &capture(&[PING, PING_ACK]),
        ),
        case("request-method", &swap(PING, "BITS_POST ", "POST "), PING),
        case(
            "request-method-override",
            &add(&swap(PING, "BITS_POST ", "POST "), "X-Http-Method-Override: BITS_POST", "Content-Length: 0"),
            PING,
        ),
        case("request-packet-type-missing", &without(PING, "BITS-Packet-Type: Ping"), PING),
        case(
            "request-packet-type-unknown",
            &swap(CREATE_SESSION, "BITS-Packet-Type: Create-Session", "BITS-Packet-Type: CreateSession"),
            CREATE_SESSION,
        ),
        case("request-packet-type-unknown", &swap(PING, "BITS-Packet-Type: Ping", "BITS-Packet-Type: Ack"), PING),
        case("request-content-length-missing", &without(PING, "Content-Length: 0"), PING),
        case("request-content-length-missing", &without(CLOSE_SESSION, "Content-Length: 0"), CLOSE_SESSION),
        case("request-body-not-allowed", &with_body(PING, "ping"), PING),
        case("request-body-not-allowed", &with_body(CLOSE_SESSION, "Network Working Group"), CLOSE_SESSION),
        case("request-session-id-missing", &without(FRAGMENT, SESSION_ID), FRAGMENT),
        case("request-session-id-missing", &without(CLOSE_SESSION, SESSION_ID), CLOSE_SESSION),
        case("request-session-id-missing", &without(CANCEL_SESSION, SESSION_ID), CANCEL_SESSION),
        case("request-session-id-unexpected", &add(PING, SESSION_ID, "User-Agent: Microsoft BITS/6.7"), PING),
        case(
            "request-session-id-unexpected",
            &add(CREATE_SESSION, SESSION_ID, "Content-Name: rfc2119.txt"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-missing",
            &without(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-malformed",
            &swap(CREATE_SESSION, "{7df0354d-249b-430f-820d-3d2a9bef4931}", "7df0354d-249b-430f-820d-3d2a9bef4931"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-malformed",
            &swap(CREATE_SESSION, " {7df0354d-249b-430f-820d-3d2a9bef4931}", ""),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-comma",
            &swap(
                CREATE_SESSION,
                "{7df0354d-249b-430f-820d-3d2a9bef4931}",
                "{7df0354d-249b-430f-820d-3d2a9bef4931},{00000000-0000-0000-0000-000000000001}",
            ),
            &swap(
                CREATE_SESSION,
                "{7df0354d-249b-430f-820d-3d2a9bef4931}",
                "{7df0354d-249b-430f-820d-3d2a9bef4931} {00000000-0000-0000-0000-000000000001}",
            ),
        ),
        case(
            "create-session-protocols-too-many",
            &swap(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}", &protocols(101)),
            &swap(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}", &protocols(100)),
        ),
        // One digit off: not the BITS 1.5 upload protocol.
        case(
            "create-session-protocols-no-bits15",
            &swap(CREATE_SESSION, "3d2a9bef4931}", "3d2a9bef4932}"),
            CREATE_SESSION,
        ),
        // A path where the file name goes, on the first fragment and on Create-Session.
        case(
            "content-name-invalid",
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", "Content-Name: C:\\Users\\frank\\rfc2119.txt"),
            FRAGMENT,
        ),
        case(
            "content-name-invalid",
            &swap(CREATE_SESSION, "Content-Name: rfc2119.txt", "Content-Name: rfc2119?.txt"),
            CREATE_SESSION,
        ),
        case(
            "content-name-invalid",
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", &content_name(261)),
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", &content_name(260)),
        ),
        case("fragment-content-range-missing", &without(FRAGMENT, "Content-Range: bytes 0-20/21"), FRAGMENT),
        // The Range header's syntax, no total, an unknown total.
        case("fragment-content-range-malformed", &swap(FRAGMENT, "bytes 0-20/21", "bytes=0-20/21"), FRAGMENT),
        case("fragment-content-range-malformed", &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-20"), FRAGMENT),
        case("fragment-content-range-malformed", &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-20/*"), FRAGMENT),
        // First and last swapped; the last byte counted one past the end of the file.
        case("fragment-content-range-invalid", &swap(FRAGMENT, "bytes 0-20/21", "bytes 20-0/21"), FRAGMENT),
        case("fragment-content-range-invalid", &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-21/21"), FRAGMENT),
        case("fragment-content-range-unit", &swap(FRAGMENT, "bytes 0-20/21", "Bytes 0-20/21"), FRAGMENT),
        // The end offset written exclusive: 8 bytes sent as `0-8`.
        case("fragment-length-mismatch", &fragment("bytes 0-8/21", "Network "), &fragment("bytes 0-7/21", "Network ")),
        // The CRLF after the body counted in its length.
        case("fragment-length-mismatch", &swap(FRAGMENT, "Content-Length: 21", "Content-Length: 23"), FRAGMENT),
        case(
            "fragment-content-encoding",
            &add(FRAGMENT, "Content-Encoding: gzip", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        case(
            "fragment-content-encoding-identity",
            &add(FRAGMENT, "Content-Encoding: identity", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        // Windows sends it on Create-Session and on every fragment; the Win32 pages do not.
        case(
            "content-name-outside-first-fragment",
            CREATE_SESSION,
            &without(CREATE_SESSION, "Content-Name: rfc2119.txt"),
        ),
        case(
            "content-name-outside-first-fragment",
            &last_fragment(),
            &without(&last_fragment(), "Content-Name: rfc2119.txt"),
        ),
        case("content-name-on-close-or-cancel", CLOSE_SESSION, &without(CLOSE_SESSION, "Content-Name: rfc2119.txt")),
        case(
            "content-name-on-close-or-cancel",
            &add(CANCEL_SESSION, "Content-Name: rfc2119.txt", "User-Agent: Microsoft BITS/6.7"),
            CANCEL_SESSION,
        ),
    ]
}

fn acks() -> Vec<Case> {
    let ping = capture(&[PING, PING_ACK]);
    let fragment = capture(&[FRAGMENT, FRAGMENT_ACK]);
    let not_found = capture(&[FRAGMENT, SESSION_NOT_FOUND]);
    let after_fragment = |ack: &str| capture(&[FRAGMENT, ack]);
    // The server lost the first fragment and asks for the file again from offset 0.
    let resend_from_zero = "HTTP/1.1 416 Requested Range Not Satisfiable
Date: Mon, 18 Jun 2007 21:02:01 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
Content-Length: 0
BITS-Received-Content-Range: 0

";
    vec![
        case("ack-packet-type-missing", &capture(&[PING, &without(PING_ACK, "BITS-Packet-Type: Ack")]), &ping),
        case("ack-packet-type-missing", &after_fragment(&without(FRAGMENT_ACK, "BITS-Packet-Type: Ack")), &fragment),
        // The commonest server bug: an error answer with the BITS error headers but not the
        // packet type is a broken Ack, not plain HTTP.
        case(
            "ack-packet-type-missing",
            &capture(&[CREATE_SESSION, &without(CREATE_SESSION_DENIED, "BITS-Packet-Type: Ack")]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case(
            "ack-packet-type-missing",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack")),
            &not_found,
        ),
        // ... and checked with every Ack rule: here, Content-Length.
        case(
            "ack-content-length-missing",
            &after_fragment(&without(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack"), "Content-Length: 0")),
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack")),
        ),
        // IIS asking for credentials before BITS sees the request answers in plain HTTP.
        case(
            "ack-http-level-response",
            &capture(&[CREATE_SESSION, AUTH_CHALLENGE]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        // A server that meant 201 and sent 200, or the other way round.
        case(
            "http-reason-phrase-mismatch",
            &capture(&[PING, &swap(PING_ACK, "200 OK", "200 Created")]),
            &capture(&[PING, &swap(PING_ACK, "200 OK", "200 Ok")]),
        ),
        case(
            "ack-packet-type-not-ack",
            &capture(&[PING, &swap(PING_ACK, "BITS-Packet-Type: Ack", "BITS-Packet-Type: Ping")]),
            &ping,
        ),
        case("ack-content-length-missing", &capture(&[PING, &without(PING_ACK, "Content-Length: 0")]), &ping),
        case(
            "ack-content-length-missing",
            &capture(&[FRAGMENT, &without(FRAGMENT_ACK, "Content-Length: 0"), CLOSE_SESSION, CLOSE_SESSION_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK, CLOSE_SESSION, CLOSE_SESSION_ACK]),
        ),
        case("ack-content-length-not-zero", &capture(&[PING, &with_body(PING_ACK, "OK")]), &ping),
        // A server that always writes the error headers, with "no error" on success.
        case(
            "ack-error-on-success",
            &after_fragment(&add(FRAGMENT_ACK, "BITS-Error-Code: 0x0", "Content-Length: 0")),
            &fragment,
        ),
        case(
            "ack-error-on-success",
            &after_fragment(&add(FRAGMENT_ACK, "BITS-Error-Context: 0x5", "Content-Length: 0")),
            &fragment,
        ),
        case(
            "ack-error-code-missing",
            &capture(&[
                CREATE_SESSION,
                &without(&without(CREATE_SESSION_DENIED, "BITS-Error-Code: 0x80070005"), "BITS-Error-Context: 0x5"),
            ]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case(
            "ack-error-context-without-code",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Error-Code: 0x8020001F")),
            &not_found,
        ),
        case(
            "ack-error-context-missing",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5")),
            &not_found,
        ),
        // The constant's name, and the HRESULT printed as a signed decimal number.
        case(
            "ack-error-code-invalid",
            &after_fragment(&swap(SESSION_NOT_FOUND, "0x8020001F", "BG_E_SESSION_NOT_FOUND")),
            &not_found,
        ),
        case(
            "ack-error-code-invalid",
            &after_fragment(&swap(SESSION_NOT_FOUND, "0x8020001F", "-2145386465")),
            &not_found,
        ),
        // A client-side context (0x3, queue manager notification), and a word.
        case(
            "ack-error-context-invalid",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5", "BITS-Error-Context: 0x3")),
            &not_found,
        ),
        case(
            "ack-error-context-invalid",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5", "BITS-Error-Context: server")),
            &not_found,
        ),
        case(
            "ack-error-header-mc-bup-name",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Code:", "BITS-Error:")),
            &not_found,
        ),
        case(
            "ack-error-header-win32-name",
            &not_found,
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Code:", "BITS-Error:")),
        ),
        case(
            "ack-error-status-mismatch",
            &after_fragment(&swap(SESSION_NOT_FOUND, "500 Internal Server Error", "404 Not Found")),
            &not_found,
        ),
        case(
            "ack-error-status-mismatch",
            &capture(&[CREATE_SESSION, &swap(CREATE_SESSION_DENIED, "403 Forbidden", "401 Unauthorized")]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case("ack-status-unexpected", &after_fragment(&swap(FRAGMENT_ACK, "200 OK", "201 Created")), &fragment),
        case(
            "ack-status-unexpected",
            &capture(&[CLOSE_SESSION, &swap(CLOSE_SESSION_ACK, "200 OK", "416 Requested Range Not Satisfiable")]),
            &capture(&[CLOSE_SESSION, CLOSE_SESSION_ACK]),
        ),
        case(
            "ack-fragment-received-range-missing",
            &after_fragment(&without(FRAGMENT_ACK, "BITS-Received-Content-Range: 21")),
            &fragment,
        ),
        case(
            "ack-fragment-received-range-missing",
            &capture(&[&last_fragment(), &without(resend_from_zero, "BITS-Received-Content-Range: 0")]),
            &capture(&[&last_fragment(), resend_from_zero]),
        ),
        // The range received, where the next offset is expected.
        case(
            "ack-fragment-received-range-invalid",
            &after_fragment(&swap(FRAGMENT_ACK, "Range: 21", "Range: 0-20")),
            &fragment,
        ),
        case(
            "ack-fragment-received-range-invalid",
            &after_fragment(&swap(FRAGMENT_ACK, "Range: 21", "Range: bytes 0-20/21")),
            &fragment,
        ),
        // IIS leaves the session id out of these Acks; [MC-BUP] 2.2.1.2 says MUST.
        case("ack-session-id-missing", &fragment, &after_fragment(&add(FRAGMENT_ACK, SESSION_ID, "Content-Length: 0"))),
        case(
            "ack-session-id-missing",
            &capture(&[CLOSE_SESSION, CLOSE_SESSION_ACK]),
            &capture(&[CLOSE_SESSION, &add(CLOSE_SESSION_ACK, SESSION_ID, "Content-Length: 0")]),
        ),
        case("ack-ping-unexpected-header", &capture(&[PING, &add(PING_ACK, SESSION_ID, "Content-Length: 0")]), &ping),
        case(
            "ack-ping-unexpected-header",
            &capture(&[
                PING,
                &add(PING_ACK, "BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}", "Content-Length: 0"),
            ]),
            &ping,
        ),
    ]
}

fn create_session_acks() -> Vec<Case> {
    let created = capture(&[CREATE_SESSION, CREATE_SESSION_ACK]);
    let denied = capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]);
    let farm = capture(&[CREATE_SESSION, CREATE_SESSION_ACK_HOST_ID]);
    let answered = |ack: &str| capture(&[CREATE_SESSION, ack]);
    let protocol = "BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}";
    vec![
        case("ack-create-session-protocol-missing", &answered(&without(CREATE_SESSION_ACK, protocol)), &created),
        case(
            "ack-create-session-protocol-malformed",
            &answered(&swap(CREATE_SESSION_ACK, protocol, "BITS-Protocol: 7df0354d-249b-430f-820d-3d2a9bef4931")),
            &created,
        ),
        case(
            "ack-create-session-protocol-malformed",
            &answered(&swap(CREATE_SESSION_ACK, protocol, "BITS-Protocol: {7df0354d249b430f820d3d2a9bef4931}")),
            &created,
        ),
        case(
            "ack-create-session-protocol-on-failure",
            &answered(&add(CREATE_SESSION_DENIED, protocol, "BITS-Error-Code: 0x80070005")),
            &denied,
        ),
        case("ack-create-session-session-id-missing", &answered(&without(CREATE_SESSION_ACK, SESSION_ID)), &created),
        // One character over the Win32 page's limit of 100, and at the limit.
        case(
            "session-id-invalid",
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, &long_session_id(101))),
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, &long_session_id(100))),
        ),
        case("session-id-invalid", &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, "BITS-Session-Id:")), &created),
        case(
            "ack-create-session-session-id-not-guid",
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, "BITS-Session-Id: upload-20070618-0001")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-missing",
            &answered(&without(CREATE_SESSION_ACK, "Accept-encoding: identity")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-not-identity",
            &answered(&swap(CREATE_SESSION_ACK, "Accept-encoding: identity", "Accept-encoding: gzip, deflate")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-on-failure",
            &answered(&append(CREATE_SESSION_DENIED, "Accept-encoding: identity")),
            &denied,
        ),
        case("ack-create-session-201", &answered(&swap(CREATE_SESSION_ACK, "200 OK", "201 Created")), &created),
        // The Win32 page's answer when the file exists; [MC-BUP] gives 403.
        case(
            "ack-create-session-409",
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "409 Conflict")),
            &denied,
        ),
        // Uploads not enabled on the folder: [MC-BUP] answers 501, not 405.
        case(
            "ack-create-session-status-undocumented",
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "405 Method Not Allowed")),
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "501 Not Implemented")),
        ),
        // A URL, and a host with a port, where the host name goes.
        case(
            "ack-create-session-host-id-invalid",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Host-Id: FRANKCAO8", "Host-Id: http://FRANKCAO8/")),
            &farm,
        ),
        case(
            "ack-create-session-host-id-invalid",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Host-Id: FRANKCAO8", "Host-Id: FRANKCAO8:80")),
            &farm,
        ),
        case(
            "ack-create-session-fallback-without-host-id",
            &answered(&without(CREATE_SESSION_ACK_HOST_ID, "BITS-Host-Id: FRANKCAO8")),
            &farm,
        ),
        case(
            "ack-create-session-fallback-invalid",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 110s")),
            &farm,
        ),
        // "Never fall back" written in hexadecimal rather than as 4294967295 seconds.
        case(
            "ack-create-session-fallback-invalid",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 0xFFFFFFFF")),
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 4294967295")),
        ),
        case(
            "ack-create-session-host-id-without-fallback",
            &answered(&without(CREATE_SESSION_ACK_HOST_ID, "BITS-Host-Id-Fallback-Timeout: 110")),
            &farm,
        ),
    ]
}

fn notifications() -> Vec<Case> {
    let by_reference = capture(&[NOTIFICATION, NOTIFICATION_RESPONSE]);
    let static_reply = |url: &str| append(NOTIFICATION_RESPONSE, &format!("BITS-Static-Response-URL: {url}"));
    vec![
        case(
            "notify-original-url-missing",
            &capture(&[&without(NOTIFICATION, "BITS-Original-Request-URL"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        case(
            "notify-original-url-missing",
            &capture(&[&without(NOTIFICATION_BY_VALUE, "BITS-Original-Request-URL"), NOTIFICATION_RESPONSE]),
            &capture(&[NOTIFICATION_BY_VALUE, NOTIFICATION_RESPONSE]),
        ),
        // By reference names both files...
        case(
            "notify-data-file-headers",
            &capture(&[&without(NOTIFICATION, "BITS-Response-DataFile-Name"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        // ...and carries no body: the file is where the headers say.
        case(
            "notify-data-file-headers",
            &capture(&[&with_body(NOTIFICATION, "Network Working Group"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        case(
            "notify-data-entity-names",
            &capture(&[
                &swap(
                    &swap(NOTIFICATION, "BITS-Request-DataFile-Name", "BITS-Request-DataEntity-Name"),
                    "BITS-Response-DataFile-Name",
                    "BITS-Response-DataEntity-Name",
                ),
                NOTIFICATION_RESPONSE,
            ]),
            &by_reference,
        ),
        // A path on the server, and a URL without its scheme.
        case(
            "notify-static-url-relative",
            &capture(&[NOTIFICATION, &static_reply("/replies/rfc2119-reply.txt")]),
            &capture(&[NOTIFICATION, &static_reply(STATIC_REPLY_URL)]),
        ),
        case(
            "notify-static-url-relative",
            &capture(&[NOTIFICATION, &static_reply("frankcao8/replies/rfc2119-reply.txt")]),
            &capture(&[NOTIFICATION, &static_reply(STATIC_REPLY_URL)]),
        ),
        // By value the reply is either the body or the static URL, not both.
        case(
            "notify-static-url-with-body",
            &capture(&[NOTIFICATION_BY_VALUE, &format!("{}Reply for rfc2119.txt\n", static_reply(STATIC_REPLY_URL))]),
            &capture(&[NOTIFICATION_BY_VALUE, &static_reply(STATIC_REPLY_URL)]),
        ),
    ]
}
