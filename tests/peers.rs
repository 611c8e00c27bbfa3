//! Public BITS servers and clients, each wire behaviour worth judging as one hand-written
//! transcript in `tests/fixtures/peers/` (what the peer's source code puts on the wire; the
//! table in `tests/fixtures/peers/README.md` names the source lines). One row per fixture:
//! the message kinds and the set of (rule id, severity) a correct inspector reports under
//! the default profile.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bits_inspector::report::LineEndings;
use bits_inspector::{inspect, Options, Severity};

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const N: Severity = Severity::Note;

struct Peer {
    file: &'static str,
    kinds: &'static [&'static str],
    findings: &'static [(&'static str, Severity)],
}

/// What the Windows client's own habits earn on every conversation (the [MC-BUP] 4.1 capture
/// gets the same notes): Content-Name on Create-Session and on Close-Session.
const CREATE_NAME: (&str, Severity) = ("content-name-outside-first-fragment", N);
const CLOSE_NAME: (&str, Severity) = ("content-name-on-close-or-cancel", N);

const UPLOAD: &[&str] =
    &["create-session", "ack-create-session", "fragment", "ack-fragment", "close-session", "ack-close-session"];
const PING_UPLOAD: &[&str] = &[
    "ping",
    "ack-ping",
    "create-session",
    "ack-create-session",
    "fragment",
    "ack-fragment",
    "close-session",
    "ack-close-session",
];
const CLOSE_TWICE: &[&str] = &[
    "create-session",
    "ack-create-session",
    "fragment",
    "ack-fragment",
    "close-session",
    "ack-close-session",
    "close-session",
    "ack-close-session",
];
const FRAGMENT_AFTER_CREATE: &[&str] = &["create-session", "ack-create-session", "fragment", "ack-fragment"];
const TWO_FRAGMENTS: &[&str] =
    &["create-session", "ack-create-session", "fragment", "ack-fragment", "fragment", "ack-fragment"];
const UNKNOWN_TYPE: &[&str] = &["bits-request", "ack"];

