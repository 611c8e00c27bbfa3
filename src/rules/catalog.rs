//! Every rule the inspector knows, once: stable id, grading under each profile, the item of
//! the protocol reference it implements, its sources and its explanation.
//!
//! Rule ids are part of the interface (filters, links, CI scripts): never rename one.
//! Grades are `(default, win32, mc-bup)`; `X` means the profile does not report it at all,
//! because under that document the traffic is correct. Each rule names its [`Basis`], what
//! it rests on, and its grades follow from it; where they do not, `departs` says why.

use crate::rules::grade::{Profile, Severity};
use crate::spec::{self, Source};

const E: Option<Severity> = Some(Severity::Error);
const W: Option<Severity> = Some(Severity::Warning);
const N: Option<Severity> = Some(Severity::Note);
const X: Option<Severity> = None;

/// What a finding is about, like Wireshark's expert-info groups.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// The input itself (empty, truncated, line endings).
    Input,
    /// HTTP/1.x syntax and framing.
    Malformed,
    /// A header or value one BITS packet must, may or must not carry.
    Protocol,
    /// Status codes and error codes.
    ResponseCode,
    /// Order, pairing and session state across messages.
    Sequence,
    /// The BITS server's notification to the server application.
    Notification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    pub default: Option<Severity>,
    pub win32: Option<Severity>,
    pub mc_bup: Option<Severity>,
}

impl Grade {
    pub fn for_profile(self, profile: Profile) -> Option<Severity> {
        match profile {
            Profile::Default => self.default,
            Profile::Win32 => self.win32,
            Profile::McBup => self.mc_bup,
        }
    }
}

/// What a rule rests on, and so how it is graded: grades follow their sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Both Microsoft documents require it: an error under every profile.
    Both,
    /// The Win32 pages alone require it: an error under win32; under default only where it
    /// breaks a real Windows client or server (said in `departs`); never under mc-bup.
    Win32,
    /// [MC-BUP] alone requires it: an error under mc-bup; under default only where it
    /// breaks a real Windows client or server (said in `departs`); never under win32.
    McBup,
    /// HTTP itself or the capture file's format: the documents do not change it, so every
    /// profile grades it alike.
    Standard,
    /// A recommendation (SHOULD), a documented behaviour of the Windows client, or a place
    /// where the documents disagree: a warning at most.
    Advice,
    /// A fact worth knowing about correct traffic: a note at most.
    Info,
}

impl Basis {
    /// In words, for the rule list and `explain`.
    pub fn words(self) -> &'static str {
        match self {
            Basis::Both => "both documents require it: an error under every profile",
            Basis::Win32 => "the Win32 pages alone require it: an error under win32",
            Basis::McBup => "[MC-BUP] alone requires it: an error under mc-bup",
            Basis::Standard => "HTTP or the capture format: graded alike under every profile",
            Basis::Advice => "a recommendation, a Windows behaviour or a disagreement: a warning at most",
            Basis::Info => "a fact about correct traffic: a note at most",
        }
    }

    /// Whether a grade follows this basis's principle (see the variants).
    pub fn allows(self, grade: Grade) -> bool {
        let error = |s: Option<Severity>| s == E;
        let at_most = |s: Option<Severity>, max: Severity| s.is_none_or(|s| s <= max);
        match self {
            Basis::Both => grade.default == E && grade.win32 == E && grade.mc_bup == E,
            Basis::Win32 => error(grade.win32) && !error(grade.default) && !error(grade.mc_bup),
            Basis::McBup => error(grade.mc_bup) && !error(grade.default) && !error(grade.win32),
            Basis::Standard => grade.default == grade.win32 && grade.win32 == grade.mc_bup,
            Basis::Advice => {
                [grade.default, grade.win32, grade.mc_bup].into_iter().all(|s| at_most(s, Severity::Warning))
            }
            Basis::Info => [grade.default, grade.win32, grade.mc_bup].into_iter().all(|s| at_most(s, Severity::Note)),
        }
    }
}

#[derive(Debug)]
pub struct RuleMeta {
    pub rule: Rule,
    pub id: &'static str,
    pub group: Group,
    pub grade: Grade,
    pub basis: Basis,
    /// Why the grade departs from what `basis` gives, where it does.
    pub departs: Option<&'static str>,
    /// The item of `bits-protocol.md` this rule implements (section 8 check, or section 9 disagreement).
    pub reference: &'static str,
    pub sources: &'static [Source],
    pub title: &'static str,
    pub explanation: &'static str,
}

macro_rules! departs {
    () => {
        None
    };
    ($why:literal) => {
        Some($why)
    };
}

macro_rules! catalog {
    ($( $variant:ident {
        $id:literal, $group:ident, ($d:ident, $w:ident, $m:ident), $basis:ident, $reference:literal,
        [$($src:ident),* $(,)?],
        $title:literal,
        $explanation:literal
        $(, departs: $departs:literal)? $(,)?
    } )*) => {
        /// A rule, by name in code; its stable id is [`Rule::id`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant),* }

        /// All rules in declaration order; `CATALOG[rule as usize].rule == rule`.
        pub static CATALOG: &[RuleMeta] = &[ $( RuleMeta {
            rule: Rule::$variant,
            id: $id,
            group: Group::$group,
            grade: Grade { default: $d, win32: $w, mc_bup: $m },
            basis: Basis::$basis,
            departs: departs!($($departs)?),
            reference: $reference,
            sources: &[$(spec::$src),*],
            title: $title,
            explanation: $explanation,
        } ),* ];
    };
}

impl Rule {
    pub fn meta(self) -> &'static RuleMeta {
        &CATALOG[self as usize]
    }

    pub fn id(self) -> &'static str {
        self.meta().id
    }

    pub fn severity(self, profile: Profile) -> Option<Severity> {
        self.meta().grade.for_profile(profile)
    }

    pub fn by_id(id: &str) -> Option<Rule> {
        CATALOG.iter().find(|m| m.id.eq_ignore_ascii_case(id)).map(|m| m.rule)
    }
}

