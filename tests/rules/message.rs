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
fn pasted(rule: &'static str, at: &'static str, breaks: &[u8], keeps: &[u8]) -> Case {
    Case { line_endings: LineEndingCheck::Pasted, ..raw(rule, at, breaks, keeps) }
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
        case("input-empty", "1:1 ", "", PING),
        // JSON pasted by mistake: said once, not as stray bytes.
        case("input-not-http", "1:1 {\"upload\": \"a.txt\"}\r", "{\"upload\": \"a.txt\"}\n", PING),
        // A web page's own traffic, no BITS in it.
        case(
            "input-no-bits",
            "1:1 ",
            "GET /index.html HTTP/1.1\nHost: www.example.com\n\nHTTP/1.1 204 No Content\n\n",
            &format!("{PING}{PING_ACK}"),
        ),
        pasted("input-line-endings-unchecked", "1:1 ", PING.as_bytes(), &crlf(PING)),
        // A body sent without Content-Length: its bytes belong to no message.
        case(
            "http-stray-bytes",
            "11:1 Network Working Group",
            &capture(&[&without(FRAGMENT, "Content-Length: 21"), FRAGMENT_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK]),
        ),
        // A body the Ack announces as empty.
        case("http-stray-bytes", "16:1 <html>OK</html>", &capture(&[PING, PING_ACK, "<html>OK</html>\n"]), &ping),
        // An unescaped space in the URL splits the request line in four.
        case(
            "http-start-line-malformed",
            "1:1 BITS_POST /upload/2000mb rfc2119.txt HTTP/1.1",
            &swap(PING, "/upload/2000mb-rfc2119.txt", "/upload/2000mb rfc2119.txt"),
            &swap(PING, "/upload/2000mb-rfc2119.txt", "/upload/2000mb%20rfc2119.txt"),
        ),
        case("http-head-unterminated", "7:23 ", PING.trim_end_matches('\n'), PING),
        case("http-missing-blank-line", "8:1 ", &capture(&[PING.trim_end_matches('\n'), "\n", PING_ACK]), &ping),
        case(
            "http-header-malformed",
            "7:1 Connection Keep-Alive",
            &swap(PING, "Connection: Keep-Alive", "Connection Keep-Alive"),
            PING,
        ),
        case("http-header-malformed", "2:1  Accept: */*", &swap(PING, "Accept: */*", " Accept: */*"), PING),
        case(
            "http-header-name-invalid",
            "6:1 Content-Length ",
            &swap(PING, "Content-Length: 0", "Content-Length : 0"),
            PING,
        ),
        case("http-header-name-invalid", "4:1 User Agent", &swap(PING, "User-Agent:", "User Agent:"), PING),
        case("http-header-name-invalid", "5:1 ", &swap(PING, "Host: frankcao8", ": frankcao8"), PING),
        raw("http-header-value-invalid", "7:23 \0", &crlf(&swap(PING, "Keep-Alive", "Keep-Alive\0")), &crlf(PING)),
        // A CR doubled by a writer that already ended the line with CRLF.
        raw(
            "http-header-value-invalid",
            "7:23 \r",
            swap(&wire(PING), "Keep-Alive\r\n", "Keep-Alive\r\r\n").as_bytes(),
            &crlf(PING),
        ),
        case("http-obs-fold", "5:1  BITS/6.7", &swap(PING, "Microsoft BITS/6.7", "Microsoft\n BITS/6.7"), PING),
        raw("http-bare-lf", "1:46 \n", PING.as_bytes(), &crlf(PING)),
        raw(
            "http-bare-lf",
            "5:16 \n",
            swap(&wire(PING), "Host: frankcao8\r\n", "Host: frankcao8\n").as_bytes(),
            &crlf(PING),
        ),
        // The fragment's length written in hexadecimal.
        case(
            "http-content-length-invalid",
            "9:17 0x15",
            &swap(FRAGMENT, "Content-Length: 21", "Content-Length: 0x15"),
            FRAGMENT,
        ),
        case(
            "http-content-length-invalid",
            "6:17 -1",
            &swap(PING_ACK, "Content-Length: 0", "Content-Length: -1"),
            PING_ACK,
        ),
        case(
            "http-content-length-conflict",
            "15:17 15",
            &capture(&[PING, &swap(PING_ACK, "Content-Length: 0\n", "Content-Length: 0\nContent-Length: 15\n")]),
            &ping,
        ),
        // A capture that kept the fragment's headers but not its body.
        case(
            "http-body-truncated",
            "12:1 ",
            &capture(&[&swap(FRAGMENT, FRAGMENT_BODY, ""), FRAGMENT_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK]),
        ),
        case("http-body-truncated", "12:13 ", &swap(FRAGMENT, FRAGMENT_BODY, "Network Work"), FRAGMENT),
        // The server application announces chunks, then writes its reply plain.
        case(
            "http-chunked-malformed",
            "17:1 OK",
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
        case("http-version", "1:38 HTTP/1.0", &swap(PING, "HTTP/1.1", "HTTP/1.0"), PING),
        case("http-version", "9:1 HTTP/1.0", &capture(&[PING, &swap(PING_ACK, "HTTP/1.1", "HTTP/1.0")]), &ping),
    ]
}

