//! The one table of header knowledge: each header BITS gives rules for, once, with where it
//! is required, allowed or forbidden, its value grammar, its help text and its sources.
//!
//! Presence, companion and value rules are enforced by one generic checker
//! (`rules::headers`) from these entries, under the rule ids `rules::table` gives them;
//! the page's help and `explain` read them too.

use crate::bits::packet::PacketType;
use crate::spec::{self, Source};

/// Which messages an entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Request(PacketType),
    AnyRequest,
    Ack(PacketType),
    AnyAck,
    Notification,
    NotificationResponse,
}

/// The status (or message) condition under which an entry applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// 200 or 201: the Win32 pages' success condition ([MC-BUP] says 200 only; see 9.D2).
    Success,
    /// Neither 200 nor 201.
    Failure,
    /// Neither 200, 201 nor 416 (416 carries HRESULT 0 or nothing).
    FailureExcept416,
    Status(&'static [u16]),
    /// A Fragment that does not start at offset 0.
    LaterFragment,
}

impl When {
    /// Whether the condition holds for a message with this status. `success` is how the
    /// profile reads that status (the Win32 pages: 200 or 201; [MC-BUP]: 200 alone), which
    /// the rules layer knows; `later_fragment`, whether a Fragment's range starts past 0.
    pub fn holds(self, status: Option<u16>, success: bool, later_fragment: bool) -> bool {
        match self {
            When::Always => true,
            When::Success => success,
            When::Failure => status.is_some() && !success,
            When::FailureExcept416 => status.is_some_and(|s| s != 416) && !success,
            When::Status(codes) => status.is_some_and(|s| codes.contains(&s)),
            When::LaterFragment => later_fragment,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
    Forbidden,
}

#[derive(Debug, Clone, Copy)]
pub struct Presence {
    pub scope: Scope,
    pub when: When,
    pub need: Need,
}

/// How a header's value is read and put into words (see `bits::values`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    PacketType,
    GuidList,
    BracedGuid,
    SessionId,
    HostName,
    Seconds,
    ContentCoding,
    ByteCount,
    ContentRange,
    Offset,
    Hresult,
    ErrorContext,
    ReplyUrl,
    FileName,
    AbsoluteUrl,
    Path,
    Text,
}

impl Grammar {
    pub const ALL: [Grammar; 17] = [
        Grammar::PacketType,
        Grammar::GuidList,
        Grammar::BracedGuid,
        Grammar::SessionId,
        Grammar::HostName,
        Grammar::Seconds,
        Grammar::ContentCoding,
        Grammar::ByteCount,
        Grammar::ContentRange,
        Grammar::Offset,
        Grammar::Hresult,
        Grammar::ErrorContext,
        Grammar::ReplyUrl,
        Grammar::FileName,
        Grammar::AbsoluteUrl,
        Grammar::Path,
        Grammar::Text,
    ];
}

#[derive(Debug)]
pub struct HeaderSpec {
    /// The spelling the Win32 pages use.
    pub name: &'static str,
    /// Other spellings a document uses for the same header (section 9 disagreements).
    pub aliases: &'static [&'static str],
    pub grammar: Grammar,
    /// Headers that must accompany this one.
    pub requires: &'static [&'static str],
    pub summary: &'static str,
    pub help: &'static str,
    pub sources: &'static [Source],
    pub presence: &'static [Presence],
}

/// Index of a header in [`HEADERS`], so lookups by name happen once per header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HeaderKey(pub usize);

impl HeaderKey {
    pub fn spec(self) -> &'static HeaderSpec {
        &HEADERS[self.0]
    }
}

pub fn lookup(name: &[u8]) -> Option<HeaderKey> {
    let bucket = names_by_length().get(name.len())?;
    // Most names come spelled as the table spells them: a plain comparison settles those.
    bucket.iter().find(|(spelling, _)| name == *spelling || name.eq_ignore_ascii_case(spelling)).map(|&(_, key)| key)
}

