//! The generic checker that enforces the header table: presence per packet and status,
//! companions, repetitions and value grammars. Nothing here names a particular header.

use crate::bits::classify::MessageView;
use std::sync::OnceLock;

use crate::bits::headers::{
    Grammar, HeaderKey, HeaderSpec, Need, Presence, Scope, When, ACCEPT_ENCODING, CONTENT_LENGTH, HEADERS,
};
use crate::bits::packet::{MessageKind, PacketType};
use crate::bits::values;
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::fix::Fix;
use crate::rules::grade::Profile;
use crate::rules::table;
use crate::span::Span;

/// [MC-BUP] 2.2.1: header values SHOULD NOT exceed 4 KB (the Windows server's limit).
pub const MAX_HEADER_VALUE: usize = 4096;

pub fn check(view: &MessageView, profile: Profile, out: &mut Vec<RawFinding>) {
    for (key, presence) in entries_in_scope(view) {
        check_header(view, profile, *key, key.spec(), presence, out);
    }
    if view.kind.is_bits() {
        for header in &view.msg.headers {
            if header.value(view.input).len() > MAX_HEADER_VALUE {
                let name = String::from_utf8_lossy(header.name(view.input));
                out.push(finding(
                    view,
                    Rule::HeaderValueTooLong,
                    header.value,
                    &name,
                    format!(
                        "{name} is {} bytes long; Windows servers reject values over 4 KB",
                        header.value(view.input).len()
                    ),
                ));
            }
        }
    }
}

/// A presence entry with the rule it is reported under (`rules::table`).
type RuledEntry = (&'static Presence, Option<Rule>);

/// A table header and those of its presence entries whose scope covers a class of message.
type ScopedEntries = (HeaderKey, Vec<RuledEntry>);

/// The table's headers whose presence entries cover messages of this view's class, with
/// those entries. Scopes depend only on the kind of message, so the table is sorted out
/// once per kind rather than for every message.
fn entries_in_scope(view: &MessageView) -> &'static [ScopedEntries] {
    static BY_CLASS: OnceLock<Vec<Vec<ScopedEntries>>> = OnceLock::new();
    let classes = BY_CLASS.get_or_init(|| {
        (0..CLASSES)
            .map(|class| {
                let (kind, ack) = class_example(class);
                HEADERS
                    .iter()
                    .enumerate()
                    .map(|(slot, spec)| {
                        let entries = spec
                            .presence
                            .iter()
                            .filter(|e| scope_covers(e.scope, kind, ack))
                            .map(|e| (e, table::presence_rule(spec.name, e)))
                            .collect();
                        (HeaderKey(slot), entries)
                    })
                    .filter(|(_, entries): &ScopedEntries| !entries.is_empty())
                    .collect()
            })
            .collect()
    });
    // A response with no BITS header at all is plain HTTP (an auth challenge, a proxy
    // error): the Ack rules do not apply to it. One with BITS headers is an Ack attempt.
    let ack = view.is_ack_attempt();
    class_of(view.kind, ack).map_or(&[], |class| &classes[class])
}

/// Kinds of message as scopes tell them apart: the five requests, a request of unknown
/// type, the five Acks, an Ack of unknown type, the notification and its response.
const CLASSES: usize = 14;

fn class_of(kind: MessageKind, ack: bool) -> Option<usize> {
    match kind {
        MessageKind::Request(t) => Some(t as usize),
        MessageKind::UnknownRequest => Some(5),
        MessageKind::Ack(t) | MessageKind::UnknownAck(Some(t)) if ack => Some(6 + t as usize),
        MessageKind::UnknownAck(None) if ack => Some(11),
        MessageKind::Notification => Some(12),
        MessageKind::NotificationResponse => Some(13),
        _ => None,
    }
}

fn class_example(class: usize) -> (MessageKind, bool) {
    match class {
        0..=4 => (MessageKind::Request(PacketType::ALL[class]), false),
        5 => (MessageKind::UnknownRequest, false),
        6..=10 => (MessageKind::Ack(PacketType::ALL[class - 6]), true),
        11 => (MessageKind::UnknownAck(None), true),
        12 => (MessageKind::Notification, false),
        _ => (MessageKind::NotificationResponse, false),
    }
}

/// Whether a table scope covers messages of this kind (`ack`: an Ack that carries
/// BITS-Packet-Type).
fn scope_covers(scope: Scope, kind: MessageKind, ack: bool) -> bool {
    match (scope, kind) {
        (Scope::Request(t), MessageKind::Request(k)) => t == k,
        (Scope::AnyRequest, k) => k.is_bits_request(),
        (Scope::Ack(t), MessageKind::Ack(k) | MessageKind::UnknownAck(Some(k))) => ack && t == k,
        (Scope::AnyAck, _) => ack,
        (Scope::Notification, MessageKind::Notification) => true,
        (Scope::NotificationResponse, MessageKind::NotificationResponse) => true,
        _ => false,
    }
}

fn when_applies(when: When, view: &MessageView, profile: Profile) -> bool {
    let status = view.status();
    let later_fragment = when == When::LaterFragment && view.content_range().is_some_and(|r| r.first > 0);
    when.holds(status, profile.is_success(status), later_fragment)
}

