//! Builders for BITS upload traffic, modelled on Microsoft's Windows captures in
//! tests/fixtures ([MC-BUP] section 4): the header order and values the Windows client
//! ("Microsoft BITS/6.7") and IIS 6 send, braced upper-case GUID session ids,
//! `bytes F-L/T` ranges and BITS-Received-Content-Range in the Acks for Fragment.
//!
//! Messages are written with `\n` line endings; [`crlf`] turns them into wire bytes (the
//! rule harness does the same). Bodies never contain a line feed.
//!
//! Shared by the rule cases (tests/rules/conversation.rs) and the scenario tests
//! (tests/conversations.rs), so each uses only part of it.
#![allow(dead_code)]

/// The upload URL of the [MC-BUP] 4.1 capture.
pub const URL: &str = "/upload/2000mb-rfc2119.txt";
/// The host the job's URL names.
pub const HOST: &str = "frankcao8";
/// Another member of the web farm, named by BITS-Host-Id.
pub const FARM_HOST: &str = "FRANKCAO9";
/// The BITS 1.5 upload protocol, the only one defined.
pub const PROTOCOL: &str = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
pub const NAME: &str = "rfc2119.txt";
/// Session ids as IIS issues them.
pub const ID: &str = "{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}";
pub const OTHER_ID: &str = "{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}";
/// A session id as the Win32 page allows a third-party server to issue it: any HTTP-legal
/// string, compared byte for byte.
pub const TEXT_ID: &str = "upload-7F3A-session";
pub const NEW_ID: &str = "{5E3F1C2A-7B4D-4E8F-9A6B-0C1D2E3F4A5B}";
/// Size of the uploaded file: three 10-byte fragments.
pub const TOTAL: u64 = 30;

/// HRESULTs of the error Acks.
pub const BG_E_SESSION_NOT_FOUND: &str = "0x8020001F";
pub const E_INVALIDARG: &str = "0x80070057";
pub const E_FAIL: &str = "0x80004005";
/// BG_E_HTTP_ERROR_500: how a 500 from the server application reaches the client.
pub const BG_E_HTTP_ERROR_500: &str = "0x801901F4";
/// BITS-Error-Context values.
pub const CONTEXT_SERVER: &str = "0x5";
pub const CONTEXT_APPLICATION: &str = "0x7";

/// Messages one after the other, as a capture holds them.
pub fn talk(parts: &[String]) -> String {
    parts.concat()
}

pub fn crlf(text: &str) -> Vec<u8> {
    text.replace("\r\n", "\n").replace('\n', "\r\n").into_bytes()
}

// ---------------------------------------------------------------- requests (client)