const PEERS: &[Peer] = &[
    // ------------------------------------------------------------ GoBITS (magan/gobits)
    Peer {
        file: "gobits-create-session-unbraced-id.http",
        kinds: &["ping", "ack-ping", "create-session", "ack-create-session", "cancel-session", "ack-cancel-session"],
        findings: &[CREATE_NAME],
    },
    Peer {
        file: "gobits-first-fragment-500-error-code-0.http",
        kinds: FRAGMENT_AFTER_CREATE,
        findings: &[CREATE_NAME, ("ack-error-status-mismatch", N)],
    },
    Peer {
        file: "gobits-fragment-resend-416-misspelled-range.http",
        kinds: TWO_FRAGMENTS,
        findings: &[CREATE_NAME, ("session-fragment-duplicate", N), ("ack-fragment-received-range-missing", E)],
    },
    Peer {
        file: "gobits-close-twice-400.http",
        kinds: CLOSE_TWICE,
        findings: &[
            CREATE_NAME,
            CLOSE_NAME,
            ("session-request-after-close", W),
            ("session-resend-not-expected", W),
            ("ack-error-status-mismatch", N),
        ],
    },
    Peer {
        file: "gobits-unknown-packet-type-400.http",
        kinds: UNKNOWN_TYPE,
        findings: &[("request-packet-type-unknown", E), ("ack-error-status-mismatch", N)],
    },
    Peer {
        file: "gobits-method-override-405.http",
        kinds: &["create-session", "ack-create-session"],
        findings: &[("request-method-override", N), ("ack-http-level-response", N)],
    },
    // ------------------------------------------------------------ bad2beef/Toolbox BITS
    Peer {
        file: "bad2beef-upload-go-canonical-headers.http",
        kinds: PING_UPLOAD,
        findings: &[CREATE_NAME, CLOSE_NAME],
    },
    Peer {
        file: "bad2beef-fragment-gap-accepted.http",
        kinds: TWO_FRAGMENTS,
        findings: &[CREATE_NAME, ("session-fragment-gap", E), ("session-gap-accepted", E)],
    },
    Peer {
        file: "bad2beef-unknown-packet-type-200-empty.http",
        kinds: UNKNOWN_TYPE,
        findings: &[("request-packet-type-unknown", E), ("ack-packet-type-missing", E)],
    },
    Peer {
        file: "bad2beef-session-not-found-500-plain-text.http",
        kinds: FRAGMENT_AFTER_CREATE,
        findings: &[CREATE_NAME, ("ack-http-level-response", N)],
    },
    Peer {
        file: "bad2beef-close-twice-200.http",
        kinds: CLOSE_TWICE,
        findings: &[
            CREATE_NAME,
            CLOSE_NAME,
            ("session-request-after-close", W),
            ("session-resend-not-expected", W),
            ("session-not-found-expected", E),
        ],
    },
    // ------------------------------------------------------------ usis.Net.Bits BackgroundCopyServer
    Peer {
        file: "usis-upload-chunked-acks.http",
        kinds: PING_UPLOAD,
        findings: &[CREATE_NAME, CLOSE_NAME, ("ack-content-length-missing", E)],
    },
    Peer {
        file: "usis-fragment-gap-416.http",
        kinds: TWO_FRAGMENTS,
        findings: &[CREATE_NAME, ("ack-content-length-missing", E), ("session-fragment-gap", E)],
    },
    Peer {
        file: "usis-unknown-packet-type-400-plain.http",
        kinds: UNKNOWN_TYPE,
        findings: &[("request-packet-type-unknown", E), ("ack-http-level-response", N)],
    },
    Peer {
        file: "usis-close-twice-200.http",
        kinds: CLOSE_TWICE,
        findings: &[
            CREATE_NAME,
            CLOSE_NAME,
            ("ack-content-length-missing", E),
            ("session-request-after-close", W),
            ("session-resend-not-expected", W),
            ("session-not-found-expected", E),
        ],
    },
    // ------------------------------------------------------------ SafeBreach-Labs SimpleBITSServer
    Peer {
        file: "safebreach-ping-error-code-on-200.http",
        kinds: &["ping", "ack-ping"],
        findings: &[("ack-error-on-success", E)],
    },
    Peer {
        file: "safebreach-upload-decimal-session-id.http",
        kinds: UPLOAD,
        findings: &[CREATE_NAME, CLOSE_NAME, ("ack-create-session-session-id-not-guid", W)],
    },
    Peer {
        // An answer with BITS-Error-Code/Context but no BITS-Packet-Type is an Ack attempt.
        file: "safebreach-fragment-500-without-ack.http",
        kinds: FRAGMENT_AFTER_CREATE,
        findings: &[
            CREATE_NAME,
            ("ack-create-session-session-id-not-guid", W),
            ("ack-packet-type-missing", E),
            ("ack-content-length-missing", E),
        ],
    },
    Peer {
        // An answer with BITS-Error-Code/Context but no BITS-Packet-Type is an Ack attempt.
        file: "safebreach-unknown-packet-type-400-without-ack.http",
        kinds: UNKNOWN_TYPE,
        findings: &[
            ("request-packet-type-unknown", E),
            ("ack-packet-type-missing", E),
            ("ack-content-length-missing", E),
        ],
    },
    Peer {
        file: "safebreach-create-session-403-with-protocol.http",
        kinds: &["create-session", "ack-create-session"],
        findings: &[
            CREATE_NAME,
            ("ack-create-session-protocol-on-failure", E),
            ("ack-create-session-session-id-not-guid", W),
        ],
    },
    Peer {
        file: "safebreach-create-session-409-no-error-code.http",
        kinds: &["create-session", "ack-create-session"],
        findings: &[
            CREATE_NAME,
            ("ack-create-session-protocol-on-failure", E),
            ("ack-error-code-missing", W),
            ("ack-create-session-409", N),
            ("ack-create-session-session-id-not-guid", W),
        ],
    },
    Peer {
        // An answer with BITS-Error-Code/Context but no BITS-Packet-Type is an Ack attempt.
        file: "safebreach-close-twice-500-without-ack.http",
        kinds: CLOSE_TWICE,
        findings: &[
            CREATE_NAME,
            CLOSE_NAME,
            ("ack-create-session-session-id-not-guid", W),
            ("session-request-after-close", W),
            ("session-resend-not-expected", W),
            ("ack-packet-type-missing", E),
            ("ack-content-length-missing", E),
        ],
    },
    // ------------------------------------------------------------ AppContainer-bypass PoC server
    Peer {
        file: "appcontainer-upload-no-accept-encoding.http",
        kinds: UPLOAD,
        findings: &[CREATE_NAME, CLOSE_NAME, ("ack-create-session-accept-encoding-missing", W)],
    },
    // ------------------------------------------------------------ OneDrive-style clients, answered as IIS
    Peer {
        file: "duplicati-onedrive-method-override.http",
        kinds: UPLOAD,
        findings: &[("request-method-override", N), ("ack-session-id-missing", N)],
    },
    Peer {
        file: "wlive-onedrive-bearer-override.http",
        kinds: UPLOAD,
        findings: &[("request-method-override", N), ("ack-session-id-missing", N)],
    },
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/peers")
}