/// `presence`: the header's entries whose scope covers this message (never empty).
fn check_header(
    view: &MessageView,
    profile: Profile,
    key: HeaderKey,
    spec: &'static HeaderSpec,
    presence: &[RuledEntry],
    out: &mut Vec<RawFinding>,
) {
    let first = view.first_header(key);
    let mut forbidden_here = false;
    for &(entry, rule) in presence.iter().filter(|(e, _)| when_applies(e.when, view, profile)) {
        let Some(rule) = rule else { continue };
        match (entry.need, first) {
            (Need::Required, None) => out.push(
                finding(
                    view,
                    rule,
                    view.msg.start_line_span,
                    spec.name,
                    format!("{} is missing{}", spec.name, condition_words(entry.when, view)),
                )
                .with_fix_if(
                    known_value(spec.name, view).and_then(|v| Fix::add_header(view.input, view.msg, spec.name, &v)),
                ),
            ),
            (Need::Forbidden, Some(h)) => {
                // A header one document allows here still has its value checked: under that
                // document it is an ordinary header of this message (Content-Name on
                // Create-Session, reference 8.1.7).
                forbidden_here |= [Profile::Win32, Profile::McBup].into_iter().all(|p| rule.severity(p).is_some());
                out.push(
                    finding(
                        view,
                        rule,
                        h.line,
                        spec.name,
                        format!(
                            "{} is not expected on {}{}",
                            spec.name,
                            view.kind.label(),
                            condition_words(entry.when, view)
                        ),
                    )
                    .with_fix(remove_all(view, key, spec.name)),
                );
            }
            _ => {}
        }
    }
    let Some(first) = first else { return };
    // Framing already judged Content-Length: several values, or an unreadable one.
    if spec.name != CONTENT_LENGTH && view.count(key) > 1 {
        for again in view.occurrences(key).skip(1) {
            out.push(
                finding(
                    view,
                    Rule::HeaderRepeated,
                    again.line,
                    spec.name,
                    format!("{} appears again; the first value is used", spec.name),
                )
                .with_fix(Fix::remove_header(
                    view.input,
                    again,
                    &format!("the repeated {}", spec.name),
                )),
            );
        }
    }
    // A header that does not belong here at all needs no companion: asking for one would
    // make the message worse (BITS-Error-Context on a 200 carrying BITS-Error-Code).
    if forbidden_here {
        return;
    }
    for companion in spec.requires {
        if view.header(companion).is_none() {
            let rule = table::companion_rule(spec.name, companion);
            out.push(finding(view, rule, first.line, spec.name, format!("{} without {companion}", spec.name)));
        }
    }
    if spec.name == CONTENT_LENGTH {
        return;
    }
    let value = first.value(view.input);
    let Some(rule) = invalid_rule(key) else { return };
    if values::is_valid(spec.grammar, value) {
        return;
    }
    if let Err(problem) = values::describe(spec.grammar, value) {
        // A list of protocols has rules of its own per entry, and a range written
        // `bytes F-L/T` has its own for the values F, L and T (message rules).
        let own_rules = spec.grammar == Grammar::GuidList
            || (spec.grammar == Grammar::ContentRange && values::parse_content_range(value).is_some());
        if !own_rules {
            let found = finding(view, rule, first.value, spec.name, format!("{}: {problem}", spec.name));
            // Accept-Encoding has one right value; the others need a value only a person knows.
            let fix = (spec.name == ACCEPT_ENCODING).then(|| Fix::set_header(first, spec.name, IDENTITY));
            out.push(found.with_fix_if(fix));
        }
    }
}

/// [`table::invalid_rule`] by table slot, looked up once rather than by name per header.
fn invalid_rule(key: HeaderKey) -> Option<Rule> {
    static BY_SLOT: OnceLock<Vec<Option<Rule>>> = OnceLock::new();
    BY_SLOT.get_or_init(|| HEADERS.iter().map(|spec| table::invalid_rule(spec.name)).collect())[key.0]
}

/// The value the Ack encoding Windows sends and both documents ask for.
const IDENTITY: &str = "Identity";

/// The value of a missing required header where the message itself gives it: an Ack's body
/// is empty, a request's length is its body's, and an Ack for Create-Session accepts only the
/// identity encoding. `None` where a person must choose (a session id, a protocol).
fn known_value(header: &str, view: &MessageView) -> Option<String> {
    match header {
        CONTENT_LENGTH if view.msg.is_response() => Some("0".to_string()),
        CONTENT_LENGTH => Some(view.msg.body.length.to_string()),
        ACCEPT_ENCODING => Some(IDENTITY.to_string()),
        _ => None,
    }
}

/// Removes every line of a header that does not belong in the message, repeats included,
/// so the fix leaves none behind.
fn remove_all(view: &MessageView, key: HeaderKey, name: &str) -> Fix {
    let edits = view.occurrences(key).flat_map(|h| Fix::remove_header(view.input, h, name).edits).collect();
    Fix::new(format!("remove {name}"), edits)
}

fn condition_words(when: When, view: &MessageView) -> String {
    match (when, view.status()) {
        (When::Always | When::LaterFragment, _) => String::new(),
        (_, Some(status)) => format!(" (status {status})"),
        (_, None) => String::new(),
    }
}

pub fn finding(view: &MessageView, rule: Rule, span: Span, header: &str, summary: String) -> RawFinding {
    RawFinding::new(rule, span, summary).in_message(view.index).on_header(header)
}