fn bits_post(packet_lines: &str, body: &str) -> String {
    format!(
        "BITS_POST {URL} HTTP/1.1
Accept: */*
{packet_lines}User-Agent: Microsoft BITS/6.7
Host: {HOST}
Content-Length: {}
Connection: Keep-Alive

{body}",
        body.len()
    )
}

pub fn ping() -> String {
    bits_post("BITS-Packet-Type: Ping\n", "")
}

pub fn create_session() -> String {
    bits_post(
        &format!("BITS-Packet-Type: Create-Session\nBITS-Supported-Protocols: {PROTOCOL}\nContent-Name: {NAME}\n"),
        "",
    )
}

/// The bytes `first..=last` of the file: a fixed pattern, so resent fragments are identical.
pub fn file_bytes(first: u64, last: u64) -> String {
    (first..=last).map(|i| char::from(b'a' + (i % 26) as u8)).collect()
}

/// A Fragment carrying the file's bytes `first..=last` (Content-Length follows the range).
pub fn fragment(id: &str, first: u64, last: u64, total: u64) -> String {
    bits_post(
        &format!(
            "BITS-Packet-Type: Fragment\nBITS-Session-Id: {id}\nContent-Name: {NAME}\nContent-Range: bytes {first}-{last}/{total}\n"
        ),
        &file_bytes(first, last),
    )
}

pub fn close(id: &str) -> String {
    bits_post(&format!("BITS-Packet-Type: Close-Session\nBITS-Session-Id: {id}\nContent-Name: {NAME}\n"), "")
}

pub fn cancel(id: &str) -> String {
    bits_post(&format!("BITS-Packet-Type: Cancel-Session\nBITS-Session-Id: {id}\n"), "")
}

// ---------------------------------------------------------------- responses (server)

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        404 => "Not Found",
        413 => "Request Entity Too Large",
        416 => "Requested Range Not Satisfiable",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn iis_ack(status: u16, lines: &str) -> String {
    format!(
        "HTTP/1.1 {status} {}
Date: Mon, 18 Jun 2007 21:01:56 GMT
Server: Microsoft-IIS/6.0
Pragma: no-cache
BITS-Packet-Type: Ack
{lines}
",
        reason(status)
    )
}

pub fn ack_create_session(id: &str) -> String {
    iis_ack(
        200,
        &format!("BITS-Protocol: {PROTOCOL}\nBITS-Session-Id: {id}\nContent-Length: 0\nAccept-encoding: identity\n"),
    )
}

/// The Ack for Create-Session of a web farm ([MC-BUP] 4.2): later requests go to `host`.
pub fn ack_create_session_on_host(id: &str, host: &str) -> String {
    iis_ack(
        200,
        &format!(
            "BITS-Protocol: {PROTOCOL}\nBITS-Session-Id: {id}\nBITS-Host-Id: {host}\nBITS-Host-Id-Fallback-Timeout: 110\nContent-Length: 0\nAccept-encoding: identity\n"
        ),
    )
}

/// 200 for a Fragment: the server expects byte `next` next (IIS leaves out the session id).
pub fn ack_fragment(next: u64) -> String {
    iis_ack(200, &format!("Content-Length: 0\nBITS-Received-Content-Range: {next}\n"))
}

/// 416: the fragment does not start where the server is; resume at `next`.
pub fn ack_range_not_satisfiable(next: u64) -> String {
    iis_ack(416, &format!("Content-Length: 0\nBITS-Received-Content-Range: {next}\n"))
}

/// 413: send smaller fragments.
pub fn ack_too_large() -> String {
    iis_ack(413, "Content-Length: 0\n")
}

/// An Ack without session headers: 200 for Ping, Close-Session or Cancel-Session.
pub fn ack(status: u16) -> String {
    iis_ack(status, "Content-Length: 0\n")
}

pub fn error_ack(status: u16, code: &str, context: &str) -> String {
    iis_ack(status, &format!("BITS-Error-Code: {code}\nBITS-Error-Context: {context}\nContent-Length: 0\n"))
}

/// 500 with BG_E_SESSION_NOT_FOUND: the server does not know the session.
pub fn not_found() -> String {
    error_ack(500, BG_E_SESSION_NOT_FOUND, CONTEXT_SERVER)
}

// ---------------------------------------------------------------- notification leg

/// The BITS server's notification by reference, as in [MC-BUP] 4.2.
pub fn notification(id: &str) -> String {
    format!(
        r"POST /bitsasp/test.REPLY HTTP/1.1
Accept: */*
BITS-Original-Request-URL: http://{HOST}{URL}
BITS-Request-DataFile-Name: C:\bits\web\upload\BITS-Sessions\Requests\{id}\requestfile.bin
BITS-Response-DataFile-Name: C:\bits\web\upload\BITS-Sessions\Replies\{id}\responsefile.bin
User-Agent: BITSExts 1.5
Host: {HOST}
Content-Length: 0
Connection: Keep-Alive

"
    )
}