fn requests() -> Vec<Case> {
    vec![
        case(
            "header-repeated",
            "5:1 BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4… (64 bytes)",
            &add(
                CREATE_SESSION,
                "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}",
                "Content-Name: rfc2119.txt",
            ),
            CREATE_SESSION,
        ),
        case(
            "header-repeated",
            "7:1 Content-Range: bytes 0-20/21",
            &add(FRAGMENT, "Content-Range: bytes 0-20/21", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        // A Kerberos token one byte over the Windows server's limit, and one that fits.
        case(
            "header-value-too-long",
            "8:16 Negotiate YIIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA… (4097 bytes)",
            &add(CREATE_SESSION, &negotiate(4097), "Content-Length: 0"),
            &add(CREATE_SESSION, &negotiate(4096), "Content-Length: 0"),
        ),
        case(
            "packet-type-spelling",
            "3:19 CREATE-SESSION",
            &swap(CREATE_SESSION, "Create-Session", "CREATE-SESSION"),
            CREATE_SESSION,
        ),
        case(
            "packet-type-spelling",
            "13:19 ACK",
            &capture(&[PING, &swap(PING_ACK, "BITS-Packet-Type: Ack", "BITS-Packet-Type: ACK")]),
            &capture(&[PING, PING_ACK]),
        ),
        case(
            "request-method",
            "1:1 POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &swap(PING, "BITS_POST ", "POST "),
            PING,
        ),
        case(
            "request-method-override",
            "1:1 POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &add(&swap(PING, "BITS_POST ", "POST "), "X-Http-Method-Override: BITS_POST", "Content-Length: 0"),
            PING,
        ),
        case(
            "request-packet-type-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(PING, "BITS-Packet-Type: Ping"),
            PING,
        ),
        case(
            "request-packet-type-unknown",
            "3:19 CreateSession",
            &swap(CREATE_SESSION, "BITS-Packet-Type: Create-Session", "BITS-Packet-Type: CreateSession"),
            CREATE_SESSION,
        ),
        case(
            "request-packet-type-unknown",
            "3:19 Ack",
            &swap(PING, "BITS-Packet-Type: Ping", "BITS-Packet-Type: Ack"),
            PING,
        ),
        case(
            "request-content-length-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(PING, "Content-Length: 0"),
            PING,
        ),
        case(
            "request-content-length-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(CLOSE_SESSION, "Content-Length: 0"),
            CLOSE_SESSION,
        ),
        case("request-body-not-allowed", "6:1 Content-Length: 4", &with_body(PING, "ping"), PING),
        case(
            "request-body-not-allowed",
            "8:1 Content-Length: 21",
            &with_body(CLOSE_SESSION, "Network Working Group"),
            CLOSE_SESSION,
        ),
        case(
            "request-session-id-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(FRAGMENT, SESSION_ID),
            FRAGMENT,
        ),
        case(
            "request-session-id-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(CLOSE_SESSION, SESSION_ID),
            CLOSE_SESSION,
        ),
        case(
            "request-session-id-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(CANCEL_SESSION, SESSION_ID),
            CANCEL_SESSION,
        ),
        case(
            "request-session-id-unexpected",
            "4:1 BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}",
            &add(PING, SESSION_ID, "User-Agent: Microsoft BITS/6.7"),
            PING,
        ),
        case(
            "request-session-id-unexpected",
            "5:1 BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}",
            &add(CREATE_SESSION, SESSION_ID, "Content-Name: rfc2119.txt"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-malformed",
            "4:27 7df0354d-249b-430f-820d-3d2a9bef4931",
            &swap(CREATE_SESSION, "{7df0354d-249b-430f-820d-3d2a9bef4931}", "7df0354d-249b-430f-820d-3d2a9bef4931"),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-malformed",
            "4:26 ",
            &swap(CREATE_SESSION, " {7df0354d-249b-430f-820d-3d2a9bef4931}", ""),
            CREATE_SESSION,
        ),
        case(
            "create-session-protocols-comma",
            "4:27 {7df0354d-249b-430f-820d-3d2a9bef4931},{00000000-0000-0000-0… (77 bytes)",
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
            "4:27 {7df0354d-249b-430f-820d-3d2a9bef4931} {00000000-0000-0000-0… (3938 bytes)",
            &swap(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}", &protocols(101)),
            &swap(CREATE_SESSION, "BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}", &protocols(100)),
        ),
        // One digit off: not the BITS 1.5 upload protocol.
        case(
            "create-session-protocols-no-bits15",
            "4:27 {7df0354d-249b-430f-820d-3d2a9bef4932}",
            &swap(CREATE_SESSION, "3d2a9bef4931}", "3d2a9bef4932}"),
            CREATE_SESSION,
        ),
        // A path where the file name goes, on the first fragment and on Create-Session.
        case(
            "content-name-invalid",
            "5:15 C:\\Users\\frank\\rfc2119.txt",
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", "Content-Name: C:\\Users\\frank\\rfc2119.txt"),
            FRAGMENT,
        ),
        case(
            "content-name-invalid",
            "5:15 rfc2119?.txt",
            &swap(CREATE_SESSION, "Content-Name: rfc2119.txt", "Content-Name: rfc2119?.txt"),
            CREATE_SESSION,
        ),
        case(
            "content-name-invalid",
            "5:15 rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr… (261 bytes)",
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", &content_name(261)),
            &swap(FRAGMENT, "Content-Name: rfc2119.txt", &content_name(260)),
        ),
        case(
            "fragment-content-range-missing",
            "1:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &without(FRAGMENT, "Content-Range: bytes 0-20/21"),
            FRAGMENT,
        ),
        // The Range header's syntax, no total, an unknown total.
        case(
            "fragment-content-range-malformed",
            "6:16 bytes=0-20/21",
            &swap(FRAGMENT, "bytes 0-20/21", "bytes=0-20/21"),
            FRAGMENT,
        ),
        case(
            "fragment-content-range-malformed",
            "6:16 bytes 0-20",
            &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-20"),
            FRAGMENT,
        ),
        case(
            "fragment-content-range-malformed",
            "6:16 bytes 0-20/*",
            &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-20/*"),
            FRAGMENT,
        ),
        // First and last swapped; the last byte counted one past the end of the file.
        case(
            "fragment-content-range-invalid",
            "6:16 bytes 20-0/21",
            &swap(FRAGMENT, "bytes 0-20/21", "bytes 20-0/21"),
            FRAGMENT,
        ),
        case(
            "fragment-content-range-invalid",
            "6:16 bytes 0-21/21",
            &swap(FRAGMENT, "bytes 0-20/21", "bytes 0-21/21"),
            FRAGMENT,
        ),
        case(
            "fragment-content-range-unit",
            "6:16 Bytes 0-20/21",
            &swap(FRAGMENT, "bytes 0-20/21", "Bytes 0-20/21"),
            FRAGMENT,
        ),
        // The end offset written exclusive: 8 bytes sent as `0-8`.
        case(
            "fragment-length-mismatch",
            "6:16 bytes 0-8/21",
            &fragment("bytes 0-8/21", "Network "),
            &fragment("bytes 0-7/21", "Network "),
        ),
        // The CRLF after the body counted in its length.
        case(
            "fragment-length-mismatch",
            "6:16 bytes 0-20/21",
            &swap(FRAGMENT, "Content-Length: 21", "Content-Length: 23"),
            FRAGMENT,
        ),
        case(
            "fragment-content-encoding",
            "7:1 Content-Encoding: gzip",
            &add(FRAGMENT, "Content-Encoding: gzip", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        case(
            "fragment-content-encoding-identity",
            "7:1 Content-Encoding: identity",
            &add(FRAGMENT, "Content-Encoding: identity", "User-Agent: Microsoft BITS/6.7"),
            FRAGMENT,
        ),
        // Windows sends it on Create-Session and on every fragment; the Win32 pages do not.
        case(
            "content-name-outside-first-fragment",
            "5:1 Content-Name: rfc2119.txt",
            CREATE_SESSION,
            &without(CREATE_SESSION, "Content-Name: rfc2119.txt"),
        ),
        case(
            "content-name-outside-first-fragment",
            "5:1 Content-Name: rfc2119.txt",
            &last_fragment(),
            &without(&last_fragment(), "Content-Name: rfc2119.txt"),
        ),
        case(
            "content-name-on-close-or-cancel",
            "5:1 Content-Name: rfc2119.txt",
            CLOSE_SESSION,
            &without(CLOSE_SESSION, "Content-Name: rfc2119.txt"),
        ),
        case(
            "content-name-on-close-or-cancel",
            "5:1 Content-Name: rfc2119.txt",
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
        case(
            "ack-packet-type-missing",
            "9:1 HTTP/1.1 200 OK",
            &capture(&[PING, &without(PING_ACK, "BITS-Packet-Type: Ack")]),
            &ping,
        ),
        case(
            "ack-packet-type-missing",
            "13:1 HTTP/1.1 200 OK",
            &after_fragment(&without(FRAGMENT_ACK, "BITS-Packet-Type: Ack")),
            &fragment,
        ),
        // The commonest server bug: an error answer with the BITS error headers but not the
        // packet type is a broken Ack, not plain HTTP.
        case(
            "ack-packet-type-missing",
            "11:1 HTTP/1.1 403 Forbidden",
            &capture(&[CREATE_SESSION, &without(CREATE_SESSION_DENIED, "BITS-Packet-Type: Ack")]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case(
            "ack-packet-type-missing",
            "13:1 HTTP/1.1 500 Internal Server Error",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack")),
            &not_found,
        ),
        // ... and checked with every Ack rule: here, Content-Length.
        case(
            "ack-content-length-missing",
            "13:1 HTTP/1.1 500 Internal Server Error",
            &after_fragment(&without(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack"), "Content-Length: 0")),
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Packet-Type: Ack")),
        ),
        // IIS asking for credentials before BITS sees the request answers in plain HTTP.
        case(
            "ack-http-level-response",
            "11:1 HTTP/1.1 401 Unauthorized",
            &capture(&[CREATE_SESSION, AUTH_CHALLENGE]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        // A server that meant 201 and sent 200, or the other way round.
        case(
            "http-reason-phrase-mismatch",
            "9:14 Created",
            &capture(&[PING, &swap(PING_ACK, "200 OK", "200 Created")]),
            &capture(&[PING, &swap(PING_ACK, "200 OK", "200 Ok")]),
        ),
        case(
            "ack-packet-type-not-ack",
            "13:19 Ping",
            &capture(&[PING, &swap(PING_ACK, "BITS-Packet-Type: Ack", "BITS-Packet-Type: Ping")]),
            &ping,
        ),
        case(
            "ack-content-length-missing",
            "9:1 HTTP/1.1 200 OK",
            &capture(&[PING, &without(PING_ACK, "Content-Length: 0")]),
            &ping,
        ),
        case(
            "ack-content-length-missing",
            "13:1 HTTP/1.1 200 OK",
            &capture(&[FRAGMENT, &without(FRAGMENT_ACK, "Content-Length: 0"), CLOSE_SESSION, CLOSE_SESSION_ACK]),
            &capture(&[FRAGMENT, FRAGMENT_ACK, CLOSE_SESSION, CLOSE_SESSION_ACK]),
        ),
        case(
            "ack-content-length-not-zero",
            "14:1 Content-Length: 2",
            &capture(&[PING, &with_body(PING_ACK, "OK")]),
            &ping,
        ),
        // A server that always writes the error headers, with "no error" on success.
        case(
            "ack-error-on-success",
            "18:1 BITS-Error-Code: 0x0",
            &after_fragment(&add(FRAGMENT_ACK, "BITS-Error-Code: 0x0", "Content-Length: 0")),
            &fragment,
        ),
        case(
            "ack-error-on-success",
            "18:1 BITS-Error-Context: 0x5",
            &after_fragment(&add(FRAGMENT_ACK, "BITS-Error-Context: 0x5", "Content-Length: 0")),
            &fragment,
        ),
        case(
            "ack-error-code-missing",
            "11:1 HTTP/1.1 403 Forbidden",
            &capture(&[
                CREATE_SESSION,
                &without(&without(CREATE_SESSION_DENIED, "BITS-Error-Code: 0x80070005"), "BITS-Error-Context: 0x5"),
            ]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case(
            "ack-error-context-without-code",
            "18:1 BITS-Error-Context: 0x5",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Error-Code: 0x8020001F")),
            &not_found,
        ),
        case(
            "ack-error-context-missing",
            "18:1 BITS-Error-Code: 0x8020001F",
            &after_fragment(&without(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5")),
            &not_found,
        ),
        // The constant's name, and the HRESULT printed as a signed decimal number.
        case(
            "ack-error-code-invalid",
            "18:18 BG_E_SESSION_NOT_FOUND",
            &after_fragment(&swap(SESSION_NOT_FOUND, "0x8020001F", "BG_E_SESSION_NOT_FOUND")),
            &not_found,
        ),
        case(
            "ack-error-code-invalid",
            "18:18 -2145386465",
            &after_fragment(&swap(SESSION_NOT_FOUND, "0x8020001F", "-2145386465")),
            &not_found,
        ),
        // A client-side context (0x3, queue manager notification), and a word.
        case(
            "ack-error-context-invalid",
            "19:21 0x3",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5", "BITS-Error-Context: 0x3")),
            &not_found,
        ),
        case(
            "ack-error-context-invalid",
            "19:21 server",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Context: 0x5", "BITS-Error-Context: server")),
            &not_found,
        ),
        case(
            "ack-error-header-mc-bup-name",
            "18:1 BITS-Error",
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Code:", "BITS-Error:")),
            &not_found,
        ),
        case(
            "ack-error-header-win32-name",
            "18:1 BITS-Error-Code",
            &not_found,
            &after_fragment(&swap(SESSION_NOT_FOUND, "BITS-Error-Code:", "BITS-Error:")),
        ),
        case(
            "ack-error-status-mismatch",
            "18:18 0x8020001F",
            &after_fragment(&swap(SESSION_NOT_FOUND, "500 Internal Server Error", "404 Not Found")),
            &not_found,
        ),
        case(
            "ack-error-status-mismatch",
            "16:18 0x80070005",
            &capture(&[CREATE_SESSION, &swap(CREATE_SESSION_DENIED, "403 Forbidden", "401 Unauthorized")]),
            &capture(&[CREATE_SESSION, CREATE_SESSION_DENIED]),
        ),
        case(
            "ack-status-unexpected",
            "13:1 HTTP/1.1 201 Created",
            &after_fragment(&swap(FRAGMENT_ACK, "200 OK", "201 Created")),
            &fragment,
        ),
        case(
            "ack-status-unexpected",
            "11:1 HTTP/1.1 416 Requested Range Not Satisfiable",
            &capture(&[CLOSE_SESSION, &swap(CLOSE_SESSION_ACK, "200 OK", "416 Requested Range Not Satisfiable")]),
            &capture(&[CLOSE_SESSION, CLOSE_SESSION_ACK]),
        ),
        case(
            "ack-fragment-received-range-missing",
            "13:1 HTTP/1.1 200 OK",
            &after_fragment(&without(FRAGMENT_ACK, "BITS-Received-Content-Range: 21")),
            &fragment,
        ),
        case(
            "ack-fragment-received-range-missing",
            "13:1 HTTP/1.1 416 Requested Range Not Satisfiable",
            &capture(&[&last_fragment(), &without(resend_from_zero, "BITS-Received-Content-Range: 0")]),
            &capture(&[&last_fragment(), resend_from_zero]),
        ),
        // The range received, where the next offset is expected.
        case(
            "ack-fragment-received-range-invalid",
            "19:30 0-20",
            &after_fragment(&swap(FRAGMENT_ACK, "Range: 21", "Range: 0-20")),
            &fragment,
        ),
        case(
            "ack-fragment-received-range-invalid",
            "19:30 bytes 0-20/21",
            &after_fragment(&swap(FRAGMENT_ACK, "Range: 21", "Range: bytes 0-20/21")),
            &fragment,
        ),
        // IIS leaves the session id out of these Acks; [MC-BUP] 2.2.1.2 says MUST.
        case(
            "ack-session-id-missing",
            "13:1 HTTP/1.1 200 OK",
            &fragment,
            &after_fragment(&add(FRAGMENT_ACK, SESSION_ID, "Content-Length: 0")),
        ),
        case(
            "ack-session-id-missing",
            "11:1 HTTP/1.1 200 OK",
            &capture(&[CLOSE_SESSION, CLOSE_SESSION_ACK]),
            &capture(&[CLOSE_SESSION, &add(CLOSE_SESSION_ACK, SESSION_ID, "Content-Length: 0")]),
        ),
        case(
            "ack-ping-unexpected-header",
            "14:1 BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}",
            &capture(&[PING, &add(PING_ACK, SESSION_ID, "Content-Length: 0")]),
            &ping,
        ),
        case(
            "ack-ping-unexpected-header",
            "14:1 BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}",
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
        case(
            "ack-create-session-protocol-missing",
            "11:1 HTTP/1.1 200 OK",
            &answered(&without(CREATE_SESSION_ACK, protocol)),
            &created,
        ),
        case(
            "ack-create-session-protocol-malformed",
            "16:16 7df0354d-249b-430f-820d-3d2a9bef4931",
            &answered(&swap(CREATE_SESSION_ACK, protocol, "BITS-Protocol: 7df0354d-249b-430f-820d-3d2a9bef4931")),
            &created,
        ),
        case(
            "ack-create-session-protocol-malformed",
            "16:16 {7df0354d249b430f820d3d2a9bef4931}",
            &answered(&swap(CREATE_SESSION_ACK, protocol, "BITS-Protocol: {7df0354d249b430f820d3d2a9bef4931}")),
            &created,
        ),
        case(
            "ack-create-session-protocol-on-failure",
            "16:1 BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}",
            &answered(&add(CREATE_SESSION_DENIED, protocol, "BITS-Error-Code: 0x80070005")),
            &denied,
        ),
        case(
            "ack-create-session-session-id-missing",
            "11:1 HTTP/1.1 200 OK",
            &answered(&without(CREATE_SESSION_ACK, SESSION_ID)),
            &created,
        ),
        // One character over the Win32 page's limit of 100, and at the limit.
        case(
            "session-id-invalid",
            "17:18 0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab… (101 bytes)",
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, &long_session_id(101))),
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, &long_session_id(100))),
        ),
        case(
            "session-id-invalid",
            "17:17 ",
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, "BITS-Session-Id:")),
            &created,
        ),
        case(
            "ack-create-session-session-id-not-guid",
            "17:18 upload-20070618-0001",
            &answered(&swap(CREATE_SESSION_ACK, SESSION_ID, "BITS-Session-Id: upload-20070618-0001")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-missing",
            "11:1 HTTP/1.1 200 OK",
            &answered(&without(CREATE_SESSION_ACK, "Accept-encoding: identity")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-not-identity",
            "19:18 gzip, deflate",
            &answered(&swap(CREATE_SESSION_ACK, "Accept-encoding: identity", "Accept-encoding: gzip, deflate")),
            &created,
        ),
        case(
            "ack-create-session-accept-encoding-on-failure",
            "19:1 Accept-encoding: identity",
            &answered(&append(CREATE_SESSION_DENIED, "Accept-encoding: identity")),
            &denied,
        ),
        case(
            "ack-create-session-201",
            "11:1 HTTP/1.1 201 Created",
            &answered(&swap(CREATE_SESSION_ACK, "200 OK", "201 Created")),
            &created,
        ),
        // The Win32 page's answer when the file exists; [MC-BUP] gives 403.
        case(
            "ack-create-session-409",
            "11:1 HTTP/1.1 409 Conflict",
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "409 Conflict")),
            &denied,
        ),
        // Uploads not enabled on the folder: [MC-BUP] answers 501, not 405.
        case(
            "ack-create-session-status-undocumented",
            "11:1 HTTP/1.1 405 Method Not Allowed",
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "405 Method Not Allowed")),
            &answered(&swap(CREATE_SESSION_DENIED, "403 Forbidden", "501 Not Implemented")),
        ),
        // A URL, and a host with a port, where the host name goes.
        case(
            "ack-create-session-host-id-invalid",
            "18:15 http://FRANKCAO8/",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Host-Id: FRANKCAO8", "Host-Id: http://FRANKCAO8/")),
            &farm,
        ),
        case(
            "ack-create-session-host-id-invalid",
            "18:15 FRANKCAO8:80",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Host-Id: FRANKCAO8", "Host-Id: FRANKCAO8:80")),
            &farm,
        ),
        case(
            "ack-create-session-fallback-without-host-id",
            "18:1 BITS-Host-Id-Fallback-Timeout: 110",
            &answered(&without(CREATE_SESSION_ACK_HOST_ID, "BITS-Host-Id: FRANKCAO8")),
            &farm,
        ),
        case(
            "ack-create-session-fallback-invalid",
            "19:32 110s",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 110s")),
            &farm,
        ),
        // "Never fall back" written in hexadecimal rather than as 4294967295 seconds.
        case(
            "ack-create-session-fallback-invalid",
            "19:32 0xFFFFFFFF",
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 0xFFFFFFFF")),
            &answered(&swap(CREATE_SESSION_ACK_HOST_ID, "Timeout: 110", "Timeout: 4294967295")),
        ),
        case(
            "ack-create-session-host-id-without-fallback",
            "18:1 BITS-Host-Id: FRANKCAO8",
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
            "1:1 POST /bitsasp/test.REPLY HTTP/1.1",
            &capture(&[&without(NOTIFICATION, "BITS-Original-Request-URL"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        case(
            "notify-original-url-missing",
            "1:1 POST /bitsasp/test.REPLY HTTP/1.1",
            &capture(&[&without(NOTIFICATION_BY_VALUE, "BITS-Original-Request-URL"), NOTIFICATION_RESPONSE]),
            &capture(&[NOTIFICATION_BY_VALUE, NOTIFICATION_RESPONSE]),
        ),
        // By reference names both files...
        case(
            "notify-data-file-headers",
            "4:1 BITS-Request-DataFile-Name: C:\\bits\\web\\upload-ref-isapi-Web… (142 bytes)",
            &capture(&[&without(NOTIFICATION, "BITS-Response-DataFile-Name"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        // ...and carries no body: the file is where the headers say.
        case(
            "notify-data-file-headers",
            "1:1 POST /bitsasp/test.REPLY HTTP/1.1",
            &capture(&[&with_body(NOTIFICATION, "Network Working Group"), NOTIFICATION_RESPONSE]),
            &by_reference,
        ),
        case(
            "notify-data-entity-names",
            "4:1 BITS-Request-DataEntity-Name",
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
            "16:27 /replies/rfc2119-reply.txt",
            &capture(&[NOTIFICATION, &static_reply("/replies/rfc2119-reply.txt")]),
            &capture(&[NOTIFICATION, &static_reply(STATIC_REPLY_URL)]),
        ),
        case(
            "notify-static-url-relative",
            "16:27 frankcao8/replies/rfc2119-reply.txt",
            &capture(&[NOTIFICATION, &static_reply("frankcao8/replies/rfc2119-reply.txt")]),
            &capture(&[NOTIFICATION, &static_reply(STATIC_REPLY_URL)]),
        ),
        // By value the reply is either the body or the static URL, not both.
        case(
            "notify-static-url-with-body",
            "15:1 BITS-Static-Response-URL: http://frankcao8/replies/rfc2119-r… (68 bytes)",
            &capture(&[NOTIFICATION_BY_VALUE, &format!("{}Reply for rfc2119.txt\n", static_reply(STATIC_REPLY_URL))]),
            &capture(&[NOTIFICATION_BY_VALUE, &static_reply(STATIC_REPLY_URL)]),
        ),
    ]
}