catalog! {
// ---------------------------------------------------------------- input and HTTP framing
InputEmpty { "input-empty", Input, (N, N, N), Standard, "-", [RFC9112],
    "No HTTP message in the input",
    "The input holds no request or status line. Paste or open captured traffic: HTTP/1.x messages as text, one after the other." }
InputLineEndingsUnchecked { "input-line-endings-unchecked", Input, (N, N, N), Standard, "1.1", [RFC9112],
    "Line endings were not checked (pasted text)",
    "HTTP requires CRLF at the end of every header line, but a browser text box turns CRLF into LF, so line endings of pasted text cannot be checked. Open the capture as a file to have them checked strictly." }
InputNotHttp { "input-not-http", Input, (W, W, W), Standard, "-", [RFC9112],
    "The input is not HTTP traffic",
    "No request or status line was found anywhere: the input is something else (JSON that is no HAR file, prose, a binary file of another format). Paste HTTP messages as text, or open a pcap, pcapng or HAR capture of the upload." }
InputNoBits { "input-no-bits", Input, (N, N, N), Info, "-", [W_UP],
    "No BITS traffic in the input",
    "The messages were decoded, but none belongs to a BITS upload: no BITS_POST request, no Ack, no notification to a server application, no reply download. There is nothing BITS to check, which is not the same as a BITS upload without problems. Capture the upload's own connection (the URL the BITS job uploads to)." }
CaptureStopped { "capture-stopped", Input, (W, W, W), Standard, "-", [PCAP, PCAPNG, HAR12],
    "The capture file is cut or corrupt part way",
    "Reading stopped before the end of the file: a record or block is cut short (the capture was copied or saved before it was complete) or its bytes do not follow the format. Everything read before that point is decoded and checked; what came after is not." }
CaptureLinkTypeUnsupported { "capture-link-type-unsupported", Input, (W, W, W), Standard, "-", [LINKTYPES, PCAP, PCAPNG],
    "Frames of a link type the inspector does not read",
    "The inspector reads Ethernet (with VLAN tags), Linux cooked capture v1 and v2, raw IPv4/IPv6 and BSD loopback frames. Frames of other link types (Wi-Fi with radiotap, USB, ...) are counted but not decoded; capture on the interface that carries the HTTP traffic, or convert the file in Wireshark." }
CaptureFrameUndecoded { "capture-frame-undecoded", Input, (W, W, W), Standard, "-", [PCAP, PCAPNG, RFC9293],
    "Frames whose headers are cut short or broken",
    "A frame's link, IP or TCP header is cut short (the capture kept only the first bytes of each frame: its snapshot length was too small) or does not follow its format, so the frame gives no TCP segment. Whatever it carried is missing from the stream; capture with the full snapshot length." }
CaptureMissingSegment { "capture-missing-segment", Input, (W, W, W), Standard, "-", [RFC9293],
    "Bytes of a TCP stream are missing from the capture",
    "TCP numbers every byte it sends; the capture holds none of the bytes in this range (the capture dropped them, or started or stopped in between). They are shown as `?` so the framing of the message stays right, but whatever they held (a header, part of a body) cannot be checked." }
CaptureStartedMidStream { "capture-started-mid-stream", Input, (N, N, N), Standard, "-", [RFC9293],
    "The capture starts in the middle of a TCP connection",
    "No SYN was captured for this connection: it was opened before the capture started, so its first bytes may be the end of a message whose beginning is not in the file. Which side is the client is taken from who sends requests." }
HarInvalid { "har-invalid", Input, (W, W, W), Standard, "-", [HAR12],
    "The HAR file is not valid JSON or not HAR 1.2",
    "A HAR file is one JSON object whose `log.entries` holds each request and its response. This file breaks off or is not JSON at this point (a truncated export, or another file format); the entries read before it are decoded and checked." }
HttpStrayBytes { "http-stray-bytes", Malformed, (E, E, E), Standard, "-", [RFC9112],
    "Bytes that are not part of any HTTP message",
    "These bytes come between or after messages and do not start with a request or status line. Usually a body sent without Content-Length, a message cut by the capture, or text that is not HTTP. The messages around them are still decoded." }
HttpStartLineMalformed { "http-start-line-malformed", Malformed, (E, E, E), Standard, "8.1.1", [RFC9112],
    "Start line is not an HTTP/1.x request or status line",
    "A request starts with `METHOD target HTTP/1.1`, a response with `HTTP/1.1 <3-digit status> <reason>`. The rest of the message is decoded as far as it goes." }
HttpHeadUnterminated { "http-head-unterminated", Input, (N, N, N), Standard, "-", [RFC9112],
    "The capture ends inside the headers",
    "No empty line ends this message's header section before the input ends: the capture was cut. The headers present are still checked; a header missing from the cut part may be reported as missing." }
HttpMissingBlankLine { "http-missing-blank-line", Malformed, (E, E, E), Standard, "-", [RFC9112],
    "A new message starts before the empty line that ends the headers",
    "Every header section ends with an empty line (CRLF CRLF). Without it a real peer reads the next message as more headers of this one." }
HttpHeaderMalformed { "http-header-malformed", Malformed, (E, E, E), Standard, "-", [RFC9112],
    "Header line without a colon",
    "A header line is `Name: value`. This line has no colon, so no peer can read it as a header; it is skipped." }
HttpHeaderNameInvalid { "http-header-name-invalid", Malformed, (E, E, E), Standard, "-", [RFC9112],
    "Header name has characters HTTP does not allow",
    "Header names are tokens: letters, digits and `!#$%&'*+-.^_`|~`. RFC 9112 requires servers to reject a header with white space between its name and the colon, because proxies and servers disagree on what it means." }
HttpHeaderValueInvalid { "http-header-value-invalid", Malformed, (E, E, E), Standard, "-", [RFC9110],
    "Header value holds control characters",
    "Header values may not contain control characters other than tab (NUL, CR, DEL, ...). Servers such as IIS reject the request; other software may cut the value there." }
HttpObsFold { "http-obs-fold", Malformed, (W, W, W), Standard, "-", [RFC9112],
    "Header value continued on the next line (obsolete line folding)",
    "RFC 9112 deprecates line folding: a server must reject it or replace the fold by a space. The value is shown joined." }
HttpBareLf { "http-bare-lf", Malformed, (W, W, W), Standard, "1.1", [RFC9112],
    "Line ends with LF only, HTTP requires CRLF",
    "HTTP/1.1 header lines end with CRLF. Some servers accept a bare LF, others reject the message. If this text was copied by hand rather than captured, the line endings may have been changed on the way." }
HttpContentLengthInvalid { "http-content-length-invalid", Malformed, (E, E, E), Standard, "3.7", [RFC9112, M_2_2_1_1],
    "Content-Length is not a decimal number",
    "Content-Length must be a non-negative decimal integer. Without a readable length no peer knows where the body ends; the inspector looks for the next message instead." }
HttpContentLengthConflict { "http-content-length-conflict", Malformed, (E, E, E), Standard, "3.7", [RFC9112],
    "Several different Content-Length values",
    "A message with several different Content-Length values has no defined length; servers must reject it (request smuggling relies on this ambiguity). The first value is used for framing." }
HttpBodyTruncated { "http-body-truncated", Input, (N, N, N), Standard, "-", [RFC9112],
    "Body shorter than announced: the capture is truncated",
    "The headers announce more body bytes than the capture holds before the next message or the end of the input. This is how a capture cut short, or a headers-only copy, looks; it is not by itself a broken packet." }
HttpChunkedMalformed { "http-chunked-malformed", Malformed, (E, E, E), Standard, "-", [RFC9112],
    "Chunked body is malformed",
    "A chunked body is a series of `<hex size>CRLF<data>CRLF` chunks ending with a zero-size chunk. The framing broke here; what came before is kept." }
HttpVersion { "http-version", Protocol, (E, E, E), Both, "8.1.1", [M_2_2_1, W_UP],
    "BITS messages must use HTTP/1.1",
    "[MC-BUP] 2.2.1: the HTTP version MUST be 1.1, and the Win32 pages layer the protocol on HTTP 1.1. BITS relies on 1.1 persistent connections and on Content-Length framing." }
HttpReasonPhraseMismatch { "http-reason-phrase-mismatch", ResponseCode, (W, W, W), Standard, "-", [RFC9110, RFC9112],
    "Reason phrase of another status code",
    "The reason phrase is the standard phrase of a different status (`200 Created`, `500 Bad Request`). Clients act on the code and ignore the phrase (RFC 9112 4), so the code is what counts: the mismatch shows the server meant one status and sent another. Send the code you mean, with its own phrase." }
HeaderRepeated { "header-repeated", Protocol, (W, W, W), Standard, "-", [RFC9110],
    "BITS header appears more than once",
    "Each BITS header has one value. When it is sent twice a server may read either one, so client and server can disagree; the first is used here." }
HeaderValueTooLong { "header-value-too-long", Protocol, (W, W, W), Advice, "8.1.5", [M_2_2_1],
    "Header value longer than 4 KB",
    "[MC-BUP] 2.2.1: header values SHOULD NOT exceed 4 KB, and the Windows server's maximum header field size is 4 KB (footnote <2>): IIS answers 400 with E_INVALIDARG." }
PacketTypeSpelling { "packet-type-spelling", Protocol, (N, N, X), Advice, "9.D8", [W_UP, M_2_2_1_2],
    "Packet type spelled as [MC-BUP] writes it, not as Windows sends it",
    "Values compare case-insensitively, so this works; but the Windows client and the Win32 pages spell them `Ping`, `Create-Session`, `Fragment`, `Close-Session`, `Cancel-Session` and `Ack`, while [MC-BUP] lists them upper case." }
// ---------------------------------------------------------------- requests
RequestMethod { "request-method", Protocol, (E, E, E), Both, "8.1.1", [W_REQ, M_2_2_1],
    "BITS request does not use the BITS_POST method",
    "Every BITS request uses the extension method `BITS_POST` (request line `BITS_POST <remote-URL> HTTP/1.1`). A server sees any other method as an ordinary HTTP request." }
RequestMethodOverride { "request-method-override", Protocol, (N, W, W), Advice, "-", [W_REQ, M_2_2_1],
    "BITS_POST carried as POST with X-Http-Method-Override",
    "Neither the Win32 pages nor [MC-BUP] describe sending BITS as `POST` with `X-Http-Method-Override: BITS_POST`. It gets through proxies that reject unknown methods, but only works if the server honours the override." }
RequestPacketTypeMissing { "request-packet-type-missing", Protocol, (E, E, E), Both, "8.1.2", [W_UP, M_2_2_1_2],
    "BITS_POST request without BITS-Packet-Type",
    "Every BITS request carries `BITS-Packet-Type`. Without it the server cannot tell what is asked and must answer 400 with E_INVALIDARG (0x80070057)." }
RequestPacketTypeUnknown { "request-packet-type-unknown", Protocol, (E, E, E), Both, "8.1.2", [W_REQ, M_2_2_1_2],
    "BITS-Packet-Type is not one of the five request types",
    "Requests carry `Ping`, `Create-Session`, `Fragment`, `Close-Session` or `Cancel-Session` (compared case-insensitively). Anything else gets 400 with E_INVALIDARG (0x80070057)." }
RequestContentLengthMissing { "request-content-length-missing", Protocol, (E, E, E), Both, "8.1.3", [M_2_2_1_1, M_3_2_5_2_3, W_FR],
    "BITS request without Content-Length",
    "[MC-BUP] 2.2.1.1: Content-Length MUST be present on every request. The server must reject the request: [MC-BUP] says 411, Windows answers 400 (footnote <23>), with E_INVALIDARG." }
RequestBodyNotAllowed { "request-body-not-allowed", Protocol, (W, W, E), McBup, "8.1.3", [M_2_2_4, M_2_2_2, M_2_2_8, M_2_2_10],
    "Only Fragment requests carry a body",
    "Ping, Create-Session, Close-Session and Cancel-Session have no body: [MC-BUP] says Content-Length MUST be 0. The Win32 pages show `Content-Length: 0` without making it a requirement." }
RequestSessionIdMissing { "request-session-id-missing", Protocol, (E, E, E), Both, "8.1.4", [W_FR, W_CL, W_CAN, M_2_2_1_2],
    "Request without BITS-Session-Id",
    "Fragment, Close-Session and Cancel-Session name their session with the `BITS-Session-Id` returned in the Ack for Create-Session. Without it the server cannot find the session." }
RequestSessionIdUnexpected { "request-session-id-unexpected", Protocol, (N, N, N), Info, "8.1.4, 9.D28", [W_CS, W_PING, M_2_2_1_2],
    "BITS-Session-Id on a request that has no session yet",
    "Create-Session asks for a new session, so it carries no id; Ping is answered without any session lookup. Neither document defines the header there; a server ignores it." }
CreateSessionProtocolsMissing { "create-session-protocols-missing", Protocol, (E, E, E), Both, "8.1.6", [W_CS, M_2_2_2],
    "Create-Session without BITS-Supported-Protocols",
    "The client lists the protocol GUIDs it speaks, most preferred first. Without the list the server cannot pick a protocol and answers 400." }
CreateSessionProtocolsMalformed { "create-session-protocols-malformed", Protocol, (E, E, E), Both, "8.1.6", [W_CS, M_2_2_2],
    "BITS-Supported-Protocols holds something that is not a braced GUID",
    "Each entry is a GUID in braces, `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`." }
CreateSessionProtocolsComma { "create-session-protocols-comma", Protocol, (W, E, X), Win32, "8.1.6, 9.D16", [W_CS, M_2_2_2],
    "Protocol GUIDs separated by commas",
    "The Win32 pages say the GUIDs are separated by spaces; [MC-BUP] allows spaces or commas. A server built from the Win32 pages may not split on commas." }
CreateSessionProtocolsTooMany { "create-session-protocols-too-many", Protocol, (W, W, W), Advice, "8.1.6", [M_2_2_2],
    "More than 100 protocol GUIDs",
    "The Windows server reads at most 100 GUIDs from BITS-Supported-Protocols ([MC-BUP] footnote <6>)." }
CreateSessionProtocolsNoBits15 { "create-session-protocols-no-bits15", Protocol, (N, N, N), Info, "8.1.6", [W_CS, M_2_2_2],
    "The BITS 1.5 upload protocol is not offered",
    "The only protocol defined is `{7df0354d-249b-430f-820d-3d2a9bef4931}` (BITS 1.5 Upload Protocol). A Windows server that is offered nothing it knows answers 400 with E_INVALIDARG; the client reports BG_E_CLIENT_SERVER_PROTOCOL_MISMATCH." }
ContentNameInvalid { "content-name-invalid", Protocol, (W, W, W), Advice, "8.1.7", [M_2_2_1_1, W_FR],
    "Content-Name too long or with characters Windows forbids",
    "Content-Name is the local file name without a path: at most 260 characters, and Windows forbids `\\ / : * ? \" < > |` in it ([MC-BUP] 2.2.1.1, footnote <3>). The server does not use it." }
ContentNameOutsideFirstFragment { "content-name-outside-first-fragment", Protocol, (N, W, X), Win32, "9.D15", [W_FR, M_2_2_6, M_4],
    "Content-Name where the Win32 pages do not list it",
    "The Win32 pages send Content-Name only with the first Fragment. [MC-BUP] says SHOULD on Create-Session and the first Fragment and MAY on the others, and the Windows client sends it on every one: harmless, the server ignores it.",
    departs: "The Win32 Fragment page says only the first fragment includes Content-Name but forbids it nowhere, and the Windows client itself sends it on every request ([MC-BUP] section 4): a warning even under win32." }
ContentNameOnCloseOrCancel { "content-name-on-close-or-cancel", Protocol, (N, N, N), Info, "9.D15", [W_CL, M_2_2_8, M_4],
    "Content-Name on Close-Session or Cancel-Session",
    "Neither document defines Content-Name on these packets, but the Windows client sends it on Close-Session ([MC-BUP] section 4 captures). Servers ignore it." }
FragmentContentRangeMissing { "fragment-content-range-missing", Protocol, (E, E, E), Both, "8.1.8", [W_FR, M_2_2_6],
    "Fragment without Content-Range",
    "A Fragment says which bytes of the file it carries with `Content-Range: bytes first-last/total`. Without it the server cannot place the bytes and answers 400." }
FragmentContentRangeMalformed { "fragment-content-range-malformed", Protocol, (E, E, E), Both, "8.1.8", [W_FR, M_2_2_6, M_3_2_5_2_6],
    "Content-Range is not `bytes first-last/total`",
    "The value follows RFC 2616 14.16: `bytes <first>-<last>/<total>` with decimal, zero-based, inclusive offsets. The server answers 400 with E_INVALIDARG." }
FragmentContentRangeInvalid { "fragment-content-range-invalid", Protocol, (E, E, E), Both, "8.1.8", [W_FR, M_2_2_6],
    "Content-Range does not satisfy first <= last < total",
    "The fragment's first byte cannot come after its last, and its last byte must lie inside the file (last < total). The server answers 400 with E_INVALIDARG." }
FragmentContentRangeUnit { "fragment-content-range-unit", Protocol, (W, X, W), Advice, "8.1.8", [W_FR, M_4],
    "Content-Range unit is not lower-case `bytes`",
    "On the wire the Windows client writes `bytes` (RFC 2616); the Win32 syntax line shows `Bytes`. A strict server may not accept another spelling." }
FragmentLengthMismatch { "fragment-length-mismatch", Protocol, (E, E, E), Both, "8.1.8", [W_FR, M_2_2_6],
    "Content-Length differs from the size of the Content-Range",
    "A fragment's body is exactly the bytes of its range: Content-Length must equal last - first + 1. Otherwise the server writes the wrong bytes or rejects the fragment." }
FragmentContentEncoding { "fragment-content-encoding", Protocol, (W, W, W), Advice, "8.1.8", [W_FR, M_2_2_6],
    "Fragment with Content-Encoding",
    "BITS servers support only the identity encoding and Windows clients never send Content-Encoding ([MC-BUP] footnote <12>); an encoded fragment would be stored still encoded." }
FragmentContentEncodingIdentity { "fragment-content-encoding-identity", Protocol, (E, E, E), Both, "8.1.8", [W_FR, M_2_2_6],
    "Content-Encoding: identity must not be sent",
    "The Win32 Fragment page: do not send Content-Encoding for the identity encoding." }
// ---------------------------------------------------------------- Acks
AckPacketTypeMissing { "ack-packet-type-missing", Protocol, (E, E, E), Both, "8.1.9", [W_RSP, M_2_2_1_2],
    "Answer to a BITS request without BITS-Packet-Type: Ack",
    "Every BITS response carries `BITS-Packet-Type: Ack` (Win32 response packets; [MC-BUP] 2.2.1.2). An answer that carries BITS headers (an error code, a session id, a received range) but not this one is a broken Ack: a client reads it as a plain HTTP error and reports the status alone (BG_E_HTTP_ERROR_nnn), so its BITS-Error-Code is lost and BG_E_SESSION_NOT_FOUND never sends the client back to Create-Session; a 2xx without it is no answer the client can use, and the job fails. The Ack is checked with every other Ack rule all the same. Only an answer with no BITS header at all that is not a success (an authentication challenge, a web server's or proxy's own error page) is plain HTTP." }
AckHttpLevelResponse { "ack-http-level-response", ResponseCode, (N, N, N), Info, "8.1.9, C22", [M_3_2_5_2_3, M_3_1_5],
    "Plain HTTP error answering a BITS request",
    "Authentication challenges (401, 407) and errors raised before BITS processing are plain HTTP responses, not Acks. After 401/407 the client resends the request with credentials." }
AckPacketTypeNotAck { "ack-packet-type-not-ack", Protocol, (E, E, E), Both, "8.1.9", [W_RSP, M_2_2_1_2],
    "Response with a BITS-Packet-Type other than Ack",
    "Responses always use the Ack packet type (compared case-insensitively)." }
AckContentLengthMissing { "ack-content-length-missing", Protocol, (E, E, E), Both, "8.1.10", [W_APING, W_ACS, W_AFR, W_ACL, W_ACAN, M_2_2_3, M_2_2_7],
    "Ack without Content-Length",
    "The Win32 pages require Content-Length on every Ack, even when the body is empty: without it the client cannot tell where the Ack ends on a kept-alive connection." }
AckContentLengthNotZero { "ack-content-length-not-zero", Protocol, (W, X, E), McBup, "8.1.10, 9.D18", [M_2_2_3, M_2_2_7, W_ACS],
    "Ack with a body",
    "[MC-BUP] fixes Content-Length of every Ack at 0 and forbids a body; the Win32 pages describe it as the length of an optional body." }
AckErrorOnSuccess { "ack-error-on-success", ResponseCode, (E, E, E), Both, "8.1.11", [W_ACS, W_AFR, M_2_2_1_2],
    "BITS-Error-Code or BITS-Error-Context on a 200/201 Ack",
    "The error headers are included only when the reason code is not 200 or 201 (Win32), only when the server hit an error ([MC-BUP]). A client seeing them on success may fail the job." }
AckErrorCodeMissing { "ack-error-code-missing", ResponseCode, (W, W, N), Advice, "8.1.11", [W_ACS, W_AFR, M_2_2_1_2],
    "Error Ack without BITS-Error-Code",
    "The Win32 pages give the failure as an HRESULT in BITS-Error-Code whenever the reason code is not 200 or 201. [MC-BUP] lets Windows omit it when the HTTP status already says it (footnote <4>); 416 needs none." }
AckErrorContextWithoutCode { "ack-error-context-without-code", ResponseCode, (W, W, E), McBup, "8.1.11", [M_2_2_1_2, W_AFR],
    "BITS-Error-Context without an error code",
    "The context says who produced the error in BITS-Error-Code; [MC-BUP] allows it only when the error header is present." }
AckErrorContextMissing { "ack-error-context-missing", ResponseCode, (W, W, W), Advice, "3.10", [W_ACS, M_2_2_1_2],
    "Error code without BITS-Error-Context",
    "Both documents send the context (0x5 BITS server, 0x7 server application) together with the error code; the client uses it to tell the user where the upload failed." }
AckErrorCodeInvalid { "ack-error-code-invalid", ResponseCode, (E, E, E), Both, "8.1.11, 9.D25", [W_ACS, M_2_2_1_2],
    "BITS-Error-Code is not a hexadecimal HRESULT",
    "The value is a 32-bit HRESULT in hexadecimal; `0x8020001F`, `0X8020001f` and bare `8020001F` are all read." }
AckErrorContextInvalid { "ack-error-context-invalid", ResponseCode, (E, E, E), Both, "8.1.11", [W_ACS, M_2_2_1_2, SDK_EC],
    "BITS-Error-Context is not 0x5 or 0x7",
    "Only two contexts exist on the wire: 0x5 (BG_ERROR_CONTEXT_REMOTE_FILE, the BITS server produced the error) and 0x7 (BG_ERROR_CONTEXT_REMOTE_APPLICATION, the server application did)." }
AckErrorHeaderMcBupName { "ack-error-header-mc-bup-name", ResponseCode, (N, W, X), Win32, "9.D1", [W_ACS, M_2_2_1_2],
    "Error header named BITS-Error ([MC-BUP]) rather than BITS-Error-Code (Win32)",
    "The Win32 pages name the header BITS-Error-Code, [MC-BUP] names it BITS-Error. No Microsoft capture shows which one current IIS sends; clients should read both.",
    departs: "The reference (9.D1) tells validators to accept both names: no Microsoft capture shows which one IIS sends, so the [MC-BUP] name is a warning under win32, not an error." }
AckErrorHeaderWin32Name { "ack-error-header-win32-name", ResponseCode, (X, X, N), McBup, "9.D1", [W_ACS, M_2_2_1_2],
    "Error header named BITS-Error-Code (Win32) rather than BITS-Error ([MC-BUP])",
    "[MC-BUP] names the header BITS-Error; the Win32 pages name it BITS-Error-Code.",
    departs: "The reference (9.D1) tells validators to accept both names, and the third-party client bits4j reads both: the Win32 name is only a note under mc-bup." }
AckErrorStatusMismatch { "ack-error-status-mismatch", ResponseCode, (N, X, W), Advice, "4", [M_2_2_1_2],
    "Error code paired with another status than [MC-BUP] gives",
    "[MC-BUP] 2.2.1.2 pairs each server error with a status: BG_E_SESSION_NOT_FOUND and BG_E_TOO_LARGE with 500, E_ACCESSDENIED with 403 or 501, E_INVALIDARG with 400 or 411, S_OK with 416." }
AckStatusUnexpected { "ack-status-unexpected", ResponseCode, (W, W, W), Advice, "8.1.16", [W_ACS, W_AFR, M_2_2_7],
    "Status that belongs to another packet",
    "201 Created answers only Create-Session; 416 (range not satisfiable) and 413 (fragment too large) answer only Fragment." }
AckCreateSessionProtocolMissing { "ack-create-session-protocol-missing", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, M_2_2_3],
    "Successful Ack for Create-Session without BITS-Protocol",
    "On success the server returns the protocol GUID it picked from the client's list. Without it the client cannot continue the session." }
