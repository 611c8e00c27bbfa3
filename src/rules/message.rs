//! Checks on one message that need more than the header table: methods, versions, packet
//! types, bodies, ranges, error codes and the notification leg.

use crate::bits::classify::{is_method_override, MessageView};
use crate::bits::codes::{self, Hresult};
use crate::bits::headers::{self as h};
use crate::bits::packet::{AckForm, MessageKind, PacketType};
use crate::bits::values::{self, BITS15_PROTOCOL};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::fix::{Edit, Fix};
use crate::rules::grade::Profile;
use crate::rules::headers::finding;
use crate::span::Span;

/// Windows reads at most this many protocol GUIDs ([MC-BUP] footnote <6>).
const MAX_PROTOCOLS: usize = 100;

pub fn check(view: &MessageView, profile: Profile, out: &mut Vec<RawFinding>) {
    match view.kind {
        MessageKind::Request(_) | MessageKind::UnknownRequest => check_request(view, out),
        MessageKind::Ack(_) | MessageKind::UnknownAck(_) => check_response_to_bits(view, profile, out),
        MessageKind::Notification => check_notification(view, out),
        MessageKind::NotificationResponse => check_notification_response(view, out),
        _ => {}
    }
    // Every BITS message, and every answer to one (plain HTTP included), travels in HTTP/1.1.
    if view.kind.is_bits() {
        check_version(view, out);
        check_packet_type_spelling(view, out);
    }
    check_reason_phrase(view, out);
}

/// A reason phrase that is another status's standard phrase (`200 Created`): clients ignore
/// the phrase, but it shows the server meant another code than it sent.
fn check_reason_phrase(view: &MessageView, out: &mut Vec<RawFinding>) {
    let crate::http::StartLine::Response { status: Some(status), reason, .. } = view.msg.start_line else { return };
    let phrase = String::from_utf8_lossy(reason.slice(view.input));
    if codes::http_reason_matches(status, &phrase) {
        return;
    }
    if let Some(other) = codes::http_status_of_reason(&phrase) {
        out.push(
            RawFinding::new(
                Rule::HttpReasonPhraseMismatch,
                reason,
                format!(
                    "`{status} {phrase}`: `{phrase}` is the phrase of {other}; {}",
                    match codes::http_reason_phrase(status) {
                        Some(own) => format!("{status} is `{own}`"),
                        None => format!("{status} has no standard phrase"),
                    },
                    phrase = phrase.trim(),
                ),
            )
            .in_message(view.index)
            .with_fix_if(
                codes::http_reason_phrase(status)
                    .map(|own| replace(reason, own, format!("set the reason phrase to {own}"))),
            ),
        );
    }
}

/// Replaces the bytes of a span, under a title.
fn replace(span: Span, with: &str, title: String) -> Fix {
    Fix::new(title, vec![Edit { start: span.start, end: span.end, insert: with.to_string() }])
}

fn at_start_line(view: &MessageView, rule: Rule, summary: String) -> RawFinding {
    RawFinding::new(rule, view.msg.start_line_span, summary).in_message(view.index)
}

fn check_version(view: &MessageView, out: &mut Vec<RawFinding>) {
    if let Some(version) = view.msg.version(view.input) {
        if version != b"HTTP/1.1" {
            let span = match view.msg.start_line {
                crate::http::StartLine::Request { version, .. } | crate::http::StartLine::Response { version, .. } => {
                    version
                }
                crate::http::StartLine::Invalid => view.msg.start_line_span,
            };
            out.push(
                RawFinding::new(
                    Rule::HttpVersion,
                    span,
                    format!("{} instead of HTTP/1.1", String::from_utf8_lossy(version)),
                )
                .in_message(view.index)
                // A start line that could not be read has no version to replace alone.
                .with_fix_if(
                    (!matches!(view.msg.start_line, crate::http::StartLine::Invalid))
                        .then(|| replace(span, "HTTP/1.1", "set the version to HTTP/1.1".to_string())),
                ),
            );
        }
    }
}

fn check_packet_type_spelling(view: &MessageView, out: &mut Vec<RawFinding>) {
    let Some(header) = view.header(h::PACKET_TYPE) else { return };
    let value = header.value(view.input);
    let expected = match view.kind {
        MessageKind::Request(t) => t.wire_name(),
        _ if view.msg.is_response() && value.eq_ignore_ascii_case(b"Ack") => "Ack",
        _ => return,
    };
    if value != expected.as_bytes() {
        out.push(
            finding(
                view,
                Rule::PacketTypeSpelling,
                header.value,
                h::PACKET_TYPE,
                format!("`{}` where Windows sends `{expected}`", String::from_utf8_lossy(value)),
            )
            .with_fix(Fix::set_header(header, h::PACKET_TYPE, expected)),
        );
    }
}

