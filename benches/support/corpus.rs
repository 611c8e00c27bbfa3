//! The inputs the benchmarks measure, shared by `benches/inspect.rs` and
//! `examples/count_instructions.rs` so that time and instruction counts are of the same bytes.

const CAPTURE: &[u8] = include_bytes!("../../tests/fixtures/mc-bup-4.1-upload.http");
const SESSION: &str = "{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}";

/// The [MC-BUP] 4.1 upload repeated with a fresh session id each time.
pub fn uploads(copies: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(CAPTURE);
    let mut out = Vec::with_capacity(CAPTURE.len() * copies);
    for i in 0..copies {
        out.extend_from_slice(text.replace(SESSION, &format!("{{A0FF5911-4144-45B3-BF27-{i:012X}}}")).as_bytes());
    }
    out
}

/// Small messages only: Create-Session, Ping and Close-Session exchanges, as most BITS
/// messages are (no fragment body).
pub fn small_messages(conversations: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..conversations {
        let id = format!("{{C85B4E0A-9EB9-4114-BFA4-{i:012X}}}");
        out.extend_from_slice(format!(
            "BITS_POST /upload/file{i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\nContent-Name: file.txt\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n\
HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:01:56 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\nBITS-Session-Id: {id}\r\nContent-Length: 0\r\nAccept-encoding: identity\r\n\r\n\
BITS_POST /upload/file{i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Ping\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n\
HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:02:02 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n\
BITS_POST /upload/file{i}.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Cancel-Session\r\nBITS-Session-Id: {id}\r\nUser-Agent: Microsoft BITS/6.7\r\nHost: frankcao8\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n\
HTTP/1.1 200 OK\r\nDate: Mon, 18 Jun 2007 21:02:02 GMT\r\nServer: Microsoft-IIS/6.0\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n").as_bytes());
    }
    out
}