AckCreateSessionProtocolMalformed { "ack-create-session-protocol-malformed", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, M_2_2_3],
    "BITS-Protocol is not a braced GUID",
    "BITS-Protocol is one GUID in braces, chosen from the client's BITS-Supported-Protocols." }
AckCreateSessionProtocolOnFailure { "ack-create-session-protocol-on-failure", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, M_2_2_3],
    "BITS-Protocol on a failed Create-Session",
    "Both documents allow BITS-Protocol only when the session was created (Win32: 200 or 201; [MC-BUP]: 200) and forbid it otherwise." }
AckCreateSessionSessionIdMissing { "ack-create-session-session-id-missing", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, M_2_2_3],
    "Successful Ack for Create-Session without BITS-Session-Id",
    "The session id returned here is what the client sends in every later request; a success without one leaves it nothing to send." }
SessionIdInvalid { "session-id-invalid", Protocol, (E, E, E), Both, "8.1.12, 3.2", [W_ACS, M_2_2_3],
    "Session id longer than 100 characters or not HTTP-legal",
    "The Win32 page allows any HTTP-legal string of up to 100 characters as a session id (Windows uses a GUID). The server issues it in the Ack for Create-Session; a request that carries a bad one echoes what it was given." }
AckCreateSessionSessionIdNotGuid { "ack-create-session-session-id-not-guid", Protocol, (W, X, E), McBup, "8.1.12, 9.D17", [M_2_2_3, W_ACS],
    "Session id is not a GUID",
    "[MC-BUP] requires a GUID unique among the server's sessions; the Win32 pages allow any HTTP-legal string up to 100 characters for third-party servers." }