fn check_request(view: &MessageView, out: &mut Vec<RawFinding>) {
    let method = view.msg.method(view.input).unwrap_or_default();
    if is_method_override(view.input, view.msg) {
        out.push(at_start_line(
            view,
            Rule::RequestMethodOverride,
            "POST with X-Http-Method-Override: BITS_POST".to_string(),
        ));
    } else if method != b"BITS_POST" {
        let fix = match view.msg.start_line {
            crate::http::StartLine::Request { method, .. } => {
                Some(replace(method, "BITS_POST", "set the method to BITS_POST".to_string()))
            }
            _ => None,
        };
        out.push(
            at_start_line(
                view,
                Rule::RequestMethod,
                format!("method `{}` on a BITS request; BITS uses BITS_POST", String::from_utf8_lossy(method)),
            )
            .with_fix_if(fix),
        );
    }
    let packet = match view.kind {
        MessageKind::Request(t) => t,
        _ => {
            match view.header(h::PACKET_TYPE) {
                Some(header) => out.push(finding(
                    view,
                    Rule::RequestPacketTypeUnknown,
                    header.value,
                    h::PACKET_TYPE,
                    format!("`{}` is not a BITS request type", String::from_utf8_lossy(header.value(view.input))),
                )),
                None => out.push(at_start_line(
                    view,
                    Rule::RequestPacketTypeMissing,
                    "BITS_POST without BITS-Packet-Type".to_string(),
                )),
            }
            return;
        }
    };
    if packet != PacketType::Fragment {
        let announced = view.content_length().unwrap_or(0);
        if announced > 0 || view.msg.body.length > 0 {
            let span = view.header(h::CONTENT_LENGTH).map_or(view.msg.body.span, |c| c.line);
            out.push(
                finding(
                    view,
                    Rule::RequestBodyNotAllowed,
                    span,
                    h::CONTENT_LENGTH,
                    format!("{} carries a {announced}-byte body; only Fragment has one", packet.wire_name()),
                )
                .with_fix_if(empty_body(view)),
            );
        }
    }
    match packet {
        PacketType::CreateSession => check_supported_protocols(view, out),
        PacketType::Fragment => check_fragment(view, out),
        _ => {}
    }
}

fn check_supported_protocols(view: &MessageView, out: &mut Vec<RawFinding>) {
    let Some(header) = view.header(h::SUPPORTED_PROTOCOLS) else { return };
    let list = values::parse_guid_list(header.value(view.input));
    let on = |rule, summary: String| finding(view, rule, header.value, h::SUPPORTED_PROTOCOLS, summary);
    if list.entries.is_empty() {
        out.push(on(Rule::CreateSessionProtocolsMalformed, "BITS-Supported-Protocols is empty".to_string()));
        return;
    }
    for (raw, guid) in &list.entries {
        if guid.is_none() {
            out.push(on(
                Rule::CreateSessionProtocolsMalformed,
                format!("`{}` is not a braced GUID", String::from_utf8_lossy(raw)),
            ));
        }
    }
    if list.comma_separated {
        let spaced: Vec<&str> = list.entries.iter().filter_map(|(raw, _)| std::str::from_utf8(raw).ok()).collect();
        // Entries that are not text cannot be written back as they were.
        let fix = (spaced.len() == list.entries.len()).then(|| {
            let mut fix = Fix::set_header(header, h::SUPPORTED_PROTOCOLS, &spaced.join(" "));
            fix.title = "separate the protocols with spaces".to_string();
            fix
        });
        out.push(on(Rule::CreateSessionProtocolsComma, "GUIDs separated by commas".to_string()).with_fix_if(fix));
    }
    if list.entries.len() > MAX_PROTOCOLS {
        out.push(on(
            Rule::CreateSessionProtocolsTooMany,
            format!("{} GUIDs; Windows reads the first {MAX_PROTOCOLS}", list.entries.len()),
        ));
    }
    if !list.entries.iter().any(|(_, g)| *g == Some(BITS15_PROTOCOL)) {
        out.push(on(
            Rule::CreateSessionProtocolsNoBits15,
            "the BITS 1.5 upload protocol {7df0354d-249b-430f-820d-3d2a9bef4931} is not offered".to_string(),
        ));
    }
}

