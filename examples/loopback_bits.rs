//! A real BITS upload over TCP on 127.0.0.1: a tiny BITS server and client (std::net only)
//! speaking Create-Session, three Fragments and Close-Session, each answered with its Ack.
//! scripts/record-loopback.sh records it with dumpcap into
//! tests/fixtures/captures/loopback-bits-upload.pcapng.
//!
//! ```sh
//! cargo run --example loopback_bits -- 8123
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

const PROTOCOL: &str = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
const SESSION: &str = "{6F3B2C1A-0D4E-4A5B-9C8D-7E6F5A4B3C2D}";
const FILE: &[u8] = b"The quick brown fox jumps over the lazy dog, uploaded by BITS over loopback.\n";

/// One HTTP message head (lines without CRLF) and its body.
fn read_message(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<(Vec<String>, Vec<u8>)>> {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let length = header(&head, "Content-Length").and_then(|v| v.parse().ok()).unwrap_or(0usize);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Some((head, body)))
}

fn header<'a>(head: &'a [String], name: &str) -> Option<&'a str> {
    head.iter().skip(1).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn serve(listener: TcpListener) -> std::io::Result<()> {
    let (stream, _) = listener.accept()?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut received = 0usize;
    while let Some((head, _body)) = read_message(&mut reader)? {
        let ack = match header(&head, "BITS-Packet-Type").unwrap_or("") {
            "Create-Session" => {
                format!("BITS-Protocol: {PROTOCOL}\r\nBITS-Session-Id: {SESSION}\r\nAccept-Encoding: identity\r\n")
            }
            "Fragment" => {
                // Content-Range: bytes F-L/T; the next byte expected is L + 1.
                let range = header(&head, "Content-Range").unwrap_or("");
                let last = range.split(['-', '/']).nth(1).and_then(|l| l.parse::<usize>().ok()).unwrap_or(0);
                received = last + 1;
                format!("BITS-Session-Id: {SESSION}\r\nBITS-Received-Content-Range: {received}\r\n")
            }
            _ => format!("BITS-Session-Id: {SESSION}\r\n"),
        };
        write!(writer, "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\n{ack}Content-Length: 0\r\n\r\n")?;
        writer.flush()?;
    }
    let _ = received;
    Ok(())
}

fn request(writer: &mut TcpStream, port: u16, lines: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        writer,
        "BITS_POST /upload/loopback.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: Microsoft BITS/7.8\r\n{lines}Content-Length: {}\r\n\r\n",
        body.len()
    )?;
    writer.write_all(body)?;
    writer.flush()
}

fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(8123);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let server = std::thread::spawn(move || serve(listener));
    let stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut exchange = |lines: String, body: &[u8]| -> std::io::Result<Vec<String>> {
        request(&mut writer, port, &lines, body)?;
        Ok(read_message(&mut reader)?.map(|(head, _)| head).unwrap_or_default())
    };
    exchange(format!("BITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: {PROTOCOL}\r\n"), b"")?;
    let total = FILE.len();
    let mut first = 0;
    for (k, chunk) in FILE.chunks(total.div_ceil(3)).enumerate() {
        let last = first + chunk.len() - 1;
        let name = if k == 0 { "Content-Name: loopback.txt\r\n" } else { "" };
        exchange(
            format!("BITS-Packet-Type: Fragment\r\nBITS-Session-Id: {SESSION}\r\n{name}Content-Range: bytes {first}-{last}/{total}\r\n"),
            chunk,
        )?;
        first = last + 1;
    }
    exchange(format!("BITS-Packet-Type: Close-Session\r\nBITS-Session-Id: {SESSION}\r\n"), b"")?;
    drop(writer);
    drop(reader);
    server.join().map_err(|_| std::io::Error::other("server thread panicked"))??;
    println!("uploaded {total} bytes in 3 fragments on 127.0.0.1:{port}");
    Ok(())
}