AckCreateSessionAcceptEncodingMissing { "ack-create-session-accept-encoding-missing", Protocol, (W, W, N), Advice, "8.1.12", [W_ACS, M_2_2_3],
    "Successful Ack for Create-Session without Accept-Encoding: Identity",
    "The Win32 page includes `Accept-Encoding: Identity` on 200/201 to tell the client to send fragments unencoded. [MC-BUP] treats it as an ordinary HTTP header." }
AckCreateSessionAcceptEncodingNotIdentity { "ack-create-session-accept-encoding-not-identity", Protocol, (W, E, N), Win32, "8.1.12", [W_ACS, M_2_2_3],
    "Accept-Encoding other than identity",
    "BITS servers support only the identity (plain) encoding (Win32 page); Windows sends `identity`." }
AckCreateSessionAcceptEncodingOnFailure { "ack-create-session-accept-encoding-on-failure", Protocol, (W, E, X), Win32, "8.1.12", [W_ACS],
    "Accept-Encoding on a failed Create-Session",
    "The Win32 page includes Accept-Encoding only when the reason code is 200 or 201." }
AckCreateSession201 { "ack-create-session-201", ResponseCode, (N, X, E), McBup, "8.1.12, 9.D2", [W_ACS, M_2_2_3],
    "Create-Session answered 201 Created",
    "The Win32 page lists 201 as success for Create-Session; [MC-BUP] only speaks of 200, and makes BITS-Protocol conditional on 200 alone." }