fn check_fragment(view: &MessageView, out: &mut Vec<RawFinding>) {
    if let Some(header) = view.header(h::CONTENT_RANGE) {
        if let Some(range) = values::parse_content_range(header.value(view.input)) {
            let on = |rule, summary: String| finding(view, rule, header.value, h::CONTENT_RANGE, summary);
            if !range.unit_lower_case {
                let written = format!("bytes {}-{}/{}", range.first, range.last, range.total);
                let mut fix = Fix::set_header(header, h::CONTENT_RANGE, &written);
                fix.title = "write the range unit as `bytes`".to_string();
                out.push(
                    on(Rule::FragmentContentRangeUnit, "the range unit is not written `bytes`".to_string())
                        .with_fix(fix),
                );
            }
            if !range.is_valid() {
                out.push(on(
                    Rule::FragmentContentRangeInvalid,
                    format!(
                        "first {}, last {}, total {}: needs first <= last < total",
                        range.first, range.last, range.total
                    ),
                ));
            } else if let Some(length) = view.content_length() {
                if length != range.byte_count() {
                    out.push(on(
                        Rule::FragmentLengthMismatch,
                        format!("Content-Length {length} but the range holds {} bytes", range.byte_count()),
                    ));
                }
            }
        }
    }
    if let Some(header) = view.header(h::CONTENT_ENCODING) {
        if header.value(view.input).eq_ignore_ascii_case(b"identity") {
            out.push(
                finding(
                    view,
                    Rule::FragmentContentEncodingIdentity,
                    header.line,
                    h::CONTENT_ENCODING,
                    "Content-Encoding: identity is sent; it must be left out".to_string(),
                )
                .with_fix(Fix::remove_header(view.input, header, h::CONTENT_ENCODING)),
            );
        }
    }
}

fn check_response_to_bits(view: &MessageView, profile: Profile, out: &mut Vec<RawFinding>) {
    let status = view.status().unwrap_or(0);
    match view.ack_form {
        Some(AckForm::Marked) => {
            if let Some(header) = view.header(h::PACKET_TYPE) {
                if !header.value(view.input).eq_ignore_ascii_case(b"Ack") {
                    out.push(
                        finding(
                            view,
                            Rule::AckPacketTypeNotAck,
                            header.value,
                            h::PACKET_TYPE,
                            format!(
                                "a response with BITS-Packet-Type `{}`",
                                String::from_utf8_lossy(header.value(view.input))
                            ),
                        )
                        .with_fix(Fix::set_header(header, h::PACKET_TYPE, "Ack")),
                    );
                }
            }
        }
        Some(AckForm::WithoutPacketType) => {
            out.push(packet_type_missing(view, status, true));
        }
        Some(AckForm::PlainHttp) | None => {
            if (200..300).contains(&status) {
                out.push(packet_type_missing(view, status, false));
            } else {
                out.push(at_start_line(
                    view,
                    Rule::AckHttpLevelResponse,
                    format!(
                        "{status} {} is a plain HTTP response, not an Ack",
                        codes::http_reason_phrase(status).unwrap_or("")
                    ),
                ));
            }
            return;
        }
    }
    if view.content_length().is_some_and(|n| n > 0) || view.msg.body.length > 0 {
        let span = view.header(h::CONTENT_LENGTH).map_or(view.msg.body.span, |c| c.line);
        out.push(
            finding(
                view,
                Rule::AckContentLengthNotZero,
                span,
                h::CONTENT_LENGTH,
                format!("the Ack carries a {}-byte body", view.content_length().unwrap_or(view.msg.body.length)),
            )
            .with_fix_if(empty_body(view)),
        );
    }
    check_error_headers(view, profile, status, out);
    check_status_for_packet(view, status, out);
    if view.kind.packet() == Some(PacketType::CreateSession) {
        check_create_session_ack(view, status, out);
    }
}

/// Drops a body that must not be there and says so in Content-Length: `Content-Length: 0`.
/// `None` when Content-Length is repeated (framing's own finding) or the head is cut short.
fn empty_body(view: &MessageView) -> Option<Fix> {
    let mut fix = match view
        .msg
        .headers
        .iter()
        .filter(|hd| hd.name(view.input).eq_ignore_ascii_case(b"Content-Length"))
        .count()
    {
        0 => Fix::add_header(view.input, view.msg, h::CONTENT_LENGTH, "0")?,
        1 => Fix::set_header(view.header(h::CONTENT_LENGTH)?, h::CONTENT_LENGTH, "0"),
        _ => return None,
    };
    let body = view.msg.body.span;
    if !body.is_empty() {
        fix.edits.push(Edit { start: body.start, end: body.end, insert: String::new() });
    }
    fix.title = "drop the body and set Content-Length to 0".to_string();
    Some(fix)
}