/// The key of a header named by the table's own spelling (the constants below), which
/// rules ask for many times a message.
pub fn key_of(name: &str) -> Option<HeaderKey> {
    lookup(name.as_bytes())
}

type Spelling = (&'static [u8], HeaderKey);

/// Every spelling in the table (names and aliases), bucketed by length: a header line is
/// compared with the one or two spellings of its length instead of the whole table,
/// since every header of every message is looked up.
fn names_by_length() -> &'static [Vec<Spelling>] {
    static BUCKETS: std::sync::OnceLock<Vec<Vec<Spelling>>> = std::sync::OnceLock::new();
    BUCKETS.get_or_init(|| {
        let mut buckets: Vec<Vec<Spelling>> = Vec::new();
        for (index, spec) in HEADERS.iter().enumerate() {
            for spelling in std::iter::once(&spec.name).chain(spec.aliases) {
                let len = spelling.len();
                if buckets.len() <= len {
                    buckets.resize_with(len + 1, Vec::new);
                }
                buckets[len].push((spelling.as_bytes(), HeaderKey(index)));
            }
        }
        buckets
    })
}

/// Whether a response header makes the response an attempt at an Ack: any `BITS-` header
/// but those of the notification leg (the server application's answer may carry
/// BITS-Static-Response-URL and is no Ack). Unknown `BITS-` headers count: only a BITS
/// server invents them. `key` is the header's table entry, when it has one.
pub fn marks_ack(name: &[u8], key: Option<HeaderKey>) -> bool {
    match key {
        Some(key) => {
            let spec = key.spec();
            spec.name.starts_with("BITS-")
                && !spec.presence.iter().all(|p| matches!(p.scope, Scope::Notification | Scope::NotificationResponse))
        }
        None => name.len() >= 5 && name[..5].eq_ignore_ascii_case(b"BITS-"),
    }
}

/// Room for one slot per table entry in fixed-size per-message arrays.
pub const HEADER_SLOTS: usize = 32;

pub fn by_name(name: &str) -> &'static HeaderSpec {
    key_of(name).unwrap_or_else(|| panic!("{name} is not in the header table")).spec()
}

use Need::*;
use PacketType::*;
use Scope::*;
use When::*;

const fn p(scope: Scope, when: When, need: Need) -> Presence {
    Presence { scope, when, need }
}

pub const PACKET_TYPE: &str = "BITS-Packet-Type";
pub const SUPPORTED_PROTOCOLS: &str = "BITS-Supported-Protocols";
pub const PROTOCOL: &str = "BITS-Protocol";
pub const SESSION_ID: &str = "BITS-Session-Id";
pub const HOST_ID: &str = "BITS-Host-Id";
pub const HOST_ID_FALLBACK_TIMEOUT: &str = "BITS-Host-Id-Fallback-Timeout";
pub const ACCEPT_ENCODING: &str = "Accept-Encoding";
pub const CONTENT_LENGTH: &str = "Content-Length";
pub const CONTENT_NAME: &str = "Content-Name";
pub const CONTENT_RANGE: &str = "Content-Range";
pub const CONTENT_ENCODING: &str = "Content-Encoding";
pub const RECEIVED_CONTENT_RANGE: &str = "BITS-Received-Content-Range";
pub const REPLY_URL: &str = "BITS-Reply-URL";
pub const ERROR_CODE: &str = "BITS-Error-Code";
pub const ERROR_CONTEXT: &str = "BITS-Error-Context";
pub const ORIGINAL_REQUEST_URL: &str = "BITS-Original-Request-URL";
pub const REQUEST_DATA_FILE: &str = "BITS-Request-DataFile-Name";
pub const RESPONSE_DATA_FILE: &str = "BITS-Response-DataFile-Name";
pub const STATIC_RESPONSE_URL: &str = "BITS-Static-Response-URL";
pub const COPY_FILE_TO_DESTINATION: &str = "BITS-Copy-File-To-Destination";

