//! Classification: what each message is, and which request each response answers.

use crate::bits::headers::{self, HeaderKey};
use crate::bits::packet::{AckForm, MessageKind, PacketType};
use crate::bits::values;
use crate::http::{Header, Message};

/// A message with what classification learnt about it; rules read messages through this.
pub struct MessageView<'a> {
    pub input: &'a [u8],
    pub msg: &'a Message,
    pub index: usize,
    pub kind: MessageKind,
    /// The request this response answers, or the response answering this request.
    pub pair: Option<usize>,
    /// For each header line, its entry in the header table.
    pub keys: Vec<Option<HeaderKey>>,
    /// For each table entry, the index of its first header line (`u32::MAX` when absent)
    /// and how many lines carry it: rules ask for headers by name many times a message.
    first: [u32; headers::HEADER_SLOTS],
    count: [u16; headers::HEADER_SLOTS],
    /// For an Ack (a response to a BITS request, or a lone response carrying BITS
    /// headers): whether it is marked as one, an unmarked attempt, or plain HTTP.
    pub ack_form: Option<AckForm>,
    /// The connection it travelled on, in a capture file; `None` for pasted text, where
    /// all messages count as one conversation.
    pub connection: Option<usize>,
}

impl<'a> MessageView<'a> {
    /// The first header with this table name (or one of its aliases).
    pub fn header(&self, name: &str) -> Option<&'a Header> {
        self.first_header(headers::key_of(name)?)
    }

    pub fn first_header(&self, key: HeaderKey) -> Option<&'a Header> {
        let line = self.first[key.0];
        (line != u32::MAX).then(|| &self.msg.headers[line as usize])
    }

    /// How many header lines carry this table entry.
    pub fn count(&self, key: HeaderKey) -> usize {
        self.count[key.0] as usize
    }

    pub fn value(&self, name: &str) -> Option<&'a [u8]> {
        self.header(name).map(|h| h.value(self.input))
    }

    pub fn occurrences(&self, key: HeaderKey) -> impl Iterator<Item = &'a Header> + '_ {
        let headers = &self.msg.headers;
        self.keys.iter().enumerate().filter(move |(_, k)| **k == Some(key)).map(move |(i, _)| &headers[i])
    }

    /// Any header, by its exact HTTP name (case-insensitive), table or not.
    pub fn raw_value(&self, name: &str) -> Option<&'a [u8]> {
        self.msg.header_value(self.input, name)
    }

    pub fn status(&self) -> Option<u16> {
        self.msg.status()
    }

    /// An Ack marked as such or carrying BITS headers: the Ack rules apply to it.
    pub fn is_ack_attempt(&self) -> bool {
        self.ack_form.is_some_and(AckForm::is_ack_attempt)
    }

    pub fn content_range(&self) -> Option<values::ContentRange> {
        self.value(headers::CONTENT_RANGE).and_then(values::parse_content_range)
    }

    pub fn session_id(&self) -> Option<&'a [u8]> {
        self.value(headers::SESSION_ID)
    }

    pub fn content_length(&self) -> Option<u64> {
        self.value(headers::CONTENT_LENGTH).and_then(crate::http::parse_decimal)
    }
}

fn is_bits_request(input: &[u8], msg: &Message) -> bool {
    let method = msg.method(input).unwrap_or_default();
    method.eq_ignore_ascii_case(b"BITS_POST")
        || is_method_override(input, msg)
        || msg.header(input, headers::PACKET_TYPE).is_some()
}

pub fn is_method_override(input: &[u8], msg: &Message) -> bool {
    msg.method(input) == Some(b"POST")
        && msg.header_value(input, "X-Http-Method-Override").is_some_and(|v| v.eq_ignore_ascii_case(b"BITS_POST"))
}

fn is_notification(input: &[u8], msg: &Message) -> bool {
    msg.method(input) == Some(b"POST")
        && (msg.header(input, headers::ORIGINAL_REQUEST_URL).is_some()
            || msg.header(input, headers::REQUEST_DATA_FILE).is_some()
            || msg.header(input, "BITS-Request-DataEntity-Name").is_some()
            || msg.header_value(input, "User-Agent").is_some_and(|ua| ua.starts_with(b"BITSExts")))
}

/// Guess which request an Ack answers from the headers only that Ack can carry.
fn guess_ack_packet(input: &[u8], msg: &Message) -> Option<PacketType> {
    let has = |name| msg.header(input, name).is_some();
    if has(headers::PROTOCOL) || has(headers::HOST_ID) || has(headers::HOST_ID_FALLBACK_TIMEOUT) {
        Some(PacketType::CreateSession)
    } else if has(headers::RECEIVED_CONTENT_RANGE) || has(headers::REPLY_URL) {
        Some(PacketType::Fragment)
    } else {
        None
    }
}

const IIS_REPLY_FOLDER: &[u8] = b"/bits-sessions/replies/";