/// `BITS-Packet-Type: Ack` is missing: what the response carries instead, what a client
/// makes of it, and what the server should have sent.
fn packet_type_missing(view: &MessageView, status: u16, attempt: bool) -> RawFinding {
    let carried: Vec<String> = view
        .msg
        .headers
        .iter()
        .zip(&view.keys)
        .filter(|(hd, key)| h::marks_ack(hd.name(view.input), **key))
        .map(|(hd, _)| String::from_utf8_lossy(hd.name(view.input)).into_owned())
        .collect();
    let what = if attempt {
        let mut what = format!("{status} carries {} but no BITS-Packet-Type: Ack", words_list(&carried));
        if let Some(code) = view.value(h::ERROR_CODE).and_then(values::parse_hresult) {
            let name = codes::describe_hresult(code).map_or_else(|| format!("0x{code:08X}"), |i| i.name);
            what = format!("{what} (its error code is {name})");
        }
        what
    } else {
        format!("{status} answers a BITS request with no BITS header at all")
    };
    let client = if (200..300).contains(&status) {
        // What a client reports for an answer outside the protocol.
        let code = Hresult::BG_E_INVALID_SERVER_RESPONSE;
        let name = code.name().unwrap_or_default();
        format!("a client cannot take it for an Ack and fails the job ({name}, {code})")
    } else {
        // What a client reports for a plain HTTP error: BG_E_HTTP_ERROR_nnn.
        let name = Hresult::from_http_status(status).name().unwrap_or_else(|| format!("HTTP {status}"));
        let lost = if view.header(h::ERROR_CODE).is_some() { " and never reads its BITS-Error-Code" } else { "" };
        format!("a client reads it as a plain HTTP error ({name}){lost}")
    };
    let fix = if view.header(h::CONTENT_LENGTH).is_some() {
        "add `BITS-Packet-Type: Ack`"
    } else {
        "add `BITS-Packet-Type: Ack` and `Content-Length: 0`"
    };
    let mut edits = Fix::add_header(view.input, view.msg, h::PACKET_TYPE, "Ack");
    if view.header(h::CONTENT_LENGTH).is_none() {
        let length = Fix::add_header(view.input, view.msg, h::CONTENT_LENGTH, "0");
        if let (Some(both), Some(length)) = (&mut edits, length) {
            both.edits.extend(length.edits);
            both.title = "add BITS-Packet-Type: Ack and Content-Length: 0".to_string();
        }
    }
    RawFinding::new(Rule::AckPacketTypeMissing, view.msg.start_line_span, format!("{what}: {client}; {fix}"))
        .in_message(view.index)
        .on_header(h::PACKET_TYPE)
        .with_fix_if(edits)
}

/// `A`, `A and B`, `A, B and C`.
fn words_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn check_error_headers(view: &MessageView, profile: Profile, status: u16, out: &mut Vec<RawFinding>) {
    let Some(header) = view.header(h::ERROR_CODE) else { return };
    let name = header.name(view.input);
    let rename = |to: &str| replace(header.name, to, format!("rename {} to {to}", String::from_utf8_lossy(name)));
    if name.eq_ignore_ascii_case(b"BITS-Error") {
        out.push(
            finding(
                view,
                Rule::AckErrorHeaderMcBupName,
                header.name,
                h::ERROR_CODE,
                "BITS-Error instead of BITS-Error-Code".to_string(),
            )
            .with_fix(rename("BITS-Error-Code")),
        );
    } else {
        out.push(
            finding(
                view,
                Rule::AckErrorHeaderWin32Name,
                header.name,
                h::ERROR_CODE,
                "BITS-Error-Code instead of BITS-Error".to_string(),
            )
            .with_fix(rename("BITS-Error")),
        );
    }
    let Some(code) = values::parse_hresult(header.value(view.input)) else { return };
    if let Some(statuses) = codes::expected_statuses(code) {
        if !profile.is_success(view.status()) && !statuses.contains(&status) {
            let name = codes::describe_hresult(code).map_or_else(|| format!("0x{code:08X}"), |i| i.name);
            out.push(finding(
                view,
                Rule::AckErrorStatusMismatch,
                header.value,
                h::ERROR_CODE,
                format!(
                    "{name} comes with {}, not {status}, in [MC-BUP]'s table",
                    statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ")
                ),
            ));
        }
    }
}