pub static HEADERS: &[HeaderSpec] = &[
    HeaderSpec {
        name: PACKET_TYPE,
        aliases: &[],
        grammar: Grammar::PacketType,
        requires: &[],
        summary: "Which BITS packet this is.",
        help: "Requests carry Ping, Create-Session, Fragment, Close-Session or Cancel-Session; every response carries Ack. Compared case-insensitively ([MC-BUP] writes them upper case). Its absence on a BITS_POST, or an unknown value, makes the server answer 400 with E_INVALIDARG.",
        sources: &[spec::W_UP, spec::W_REQ, spec::M_2_2_1_2],
        presence: &[
            // Classification enforces these: the header decides what the message is.
            p(AnyRequest, Always, Required),
            p(AnyAck, Always, Required),
        ],
    },
    HeaderSpec {
        name: SUPPORTED_PROTOCOLS,
        aliases: &[],
        grammar: Grammar::GuidList,
        requires: &[],
        summary: "Upload protocols the client speaks, most preferred first.",
        help: "Braced GUIDs separated by spaces (Win32) or spaces or commas ([MC-BUP]). The only protocol defined is {7df0354d-249b-430f-820d-3d2a9bef4931}, the BITS 1.5 Upload Protocol. The Windows server reads at most 100.",
        sources: &[spec::W_CS, spec::M_2_2_2],
        presence: &[p(Request(CreateSession), Always, Required)],
    },
    HeaderSpec {
        name: PROTOCOL,
        aliases: &[],
        grammar: Grammar::BracedGuid,
        requires: &[],
        summary: "The protocol the server picked from the client's list.",
        help: "One braced GUID from the Create-Session's BITS-Supported-Protocols. Only when the session was created: 200 or 201 (Win32), 200 ([MC-BUP]). Windows always returns {7df0354d-249b-430f-820d-3d2a9bef4931}.",
        sources: &[spec::W_ACS, spec::M_2_2_3],
        presence: &[
            p(Ack(CreateSession), Success, Required),
            p(Ack(CreateSession), Failure, Forbidden),
            p(Ack(Ping), Always, Forbidden),
        ],
    },
    HeaderSpec {
        name: SESSION_ID,
        aliases: &[],
        grammar: Grammar::SessionId,
        requires: &[],
        summary: "Names the upload session.",
        help: "Issued by the server in the Ack for Create-Session and sent by the client in every later Fragment, Close-Session and Cancel-Session. Windows issues an upper-case braced GUID; the Win32 page allows any HTTP-legal string of up to 100 characters, [MC-BUP] requires a GUID. Acks echo it ([MC-BUP]: MUST on 200, yet IIS leaves it out of the Acks for Fragment and Close-Session).",
        sources: &[spec::W_ACS, spec::W_FR, spec::M_2_2_1_2],
        presence: &[
            p(Request(Fragment), Always, Required),
            p(Request(CloseSession), Always, Required),
            p(Request(CancelSession), Always, Required),
            p(Request(CreateSession), Always, Forbidden),
            p(Request(Ping), Always, Forbidden),
            p(Ack(CreateSession), Success, Required),
            p(Ack(Fragment), Status(&[200]), Required),
            p(Ack(CloseSession), Status(&[200]), Required),
            p(Ack(CancelSession), Status(&[200]), Required),
            p(Ack(Ping), Always, Forbidden),
        ],
    },
    HeaderSpec {
        name: HOST_ID,
        aliases: &[],
        grammar: Grammar::HostName,
        requires: &[HOST_ID_FALLBACK_TIMEOUT],
        summary: "The web-farm server the client must use for the rest of the session.",
        help: "A host name or IP address (IIS property BITSHostId). The client replaces the host part of the URL with it in every later request, and sends a Ping there first; otherwise the upload could restart on another farm member and leave a partial file behind.",
        sources: &[spec::W_ACS, spec::W_IIS, spec::M_2_2_3],
        presence: &[p(Ack(CreateSession), Success, Optional)],
    },
    HeaderSpec {
        name: HOST_ID_FALLBACK_TIMEOUT,
        aliases: &[],
        grammar: Grammar::Seconds,
        requires: &[HOST_ID],
        summary: "Seconds without reaching the Host-Id server before going back to the original host.",
        help: "Decimal seconds (IIS property BITSHostIdFallbackTimeout, default 86,400). Only together with BITS-Host-Id. Without it the client never reverts to the original server.",
        sources: &[spec::W_ACS, spec::W_IIS, spec::M_2_2_3],
        presence: &[p(Ack(CreateSession), Success, Optional)],
    },
    HeaderSpec {
        name: ACCEPT_ENCODING,
        aliases: &[],
        grammar: Grammar::ContentCoding,
        requires: &[],
        summary: "Content codings the server accepts for fragments: always identity.",
        help: "The Win32 page sends `Accept-Encoding: Identity` on 200/201 only: BITS servers accept only unencoded fragments. IIS spells the header `Accept-encoding` (header names are case-insensitive).",
        sources: &[spec::W_ACS, spec::M_2_2_3],
        presence: &[
            p(Ack(CreateSession), Success, Required),
            p(Ack(CreateSession), Failure, Forbidden),
        ],
    },
    HeaderSpec {
        name: CONTENT_LENGTH,
        aliases: &[],
        grammar: Grammar::ByteCount,
        requires: &[],
        summary: "Length of the body in bytes.",
        help: "Required on every request ([MC-BUP] 2.2.1.1) and every Ack (Win32: even when 0). 0 on everything but Fragment, whose body is the range's bytes. Windows answers 400 to a request without it.",
        sources: &[spec::M_2_2_1_1, spec::W_ACS, spec::RFC9112],
        presence: &[
            p(AnyRequest, Always, Required),
            p(AnyAck, Always, Required),
            p(Notification, Always, Required),
        ],
    },
    HeaderSpec {
        name: CONTENT_NAME,
        aliases: &[],
        grammar: Grammar::FileName,
        requires: &[],
        summary: "Name of the local file being uploaded (no path).",
        help: "At most 260 characters, none of \\ / : * ? \" < > |. The Win32 pages send it with the first Fragment only; [MC-BUP] says SHOULD on Create-Session and the first Fragment; the Windows client sends it on every request of the session. The server does not use it.",
        sources: &[spec::W_FR, spec::M_2_2_1_1, spec::M_2_2_6],
        presence: &[
            p(Request(Fragment), Always, Optional),
            p(Request(CreateSession), Always, Forbidden),
            p(Request(Fragment), LaterFragment, Forbidden),
            p(Request(CloseSession), Always, Forbidden),
            p(Request(CancelSession), Always, Forbidden),
        ],
    },
    HeaderSpec {
        name: CONTENT_RANGE,
        aliases: &[],
        grammar: Grammar::ContentRange,
        requires: &[],
        summary: "Which bytes of the file this fragment carries.",
        help: "`bytes first-last/total`: zero-based, inclusive offsets and the whole file's size, the same total in every fragment. The upload is complete when last = total - 1.",
        sources: &[spec::W_FR, spec::M_2_2_6],
        presence: &[p(Request(Fragment), Always, Required)],
    },
    HeaderSpec {
        name: CONTENT_ENCODING,
        aliases: &[],
        grammar: Grammar::ContentCoding,
        requires: &[],
        summary: "Coding applied to the fragment's bytes; never sent for identity.",
        help: "Only if a non-identity coding is used; it must match the server's Accept-Encoding and stay the same for every fragment. BITS servers support only identity and Windows clients never send it.",
        sources: &[spec::W_FR, spec::M_2_2_6],
        presence: &[p(Request(Fragment), Always, Forbidden)],
    },
    HeaderSpec {
        name: RECEIVED_CONTENT_RANGE,
        aliases: &[],
        grammar: Grammar::Offset,
        requires: &[],
        summary: "The next byte offset the server expects.",
        help: "Despite its name, one decimal number: the offset of the next byte the server expects (after `bytes 0-4891/4892` it is 4892). On 416 it tells the client where to resume.",
        sources: &[spec::W_AFR, spec::M_2_2_7],
        presence: &[
            p(Ack(Fragment), Status(&[200, 416]), Required),
            p(Ack(Ping), Always, Forbidden),
        ],
    },
    HeaderSpec {
        name: REPLY_URL,
        aliases: &[],
        grammar: Grammar::ReplyUrl,
        requires: &[],
        summary: "Where an upload-reply job's reply can be downloaded.",
        help: "On the Ack of the final fragment of an upload-reply job. Windows sends a relative path with backslashes (`BITS-Sessions\\Replies\\{id}\\responsefile.bin`), which the client resolves against the upload URL's folder and fetches with GET before Close-Session.",
        sources: &[spec::W_AFR, spec::M_2_2_7, spec::W_REPLY],
        presence: &[
            p(Ack(Fragment), Success, Optional),
            p(Ack(Ping), Always, Forbidden),
        ],
    },
    HeaderSpec {
        name: ERROR_CODE,
        aliases: &["BITS-Error"],
        grammar: Grammar::Hresult,
        requires: &[ERROR_CONTEXT],
        summary: "Why the request failed, as a hexadecimal HRESULT.",
        help: "Only when the reason code is not 200 or 201. [MC-BUP] calls it BITS-Error. Codes a BITS server sends: 0x8020001F BG_E_SESSION_NOT_FOUND (500), 0x80200020 BG_E_TOO_LARGE (500), 0x80070005 E_ACCESSDENIED (403, 501), 0x80070057 E_INVALIDARG (400, 411), and 0 with 416.",
        sources: &[spec::W_ACS, spec::W_AFR, spec::M_2_2_1_2],
        presence: &[
            p(AnyAck, Success, Forbidden),
            p(AnyAck, FailureExcept416, Required),
        ],
    },
    HeaderSpec {
        name: ERROR_CONTEXT,
        aliases: &[],
        grammar: Grammar::ErrorContext,
        requires: &[ERROR_CODE],
        summary: "Who produced the error: 0x5 the BITS server, 0x7 the server application.",
        help: "0x5 is BG_ERROR_CONTEXT_REMOTE_FILE, 0x7 BG_ERROR_CONTEXT_REMOTE_APPLICATION. Only together with an error code, never on 200/201.",
        sources: &[spec::W_ACS, spec::M_2_2_1_2, spec::SDK_EC],
        presence: &[p(AnyAck, Success, Forbidden)],
    },
    HeaderSpec {
        name: ORIGINAL_REQUEST_URL,
        aliases: &[],
        grammar: Grammar::AbsoluteUrl,
        requires: &[],
        summary: "The upload job's remote URL, told to the server application.",
        help: "Sent by the BITS server in its notification POST, by reference and by value alike.",
        sources: &[spec::W_NOTIF, spec::W_NHDR, spec::M_2_2_12],
        presence: &[p(Notification, Always, Required)],
    },
    HeaderSpec {
        name: REQUEST_DATA_FILE,
        aliases: &["BITS-Request-DataEntity-Name"],
        grammar: Grammar::Path,
        requires: &[RESPONSE_DATA_FILE],
        summary: "Where the uploaded file lies on the server (notification by reference).",
        help: "A local or UNC path. Only in notifications by reference (BITSServerNotificationType 1). [MC-BUP] 2.2.12.2 names it BITS-Request-DataEntity-Name; Windows sends DataFile.",
        sources: &[spec::W_NOTIF, spec::W_NHDR, spec::M_2_2_12],
        presence: &[p(Notification, Always, Optional)],
    },
    HeaderSpec {
        name: RESPONSE_DATA_FILE,
        aliases: &["BITS-Response-DataEntity-Name"],
        grammar: Grammar::Path,
        requires: &[REQUEST_DATA_FILE],
        summary: "Where the server application writes its reply (notification by reference).",
        help: "A local or UNC path; the reply written there becomes the BITS-Reply-URL the client downloads. [MC-BUP] 2.2.12.2 names it BITS-Response-DataEntity-Name.",
        sources: &[spec::W_NOTIF, spec::W_NHDR, spec::M_2_2_12],
        presence: &[p(Notification, Always, Optional)],
    },
    HeaderSpec {
        name: STATIC_RESPONSE_URL,
        aliases: &[],
        grammar: Grammar::AbsoluteUrl,
        requires: &[],
        summary: "An absolute URL of a static reply, instead of a reply file or body.",
        help: "Given by the server application; the BITS server passes it to the client as BITS-Reply-URL. Always absolute. With it, no reply body (by value) and no reply file (by reference).",
        sources: &[spec::W_NOTIF, spec::W_NHDR, spec::M_2_2_13],
        presence: &[p(NotificationResponse, Always, Optional)],
    },
    HeaderSpec {
        name: COPY_FILE_TO_DESTINATION,
        aliases: &[],
        grammar: Grammar::Text,
        requires: &[],
        summary: "Asks the BITS server to also copy the upload to the job's remote name.",
        help: "Any value. Without it, with a server application the upload is not copied to the destination.",
        sources: &[spec::W_NOTIF, spec::W_NHDR],
        presence: &[p(NotificationResponse, Always, Optional)],
    },
];