fn fixture_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".http"))
        .collect();
    files.sort();
    files
}

fn check(peer: &Peer) -> Vec<String> {
    let bytes = std::fs::read(dir().join(peer.file)).unwrap();
    let report = inspect(&bytes, &Options::default());
    let mut problems = Vec::new();
    let kinds: Vec<&str> = report.messages.iter().map(|m| m.kind.id()).collect();
    if kinds != peer.kinds {
        problems.push(format!("{}: kinds {kinds:?}, expected {:?}", peer.file, peer.kinds));
    }
    let got: BTreeSet<(&str, &str)> = report.findings.iter().map(|f| (f.rule, f.severity.as_str())).collect();
    let want: BTreeSet<(&str, &str)> = peer.findings.iter().map(|(rule, s)| (*rule, s.as_str())).collect();
    if got != want {
        let missing: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        problems.push(format!("{}: missing {missing:?}, unexpected {extra:?}", peer.file));
    }
    problems
}

#[test]
fn every_peer_fixture_gets_its_verdict() {
    let problems: Vec<String> = PEERS.iter().flat_map(check).collect();
    assert!(problems.is_empty(), "{} of {} fixtures differ:\n{}", problems.len(), PEERS.len(), problems.join("\n"));
}

#[test]
fn every_fixture_is_in_the_table_once_and_every_row_has_its_file() {
    let files = fixture_files();
    let mut rows: Vec<String> = PEERS.iter().map(|p| p.file.to_string()).collect();
    rows.sort();
    let unique: BTreeSet<&String> = rows.iter().collect();
    assert_eq!(unique.len(), rows.len(), "a fixture has two rows");
    for row in &rows {
        assert!(files.contains(row), "{row} is in PEERS but not in tests/fixtures/peers");
    }
    for file in &files {
        assert!(rows.contains(file), "{file} has no row in PEERS");
    }
}

#[test]
fn every_fixture_keeps_crlf_line_endings() {
    for file in fixture_files() {
        let bytes = std::fs::read(dir().join(&file)).unwrap();
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{file} has no CRLF at all");
        // Bodies are bytes as the peer sends them (GoBITS' 405 text ends in a bare LF);
        // every header line must end in CRLF.
        let report = inspect(&bytes, &Options::default());
        assert_eq!(report.input.line_endings, LineEndings::Crlf, "{file}: header lines must end in CRLF");
        assert!(!report.findings.iter().any(|f| f.rule == "http-bare-lf"), "{file}");
    }
}

#[test]
fn the_readme_has_a_row_for_every_fixture() {
    let readme = std::fs::read_to_string(dir().join("README.md")).unwrap();
    for file in fixture_files() {
        assert!(readme.contains(&format!("`{file}`")), "tests/fixtures/peers/README.md does not mention `{file}`");
    }
}