fn check_status_for_packet(view: &MessageView, status: u16, out: &mut Vec<RawFinding>) {
    let Some(packet) = view.kind.packet() else { return };
    let misplaced = match status {
        201 => packet != PacketType::CreateSession,
        413 | 416 => packet != PacketType::Fragment,
        _ => false,
    };
    if misplaced {
        out.push(at_start_line(
            view,
            Rule::AckStatusUnexpected,
            format!("{status} on an Ack for {}", packet.wire_name()),
        ));
    }
}

/// Statuses either document lists for the Ack for Create-Session (plus auth challenges).
const CREATE_SESSION_STATUSES: &[u16] = &[200, 201, 400, 401, 403, 404, 407, 409, 411, 500, 501];

fn check_create_session_ack(view: &MessageView, status: u16, out: &mut Vec<RawFinding>) {
    match status {
        201 => out.push(
            at_start_line(view, Rule::AckCreateSession201, "201 Created instead of 200 OK".to_string())
                .with_fix_if(set_status(view, 200)),
        ),
        409 => out.push(
            at_start_line(view, Rule::AckCreateSession409, "409 Conflict; [MC-BUP] uses 403".to_string())
                .with_fix_if(set_status(view, 403)),
        ),
        s if !CREATE_SESSION_STATUSES.contains(&s) => out.push(at_start_line(
            view,
            Rule::AckCreateSessionStatusUndocumented,
            format!("{s} is not among the statuses either document lists for this Ack"),
        )),
        _ => {}
    }
    if let Some(header) = view.header(h::SESSION_ID) {
        let value = header.value(view.input);
        if values::session_id_problem(value).is_none() && values::parse_guid(value).is_none() {
            out.push(finding(
                view,
                Rule::AckCreateSessionSessionIdNotGuid,
                header.value,
                h::SESSION_ID,
                format!("session id `{}` is not a GUID", String::from_utf8_lossy(value)),
            ));
        }
    }
}

/// Replaces a response's status code and reason phrase: `set the status to 200 OK`.
fn set_status(view: &MessageView, status: u16) -> Option<Fix> {
    let crate::http::StartLine::Response { status_span, reason, .. } = view.msg.start_line else { return None };
    let phrase = codes::http_reason_phrase(status)?;
    let mut edits = vec![Edit { start: status_span.start, end: status_span.end, insert: status.to_string() }];
    // A status line without a reason phrase keeps none.
    if !reason.is_empty() {
        edits.push(Edit { start: reason.start, end: reason.end, insert: phrase.to_string() });
    }
    Some(Fix::new(format!("set the status to {status} {phrase}"), edits))
}

fn check_notification(view: &MessageView, out: &mut Vec<RawFinding>) {
    for header in &view.msg.headers {
        let name = header.name(view.input);
        if name.eq_ignore_ascii_case(b"BITS-Request-DataEntity-Name")
            || name.eq_ignore_ascii_case(b"BITS-Response-DataEntity-Name")
        {
            let spelled = if name[5..].eq_ignore_ascii_case(b"Request-DataEntity-Name") {
                h::REQUEST_DATA_FILE
            } else {
                h::RESPONSE_DATA_FILE
            };
            out.push(
                finding(
                    view,
                    Rule::NotifyDataEntityNames,
                    header.name,
                    &String::from_utf8_lossy(name),
                    format!("{} where Windows sends the DataFile spelling", String::from_utf8_lossy(name)),
                )
                .with_fix(replace(
                    header.name,
                    spelled,
                    format!("rename {} to {spelled}", String::from_utf8_lossy(name)),
                )),
            );
        }
    }
    let by_reference = view.header(h::REQUEST_DATA_FILE).is_some() || view.header(h::RESPONSE_DATA_FILE).is_some();
    if by_reference && view.content_length().is_some_and(|n| n > 0) {
        out.push(at_start_line(
            view,
            Rule::NotifyDataFileHeaders,
            format!("notification by reference with a {}-byte body", view.content_length().unwrap_or(0)),
        ));
    }
}

fn check_notification_response(view: &MessageView, out: &mut Vec<RawFinding>) {
    if let Some(header) = view.header(h::STATIC_RESPONSE_URL) {
        if view.msg.body.length > 0 {
            out.push(finding(
                view,
                Rule::NotifyStaticUrlWithBody,
                Span::new(header.line.start, header.line.end),
                h::STATIC_RESPONSE_URL,
                format!("BITS-Static-Response-URL and a {}-byte reply body", view.msg.body.length),
            ));
        }
    }
}