/// Where a header belongs, in words, for help text: derived from the presence entries.
pub fn belongs_to(spec: &HeaderSpec) -> Vec<String> {
    spec.presence
        .iter()
        .filter(|e| e.need != Need::Forbidden)
        .map(|e| {
            let need = match e.need {
                Need::Required => "required",
                _ => "optional",
            };
            let when = match e.when {
                When::Always => String::new(),
                When::Success => " on 200/201".to_string(),
                When::Failure => " unless 200/201".to_string(),
                When::FailureExcept416 => " unless 200/201/416".to_string(),
                When::Status(codes) => {
                    format!(" on {}", codes.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("/"))
                }
                When::LaterFragment => " after the first fragment".to_string(),
            };
            format!("{}: {need}{when}", scope_label(e.scope))
        })
        .collect()
}

pub fn scope_label(scope: Scope) -> String {
    match scope {
        Scope::Request(t) => t.wire_name().to_string(),
        Scope::AnyRequest => "every BITS request".to_string(),
        Scope::Ack(t) => format!("Ack for {}", t.wire_name()),
        Scope::AnyAck => "every Ack".to_string(),
        Scope::Notification => "notification POST".to_string(),
        Scope::NotificationResponse => "server application's response".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_fits_the_per_message_slots() {
        assert!(HEADERS.len() <= HEADER_SLOTS);
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for h in HEADERS {
            for name in std::iter::once(&h.name).chain(h.aliases) {
                assert!(seen.insert(name.to_ascii_lowercase()), "{name} twice");
            }
        }
    }

    #[test]
    fn lookup_is_case_insensitive_and_knows_aliases() {
        assert_eq!(lookup(b"accept-encoding").map(|k| k.spec().name), Some(ACCEPT_ENCODING));
        assert_eq!(lookup(b"BITS-Error").map(|k| k.spec().name), Some(ERROR_CODE));
        assert_eq!(lookup(b"X-Unknown"), None);
    }

    #[test]
    fn companion_headers_are_in_the_table() {
        for h in HEADERS {
            for other in h.requires {
                by_name(other);
            }
        }
    }

    #[test]
    fn ack_headers_are_bits_headers_outside_the_notification_leg() {
        let marks = |name: &[u8]| marks_ack(name, lookup(name));
        assert!(marks(b"BITS-Error-Code"));
        assert!(marks(b"bits-error"));
        assert!(marks(b"BITS-Packet-Type"));
        assert!(marks(b"BITS-Something-New"));
        assert!(!marks(b"BITS-Static-Response-URL"));
        assert!(!marks(b"BITS-Copy-File-To-Destination"));
        assert!(!marks(b"Content-Length"));
        assert!(!marks(b"BITS"));
    }

    #[test]
    fn belongs_to_lists_only_where_a_header_may_appear() {
        let places = belongs_to(by_name(PROTOCOL));
        assert_eq!(places, vec!["Ack for Create-Session: required on 200/201".to_string()]);
    }
}