AckCreateSession409 { "ack-create-session-409", ResponseCode, (N, X, W), Advice, "9.D3", [W_ACS, M_2_2_1_2],
    "Create-Session answered 409 Conflict",
    "The Win32 page uses 409 when the file exists and cannot be overwritten; [MC-BUP] maps that case to 403 with E_ACCESSDENIED." }
AckCreateSessionStatusUndocumented { "ack-create-session-status-undocumented", ResponseCode, (N, N, N), Info, "2.4", [W_ACS, M_2_2_1_2],
    "Create-Session status that neither document lists",
    "The Win32 page lists 200, 201, 403, 404 and 409 for this Ack; [MC-BUP] adds 400 (no common protocol, malformed request), 411, 500 and 501. Authentication challenges (401, 407) are plain HTTP." }
AckCreateSessionHostIdInvalid { "ack-create-session-host-id-invalid", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, M_2_2_3],
    "BITS-Host-Id is not a host name or IP address",
    "BITS-Host-Id names one server of a web farm: a host name, an IPv4 address or an IPv6 address (RFC 1738 section 5, RFC 2373). The client puts it in the host part of every later URL." }
AckCreateSessionFallbackWithoutHostId { "ack-create-session-fallback-without-host-id", Protocol, (E, E, E), Both, "8.1.12, 9.D6", [W_ACS, M_2_2_3],
    "BITS-Host-Id-Fallback-Timeout without BITS-Host-Id",
    "The fallback timeout says how long to keep trying the BITS-Host-Id server before going back to the original one; without a Host-Id it means nothing (Win32: only if BITS-Host-Id is present)." }