/// The notification by value: the uploaded file (`length` bytes of it) is the body.
pub fn notification_by_value(length: u64) -> String {
    let body = if length == 0 { String::new() } else { file_bytes(0, length - 1) };
    format!(
        "POST /bitsasp/test.REPLY HTTP/1.1
Accept: */*
BITS-Original-Request-URL: http://{HOST}{URL}
User-Agent: BITSExts 1.5
Host: {HOST}
Content-Length: {}
Connection: Keep-Alive

{body}",
        body.len()
    )
}

/// The server application's answer, as in [MC-BUP] 4.2 (no Content-Length, no body).
pub fn app_response(status: u16) -> String {
    format!(
        "HTTP/1.1 {status} {}
Connection: close
Date: Mon, 18 Jun 2007 21:12:01 GMT
Server: Microsoft-IIS/6.0
Content-type: text/html

",
        reason(status)
    )
}

// ---------------------------------------------------------------- reply download

/// BITS-Reply-URL as IIS sends it: relative to the upload URL's folder, with backslashes.
pub fn reply_url(id: &str) -> String {
    format!(r"BITS-Sessions\Replies\{id}\responsefile.bin")
}

/// Where the client fetches the reply of [`reply_url`] from.
pub fn reply_path(id: &str) -> String {
    let braced = id.replace('{', "%7B").replace('}', "%7D");
    format!("/upload/BITS-Sessions/Replies/{braced}/responsefile.bin")
}

/// The client's GET of a reply, with a Range as Windows sends it.
pub fn get(path: &str, length: u64) -> String {
    format!(
        "GET {path} HTTP/1.1
Accept: */*
Accept-Encoding: identity
Range: bytes=0-{}
User-Agent: Microsoft BITS/6.7
Host: {HOST}
Connection: Keep-Alive

",
        length - 1
    )
}

pub fn get_reply(id: &str) -> String {
    get(&reply_path(id), 10)
}

/// The 206 answering [`get`] for a reply of `length` bytes, all of it sent.
pub fn reply(path: &str, length: u64) -> String {
    format!(
        "HTTP/1.1 206 Partial Content
Content-Length: {length}
Content-Type: application/octet-stream
Content-Location: http://{HOST}{path}
Content-Range: bytes 0-{}/{length}
Accept-Ranges: bytes
Server: Microsoft-IIS/6.0
Date: Mon, 18 Jun 2007 21:12:06 GMT

{}",
        length - 1,
        "r".repeat(length as usize)
    )
}

/// IIS's answer to a GET for a file that is not there (any more).
pub fn http_not_found() -> String {
    "HTTP/1.1 404 Not Found
Content-Length: 0
Server: Microsoft-IIS/6.0
Date: Mon, 18 Jun 2007 21:12:08 GMT

"
    .to_string()
}

pub fn reply_of(id: &str) -> String {
    reply(&reply_path(id), 10)
}

// ---------------------------------------------------------------- edits and pieces

/// The message with one more header line at the end of its head.
pub fn with(message: String, line: &str) -> String {
    let end = message.find("\n\n").expect("a message head ends with an empty line");
    format!("{}\n{line}{}", &message[..end], &message[end..])
}

/// The message with the value of its first `name` header replaced.
pub fn set(message: String, name: &str, value: &str) -> String {
    let start = message.find(&format!("\n{name}: ")).unwrap_or_else(|| panic!("no {name} header in\n{message}")) + 1;
    let end = start + message[start..].find('\n').expect("header lines end");
    format!("{}{name}: {value}{}", &message[..start], &message[end..])
}

/// The message without its first `name` header.
pub fn without(message: String, name: &str) -> String {
    let start = message.find(&format!("\n{name}: ")).unwrap_or_else(|| panic!("no {name} header in\n{message}")) + 1;
    let end = start + message[start..].find('\n').expect("header lines end") + 1;
    format!("{}{}", &message[..start], &message[end..])
}

/// A request sent to another host.
pub fn to(message: String, host: &str) -> String {
    set(message, "Host", host)
}

/// Create-Session and the Ack issuing `id`.
pub fn created(id: &str) -> String {
    talk(&[create_session(), ack_create_session(id)])
}

/// The whole 30-byte file in three fragments, each acknowledged in order.
pub fn upload(id: &str) -> String {
    talk(&[
        fragment(id, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(id, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(id, 20, 29, TOTAL),
        ack_fragment(30),
    ])
}

/// The first two fragments of [`upload`], acknowledged: the final one is still to come.
pub fn upload_but_last(id: &str) -> String {
    talk(&[fragment(id, 0, 9, TOTAL), ack_fragment(10), fragment(id, 10, 19, TOTAL), ack_fragment(20)])
}

/// The final fragment of [`upload`].
pub fn last_fragment(id: &str) -> String {
    fragment(id, 20, 29, TOTAL)
}

/// Close-Session answered 200.
pub fn closed(id: &str) -> String {
    talk(&[close(id), ack(200)])
}