/// `connections[i]` is the connection message `i` travelled on (empty for text): a
/// response answers a request of its own connection.
pub fn classify<'a>(input: &'a [u8], messages: &'a [Message], connections: &[Option<usize>]) -> Vec<MessageView<'a>> {
    let mut views: Vec<MessageView<'a>> = Vec::with_capacity(messages.len());
    // Unanswered requests, most recent last. BITS allows one outstanding request, but the
    // server's notification leg and the reply download interleave with the upload.
    let mut pending: Vec<usize> = Vec::new();
    let mut reply_paths: Vec<Vec<u8>> = Vec::new();

    for (index, msg) in messages.iter().enumerate() {
        let keys: Vec<Option<HeaderKey>> = msg.headers.iter().map(|h| headers::lookup(h.name(input))).collect();
        let mut first = [u32::MAX; headers::HEADER_SLOTS];
        let mut count = [0u16; headers::HEADER_SLOTS];
        for (line, key) in keys.iter().enumerate() {
            if let Some(key) = key {
                if first[key.0] == u32::MAX {
                    first[key.0] = line as u32;
                }
                count[key.0] = count[key.0].saturating_add(1);
            }
        }
        let has_packet_type = msg.header(input, headers::PACKET_TYPE).is_some();
        let marks_ack =
            msg.is_response() && msg.headers.iter().zip(&keys).any(|(h, key)| headers::marks_ack(h.name(input), *key));
        let connection = connections.get(index).copied().flatten();
        let mut pair = None;
        let kind = if msg.is_request() {
            let kind = if is_bits_request(input, msg) {
                match msg.header_value(input, headers::PACKET_TYPE).and_then(PacketType::from_value) {
                    Some(t) => MessageKind::Request(t),
                    None => MessageKind::UnknownRequest,
                }
            } else if is_notification(input, msg) {
                MessageKind::Notification
            } else if msg.method(input) == Some(b"GET") && is_reply_download(input, msg, &reply_paths) {
                MessageKind::ReplyDownload
            } else {
                MessageKind::HttpRequest
            };
            pending.push(index);
            kind
        } else if msg.is_response() && is_interim(msg) {
            // `100 Continue` (a client sending `Expect: 100-continue`) comes before the
            // answer itself: the request is still waiting for its Ack.
            MessageKind::HttpResponse
        } else if msg.is_response() {
            let same_connection = |r: &usize| views[*r].connection == connection;
            let answered = if marks_ack {
                pending.iter().rposition(|r| same_connection(r) && views[*r].kind.is_bits_request())
            } else {
                pending.iter().rposition(same_connection)
            };
            match answered.map(|at| pending.remove(at)) {
                Some(request) => {
                    pair = Some(request);
                    views[request].pair = Some(index);
                    let kind = response_kind(input, msg, views[request].kind);
                    if let MessageKind::Ack(PacketType::Fragment) = kind {
                        if let Some(url) = msg.header_value(input, headers::REPLY_URL) {
                            let target = messages[request].target(input).unwrap_or_default();
                            reply_paths.push(values::resolve_reply_url(target, url));
                        }
                    }
                    kind
                }
                None if marks_ack => MessageKind::UnknownAck(guess_ack_packet(input, msg)),
                // IIS names where a reply came from, so a reply answer is known even alone.
                None if msg.header_value(input, "Content-Location").is_some_and(in_reply_folder) => {
                    MessageKind::ReplyDownloadResponse
                }
                None => MessageKind::HttpResponse,
            }
        } else {
            MessageKind::Unknown
        };
        let ack_form = kind.is_ack().then_some(match (has_packet_type, marks_ack) {
            (true, _) => AckForm::Marked,
            (false, true) => AckForm::WithoutPacketType,
            (false, false) => AckForm::PlainHttp,
        });
        views.push(MessageView { input, msg, index, kind, pair, keys, first, count, ack_form, connection });
    }
    views
}

/// An interim 1xx response; 101 Switching Protocols ends HTTP on the connection instead.
fn is_interim(msg: &Message) -> bool {
    msg.status().is_some_and(|s| (100..200).contains(&s) && s != 101)
}

fn response_kind(input: &[u8], msg: &Message, request: MessageKind) -> MessageKind {
    match request {
        MessageKind::Request(t) => MessageKind::Ack(t),
        MessageKind::UnknownRequest => MessageKind::UnknownAck(guess_ack_packet(input, msg)),
        MessageKind::Notification => MessageKind::NotificationResponse,
        MessageKind::ReplyDownload => MessageKind::ReplyDownloadResponse,
        _ => MessageKind::HttpResponse,
    }
}

fn is_reply_download(input: &[u8], msg: &Message, reply_paths: &[Vec<u8>]) -> bool {
    let target = msg.target(input).unwrap_or_default();
    let path = values::normalised_path(target);
    reply_paths.iter().any(|p| p.eq_ignore_ascii_case(&path)) || in_reply_folder(target)
}

fn in_reply_folder(url: &[u8]) -> bool {
    let path = values::normalised_path(url).to_ascii_lowercase();
    path.windows(IIS_REPLY_FOLDER.len()).any(|w| w == IIS_REPLY_FOLDER)
}