AckCreateSessionFallbackInvalid { "ack-create-session-fallback-invalid", Protocol, (E, E, E), Both, "8.1.12", [W_ACS, W_IIS, M_2_2_3],
    "BITS-Host-Id-Fallback-Timeout is not a number of seconds",
    "The value is a non-negative decimal number of seconds (IIS property BITSHostIdFallbackTimeout)." }
AckCreateSessionHostIdWithoutFallback { "ack-create-session-host-id-without-fallback", Protocol, (N, X, W), McBup, "9.D6", [M_2_2_3, W_ACS],
    "BITS-Host-Id without BITS-Host-Id-Fallback-Timeout",
    "[MC-BUP] 2.2.3.2 says the timeout MUST be returned whenever an alternate server is configured. Under the Win32 page it is optional; without it the client never reverts to the original server.",
    departs: "[MC-BUP] contradicts itself (9.D6, 9.D24): 2.2.3.2 labels the timeout Optional and says MUST in the same paragraph, and 3.2.5.2.4 says SHOULD: a warning under mc-bup." }
AckFragmentReceivedRangeMissing { "ack-fragment-received-range-missing", Protocol, (E, E, E), Both, "8.1.13", [W_AFR, M_2_2_7],
    "Ack for Fragment without BITS-Received-Content-Range",
    "On 200 and 416 the server says which byte it expects next; the client continues from there. [MC-BUP] 2.2.7.2: MUST be included." }
AckFragmentReceivedRangeInvalid { "ack-fragment-received-range-invalid", Protocol, (E, E, E), Both, "8.1.13, 3.8", [W_AFR, M_2_2_7],
    "BITS-Received-Content-Range is not a byte offset",
    "Despite its name the value is one non-negative decimal number: the offset of the next byte the server expects (for `bytes 0-4891/4892` it is `4892`)." }
AckSessionIdMissing { "ack-session-id-missing", Protocol, (N, W, E), McBup, "8.1.13, 8.1.14, 9.D5", [M_2_2_1_2, W_AFR, W_ACL, M_4],
    "200 Ack without BITS-Session-Id",
    "[MC-BUP] 2.2.1.2 says a 200 Ack MUST carry the session id and the Win32 pages list it; yet [MC-BUP]'s own Windows captures show IIS leaving it out of the Acks for Fragment and Close-Session, and Windows clients accept that." }
AckPingUnexpectedHeader { "ack-ping-unexpected-header", Protocol, (N, N, N), Info, "8.1.15", [W_APING, M_2_2_5],
    "Session header on an Ack for Ping",
    "Ping is answered without any session; BITS-Session-Id, BITS-Protocol, BITS-Received-Content-Range and BITS-Reply-URL are not defined for its Ack." }
// ---------------------------------------------------------------- conversation
SessionAckWithoutRequest { "session-ack-without-request", Sequence, (N, N, N), Info, "C1", [W_UP],
    "Ack whose request is not in the capture",
    "Every Ack answers the request before it. This one has no unanswered BITS request before it, so the capture probably starts after the request; the Ack is checked on its own." }
SessionRequestNotAcked { "session-request-not-acked", Sequence, (W, E, E), Both, "C1", [W_UP, W_REQ, M_3_1_5],
    "A new BITS request before the previous one was answered",
    "The client must receive the Ack for its request before sending the next one: no pipelining. Either the client broke that rule or the Ack is missing from the capture.",
    departs: "Default: a capture that lacks the Ack looks the same as a client that did not wait for it, so it stays a warning until the Ack is known to be missing." }
SessionUnknownId { "session-unknown-id", Sequence, (E, E, E), Both, "C2", [W_AFR, M_3_2_5_2_3],
    "Session id that no Ack for Create-Session issued",
    "This capture shows sessions being created, but none with this id. The server should answer 500 with BG_E_SESSION_NOT_FOUND (0x8020001F)." }
SessionIdCase { "session-id-case", Sequence, (W, W, W), Advice, "C2", [W_ACS],
    "Session id matches an issued one only when case is ignored",
    "The Win32 page allows session ids that are arbitrary strings, so servers may compare them byte for byte: a client sends, and a server echoes, the id exactly as issued. A GUID is the same GUID in any case and is not flagged." }
SessionAckIdMismatch { "session-ack-id-mismatch", Sequence, (E, E, E), Both, "C3", [M_2_2_1_2, W_AFR],
    "Ack echoes another session id than its request",
    "When an Ack carries BITS-Session-Id it must equal the id of the request it answers." }
SessionProtocolNotOffered { "session-protocol-not-offered", Sequence, (E, E, E), Both, "C4", [W_ACS, M_2_2_3],
    "Server picked a protocol the client did not offer",
    "BITS-Protocol must be one of the GUIDs in the Create-Session's BITS-Supported-Protocols; the client cannot speak any other." }
SessionNoSessionYet { "session-no-session-yet", Sequence, (N, W, W), Advice, "C5", [W_FR, W_CS],
    "Session request before any Create-Session in the capture",
    "No session was created earlier in this capture. Usually the capture started in the middle of an upload; otherwise the client is using a session that does not exist." }
SessionTotalChanged { "session-total-changed", Sequence, (E, E, E), Both, "C7", [M_2_2_1_2, W_FR],
    "File size (Content-Range total) changed within the session",
    "Every Fragment of a session gives the same total length; a server answers a change with 400 and E_INVALIDARG." }
SessionFirstFragmentNotZero { "session-first-fragment-not-zero", Sequence, (E, E, E), Both, "C8", [W_FR, M_3_2_5_2_6],
    "First fragment of the session does not start at offset 0",
    "The client sends the file in order starting with offset zero (Win32 Fragment page); a new session has received nothing." }
SessionFragmentGap { "session-fragment-gap", Sequence, (E, E, E), Both, "C9, C11", [W_FR, W_AFR, M_3_2_5_2_6],
    "Fragment skips bytes the server has not received",
    "Fragments are sent in order from the offset the server last acknowledged. A server does not keep non-contiguous ranges and must answer 416 with the offset it expects." }
SessionFragmentOverlap { "session-fragment-overlap", Sequence, (N, X, W), Advice, "C9, 9.D7", [W_FR, M_3_2_5_2_6],
    "Fragment overlaps bytes already received",
    "The Win32 page accepts overlaps and writes only the new part (0-100 then 50-150 writes 101-150); [MC-BUP] answers 416 to any fragment not starting at the next expected offset." }
SessionFragmentDuplicate { "session-fragment-duplicate", Sequence, (N, N, N), Info, "C9, C24", [W_PMU],
    "Fragment the server already has in full",
    "Every byte of this fragment was acknowledged before, as happens when an Ack is lost and the client resends. Neither document says how to answer; the received offset must not go back." }
SessionAckRangeWrong { "session-ack-range-wrong", Sequence, (E, E, E), Both, "C9", [W_AFR, M_2_2_7],
    "BITS-Received-Content-Range does not match the acknowledged fragment",
    "After accepting `bytes F-L/T` in order, the server expects byte L + 1 next and says so; another value makes the client resend or skip bytes." }
SessionGapAccepted { "session-gap-accepted", Sequence, (E, E, E), Both, "C9", [W_AFR, M_3_2_5_2_6],
    "Server accepted a fragment that leaves a gap",
    "A fragment that starts after the next expected offset must get 416 with that offset; accepting it leaves a hole in the uploaded file." }
Session416RangeWrong { "session-416-range-wrong", Sequence, (E, E, E), Both, "C9", [W_AFR, M_3_2_5_2_6],
    "416 Ack does not give the offset the server actually expects",
    "A 416 tells the client where to resume: BITS-Received-Content-Range must be the next byte the server expects." }
SessionReceivedRangeDecreased { "session-received-range-decreased", Sequence, (E, E, E), Both, "C10", [W_AFR, M_2_2_7],
    "BITS-Received-Content-Range went back",
    "The value is the next byte expected; within a session it never decreases (a new session starts again from 0)." }
SessionReceivedRangeBeyondTotal { "session-received-range-beyond-total", Sequence, (E, E, E), Both, "C10", [W_AFR, M_2_2_7],
    "BITS-Received-Content-Range beyond the file size",
    "The next byte expected cannot lie beyond the total length given in Content-Range." }
Session416Ignored { "session-416-ignored", Sequence, (W, W, E), McBup, "C11", [M_3_1_5, W_AFR],
    "Client ignored the offset the server gave",
    "After a 416 (or a 200 with another offset), the client continues from the server's BITS-Received-Content-Range ([MC-BUP] 3.1.5.1.4)." }
Session413NotSmaller { "session-413-not-smaller", Sequence, (W, W, W), Advice, "C9", [M_3_1_5],
    "After 413 the fragment was not resent smaller",
    "A 413 says the fragment is too large: the client resends from the same offset with a smaller fragment (the Windows client never goes below 5 KB)." }
SessionContentNameChanged { "session-content-name-changed", Sequence, (W, W, W), Advice, "C12", [M_2_2_6],
    "Content-Name changed within the session",
    "[MC-BUP] 2.2.6.1: Content-Name SHOULD be the same as on Create-Session and the earlier fragments: one session uploads one file." }
SessionContentEncodingMismatch { "session-content-encoding-mismatch", Sequence, (E, E, E), Both, "C13", [W_FR, M_2_2_6],
    "Content-Encoding differs between fragments or from the server's Accept-Encoding",
    "If an encoding is used at all it must be the same for every fragment and one the server accepted in its Accept-Encoding." }
SessionReplyUrlNotFinal { "session-reply-url-not-final", Sequence, (W, W, W), Advice, "C15", [W_AFR, M_2_2_7],
    "BITS-Reply-URL on an Ack that does not complete the upload",
    "The reply URL belongs on the Ack of the final fragment, once the server application has answered ([MC-BUP]: SHOULD NOT appear in other Acks)." }
SessionReplyUrlRelative { "session-reply-url-relative", Sequence, (N, N, N), Info, "9.D26", [W_AFR, M_2_2_7, M_4],
    "BITS-Reply-URL is a relative path",
    "Both documents call it a URL, but Windows sends a relative, backslash-separated path (`BITS-Sessions\\Replies\\{id}\\responsefile.bin`) that the client resolves against the folder of the upload URL. The resolved address is shown so the reply download can be matched." }
SessionCloseBeforeComplete { "session-close-before-complete", Sequence, (W, W, W), Advice, "C16", [W_CL],
    "Close-Session before the whole file was acknowledged",
    "Closing a session whose upload is incomplete deletes the upload: BITS keeps no partial files. Cancel-Session is the packet meant for giving up." }
SessionCloseBeforeReplyDownload { "session-close-before-reply-download", Sequence, (W, W, W), Advice, "C17", [W_CL, W_REPLY],
    "Close-Session before the reply was downloaded",
    "Close-Session releases the session's files, the reply included: an upload-reply client downloads BITS-Reply-URL first, or the reply is lost." }
SessionCancelAfterComplete { "session-cancel-after-complete", Sequence, (N, N, N), Info, "C18", [W_CAN],
    "Cancel-Session after the whole file was uploaded",
    "After the last fragment the server has already placed the file (or handed it to the server application); a cancel now only cancels the reply part." }
SessionRequestAfterClose { "session-request-after-close", Sequence, (W, W, W), Advice, "C19", [W_ACL, W_ACAN],
    "Request for a session that was already closed or cancelled",
    "The server released the session when it acknowledged Close-Session or Cancel-Session; there is nothing left to talk to." }
SessionNotFoundExpected { "session-not-found-expected", Sequence, (E, E, E), Both, "C2, C19", [W_AFR, W_ACL, M_3_2_5_2_3],
    "Server accepted a request for a session it does not have",
    "A request naming an unknown or released session gets 500 with BITS-Error-Code BG_E_SESSION_NOT_FOUND (0x8020001F), which sends the client back to Create-Session." }
SessionResendNotExpected { "session-resend-not-expected", Sequence, (W, W, N), Advice, "C20, 9.D20", [W_ACL, W_ACAN],
    "Close-Session or Cancel-Session resent after an answer that forbids it",
    "The client resends these packets only after a 5xx whose BITS-Error-Code is not BG_E_SESSION_NOT_FOUND; never after 100-499." }
SessionRestartExpected { "session-restart-expected", Sequence, (W, W, E), McBup, "C21", [M_3_1_5],
    "BG_E_SESSION_NOT_FOUND not followed by a new Create-Session",
    "When the server no longer knows the session, the client starts over with Create-Session and uploads from offset 0 ([MC-BUP] 3.1.5.2.1); not after Cancel-Session." }
SessionAppContextNotFinal { "session-app-context-not-final", Sequence, (N, N, N), Info, "C23", [W_AFR, M_3_2_5_1_3],
    "Server-application error context on an Ack that is not the final fragment's",
    "The server application runs only after the last byte arrived, so context 0x7 is only plausible on the Ack of the final fragment." }
SessionHostIdNotUsed { "session-host-id-not-used", Sequence, (W, E, E), Both, "C25", [W_ACS, W_PMU, M_3_1_5],
    "Request not sent to the BITS-Host-Id server",
    "After BITS-Host-Id the client must send every later request of the session to that host; otherwise the upload may restart on another farm member and leave a partial file. It may go back to the original host only after the fallback timeout.",
    departs: "Default: a client may go back to the original host once connections to the Host-Id server have failed for the fallback timeout, which a capture does not show." }
SessionHostIdNoPing { "session-host-id-no-ping", Sequence, (N, N, N), Info, "C26", [M_3_1_5],
    "No Ping to the BITS-Host-Id server first",
    "After a Host-Id, Windows first sends a Ping to that host ([MC-BUP] 3.1.5.1.2, footnote <9>)." }
NotifyOutOfPlace { "notify-out-of-place", Notification, (E, E, E), Both, "C27", [W_AFR, M_3_2_5_1_3],
    "Notification to the server application outside the final fragment",
    "The BITS server notifies the server application once the last byte arrived, before it sends the Ack for the final fragment." }
NotifyOriginalUrlMissing { "notify-original-url-missing", Notification, (E, E, E), Both, "C27", [W_NOTIF, M_2_2_12],
    "Notification without BITS-Original-Request-URL",
    "Both notification types carry the job's remote URL in BITS-Original-Request-URL." }
NotifyDataFileHeaders { "notify-data-file-headers", Notification, (E, E, E), Both, "C27", [W_NOTIF, W_NHDR, M_2_2_12],
    "Notification by reference is incomplete",
    "By reference (type 1) carries both BITS-Request-DataFile-Name and BITS-Response-DataFile-Name and no body; by value (type 2) carries neither and the file as its body." }
NotifyBodyLength { "notify-body-length", Notification, (E, E, E), Both, "C27", [W_NOTIF, M_2_2_12],
    "Notification by value whose body is not the uploaded file",
    "By value (type 2) the POST body is the whole uploaded file, so its length equals the Content-Range total." }
NotifyDataEntityNames { "notify-data-entity-names", Notification, (N, N, X), Advice, "9.D12", [M_2_2_12, W_NHDR, M_4],
    "Notification header named as [MC-BUP] 2.2.12.2 writes it",
    "[MC-BUP] 2.2.12.2 names them BITS-Request-DataEntity-Name and BITS-Response-DataEntity-Name; Windows (its own capture) and the Win32 pages send BITS-Request-DataFile-Name and BITS-Response-DataFile-Name." }
NotifyStaticUrlRelative { "notify-static-url-relative", Notification, (W, E, W), Win32, "C28", [W_NOTIF, W_NHDR],
    "BITS-Static-Response-URL is not absolute",
    "The server application's static reply URL is always absolute, never relative." }
NotifyStaticUrlWithBody { "notify-static-url-with-body", Notification, (E, E, E), Both, "C28", [M_2_2_13, W_NHDR],
    "Static reply URL and a reply body at once",
    "With BITS-Static-Response-URL the application must not also return the reply in the body." }
SessionReplyUrlNotStatic { "session-reply-url-not-static", Sequence, (W, W, W), Advice, "C28", [M_2_2_13, W_NHDR],
    "BITS-Reply-URL does not carry the application's static reply URL",
    "When the server application answers with BITS-Static-Response-URL, the BITS server hands that URL to the client as BITS-Reply-URL." }
SessionAppErrorContext { "session-app-error-context", Sequence, (N, N, N), Info, "C29", [M_3_2_5_1_3, W_SAE],
    "Server application failed but the Ack does not say so with context 0x7",
    "A non-200 answer from the server application reaches the client as an error Ack with BITS-Error-Context 0x7." }
}

/// Rules of the protocol reference's section 8 that are statements, not checks, and why
/// no finding implements them. Listed by `bits-inspector rules` so coverage is explicit.
pub const NOT_CHECKS: &[(&str, &str)] = &[
    ("C6", "Ping may appear anywhere: a permission, so nothing to flag."),
    ("C14", "Definition of a complete upload; used by C15-C18."),
    (
        "C22",
        "401/407 followed by the same request with credentials is normal: reported only as ack-http-level-response.",
    ),
    ("C24", "A final fragment may be retried after an error: the duplicate rule stays a note."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_order_matches_the_enum() {
        for (i, meta) in CATALOG.iter().enumerate() {
            assert_eq!(meta.rule as usize, i, "{} is out of order", meta.id);
        }
    }

    #[test]
    fn ids_are_unique_kebab_case_and_found_by_id() {
        let mut seen = std::collections::HashSet::new();
        for meta in CATALOG {
            assert!(seen.insert(meta.id), "duplicate id {}", meta.id);
            assert!(meta.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(Rule::by_id(meta.id), Some(meta.rule));
        }
    }

    #[test]
    fn every_rule_cites_a_source_and_is_reported_somewhere() {
        for meta in CATALOG {
            assert!(!meta.sources.is_empty(), "{} cites nothing", meta.id);
            let g = meta.grade;
            assert!(g.default.is_some() || g.win32.is_some() || g.mc_bup.is_some(), "{}", meta.id);
            assert!(meta.explanation.len() > 40, "{} needs an explanation", meta.id);
        }
    }

    #[test]
    fn default_profile_errors_are_backed_by_a_document() {
        // The default profile may only call something an error when a document requires it.
        for meta in CATALOG.iter().filter(|m| m.grade.default == E) {
            assert!(meta.grade.win32 == E || meta.grade.mc_bup == E, "{}", meta.id);
        }
    }

    /// Grades follow their sources: every rule's grades are what its basis gives, or the
    /// catalog says beside the rule why they depart, and then they really do.
    #[test]
    fn every_rules_grades_follow_its_basis_or_say_why_not() {
        let mut wrong = Vec::new();
        for meta in CATALOG {
            match (meta.basis.allows(meta.grade), meta.departs) {
                (true, None) => {}
                (false, Some(why)) => assert!(why.len() > 40, "{}: say why it departs", meta.id),
                (false, None) => wrong.push(format!("{}: {:?} breaks {:?}", meta.id, meta.grade, meta.basis)),
                (true, Some(_)) => {
                    wrong.push(format!("{}: says it departs from {:?} but does not", meta.id, meta.basis))
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// A rule resting on one document cites it.
    #[test]
    fn a_rules_basis_is_among_its_sources() {
        use crate::spec::Document;
        let mut wrong = Vec::new();
        for meta in CATALOG {
            let cites = |d: Document| meta.sources.iter().any(|s| s.document == d);
            let ok = match meta.basis {
                Basis::Both => cites(Document::Win32) && cites(Document::McBup),
                Basis::Win32 => cites(Document::Win32),
                Basis::McBup => cites(Document::McBup),
                Basis::Standard => meta.sources.iter().any(|s| s.document == Document::Rfc),
                Basis::Advice | Basis::Info => true,
            };
            if !ok {
                let cited: Vec<&str> = meta.sources.iter().map(|s| s.id).collect();
                wrong.push(format!("{} rests on {:?} but cites {cited:?}", meta.id, meta.basis));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_principle_itself() {
        let g = |default, win32, mc_bup| Grade { default, win32, mc_bup };
        assert!(Basis::Both.allows(g(E, E, E)));
        assert!(!Basis::Both.allows(g(W, E, E)));
        assert!(Basis::Win32.allows(g(W, E, X)));
        assert!(!Basis::Win32.allows(g(W, W, X)), "an error under its own document");
        assert!(!Basis::Win32.allows(g(E, E, X)), "not an error by default: only one document asks");
        assert!(!Basis::Win32.allows(g(W, E, E)), "not an error under the other document");
        assert!(Basis::McBup.allows(g(N, X, E)));
        assert!(!Basis::McBup.allows(g(N, X, W)));
        assert!(Basis::Standard.allows(g(W, W, W)));
        assert!(!Basis::Standard.allows(g(W, E, W)));
        assert!(Basis::Advice.allows(g(N, W, X)));
        assert!(!Basis::Advice.allows(g(N, E, X)));
        assert!(!Basis::Info.allows(g(N, W, N)));
    }
}
