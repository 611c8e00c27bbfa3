//! An outcome's Ack built from the header table: which headers it carries under each
//! profile (the presence entries), which profiles accept it (the rule catalog's grades for
//! those entries), and each header's reason and sources (the table's words).

use super::answer::{Answer, AnswerHeader};
use super::outcome::{Challenge, Plan, CONTEXT_REMOTE_FILE};
use crate::bits::codes::{http_reason_phrase, Hresult};
use crate::bits::headers::{self as h, belongs_to, scope_label, Need, Presence, Scope, When, HEADERS};
use crate::bits::packet::PacketType;
use crate::order::{self, SortKey};
use crate::rules::catalog::Rule;
use crate::rules::grade::{Profile, Severity};
use crate::rules::table::presence_rule;
use crate::spec;

/// The order in which Windows (IIS) writes an Ack's headers, as the [MC-BUP] 4.1 and 4.2
/// captures show it: only the order, not which headers belong (the table says that).
/// BITS-Session-Id and the error headers, absent from those captures, go where the Win32
/// pages' templates put them relative to their neighbours.
const WINDOWS_ORDER: &[&str] = &[
    h::PACKET_TYPE,
    h::PROTOCOL,
    h::SESSION_ID,
    h::HOST_ID,
    h::HOST_ID_FALLBACK_TIMEOUT,
    h::CONTENT_LENGTH,
    h::ACCEPT_ENCODING,
    h::RECEIVED_CONTENT_RANGE,
    h::REPLY_URL,
    h::ERROR_CODE,
    h::ERROR_CONTEXT,
];

/// The spec index of each header an answer carries.
type HeaderSet = Vec<usize>;

/// The Acks of one outcome: one per distinct header set the profiles ask for, each with the
/// profiles that accept it.
pub fn answers_for(packet: PacketType, plan: &Plan) -> Vec<Answer> {
    if let Some(challenge) = plan.challenge {
        return vec![http_level(plan, challenge)];
    }
    let mut sets: Vec<HeaderSet> = Vec::new();
    for profile in Profile::ALL.into_iter().filter(|&p| fits(plan, p)) {
        for minimal in [false, true] {
            if let Some(set) = header_set(packet, plan, profile, minimal) {
                if !sets.contains(&set) {
                    sets.push(set);
                }
            }
        }
    }
    let answers: Vec<Answer> = sets
        .into_iter()
        .filter_map(|set| {
            let profiles: Vec<Profile> =
                Profile::ALL.into_iter().filter(|&p| fits(plan, p) && accepted(packet, plan.status, &set, p)).collect();
            (!profiles.is_empty()).then(|| answer(packet, plan, &set, profiles))
        })
        .collect();
    answers.into_iter().flat_map(with_error_header_spellings).collect()
}

/// An error Ack as the Win32 pages spell its error header (BITS-Error-Code), and beside it as
/// [MC-BUP] does (BITS-Error, the table's alias) for the profiles that report neither
/// spelling: the documents disagree on the name (reference 9.D1), and each variant says so.
fn with_error_header_spellings(answer: Answer) -> Vec<Answer> {
    let rule = Rule::AckErrorHeaderMcBupName;
    let profiles: Vec<Profile> = answer.profiles.iter().copied().filter(|&p| rule.severity(p).is_none()).collect();
    let alias = h::by_name(h::ERROR_CODE).aliases.first().copied();
    let (Some(alias), false, true) =
        (alias, profiles.is_empty(), answer.headers.iter().any(|header| header.name == h::ERROR_CODE))
    else {
        return vec![answer];
    };
    let mut twin = answer.clone();
    twin.profiles = profiles;
    for header in twin.headers.iter_mut().filter(|header| header.name == h::ERROR_CODE) {
        header.name = alias;
        header.why = format!(
            "{} The documents differ on its name (reference {}): {}",
            header.why,
            rule.meta().reference,
            rule.meta().explanation
        );
    }
    twin.raw = raw(twin.status, &twin.headers);
    vec![answer, twin]
}

/// Whether the outcome means under this profile what it means: a success only where the
/// profile counts its status as one ([MC-BUP] knows 200 alone).
fn fits(plan: &Plan, profile: Profile) -> bool {
    let success = plan.error.is_none() && matches!(plan.status, 200 | 201);
    profile.is_success(Some(plan.status)) == success
}

/// The presence entries of the Acks for `packet` that apply to `status` under `profile`.
fn entries(
    spec_index: usize,
    packet: PacketType,
    status: u16,
    profile: Profile,
) -> impl Iterator<Item = &'static Presence> {
    HEADERS[spec_index].presence.iter().filter(move |e| {
        (matches!(e.scope, Scope::AnyAck) || e.scope == Scope::Ack(packet)) && applies(e.when, status, profile)
    })
}

/// An Ack answers a request: never a Fragment's later range, which only requests carry.
fn applies(when: When, status: u16, profile: Profile) -> bool {
    when.holds(Some(status), profile.is_success(Some(status)), false)
}

/// Whether the documents disagree on an entry: its breach is an error under some profile
/// but not under this one (the session id on a 200 Ack for Fragment).
fn disputed(header: &str, entry: &Presence, profile: Profile) -> bool {
    let Some(rule) = presence_rule(header, entry) else { return false };
    let error = |p: Profile| rule.severity(p) == Some(Severity::Error);
    !error(profile) && Profile::ALL.into_iter().any(error)
}

/// The headers the table asks of this outcome's Ack under `profile`: every Required one,
/// the Optional ones the plan gives a value for, their companions, never a Forbidden one.
/// `minimal` leaves out the Required headers this profile does not insist on where another
/// does. `None` when a required value is missing.
fn header_set(packet: PacketType, plan: &Plan, profile: Profile, minimal: bool) -> Option<HeaderSet> {
    let mut set = Vec::new();
    let forbidden = |i: usize| entries(i, packet, plan.status, profile).any(|e| e.need == Need::Forbidden);
    for (i, spec) in HEADERS.iter().enumerate() {
        let applicable: Vec<&Presence> = entries(i, packet, plan.status, profile).collect();
        if applicable.is_empty() || forbidden(i) {
            continue;
        }
        let required: Vec<&&Presence> = applicable.iter().filter(|e| e.need == Need::Required).collect();
        let wanted = if required.is_empty() {
            plan.value(spec.name).is_some()
        } else {
            !(minimal && required.iter().all(|e| disputed(spec.name, e, profile)))
        };
        if wanted {
            value(spec.name, plan)?;
            set.push(i);
        }
    }
    for i in set.clone() {
        for companion in HEADERS[i].requires {
            let j = HEADERS.iter().position(|s| s.name == *companion)?;
            if !set.contains(&j) && !forbidden(j) {
                value(companion, plan)?;
                set.push(j);
            }
        }
    }
    // Through the crate's one sort key (see `order`): a second sort routine costs the page's wasm.
    let rank = |i: usize| WINDOWS_ORDER.iter().position(|n| *n == HEADERS[i].name).unwrap_or(WINDOWS_ORDER.len() + i);
    let mut keys: Vec<SortKey> = set.iter().map(|&i| (rank(i) as u64, i as u64, 0)).collect();
    order::sort(&mut keys);
    Some(keys.into_iter().map(|(_, i, _)| i as usize).collect())
}

/// Whether an Ack with these headers draws no error of the header table under `profile`.
fn accepted(packet: PacketType, status: u16, set: &HeaderSet, profile: Profile) -> bool {
    (0..HEADERS.len()).all(|i| {
        let present = set.contains(&i);
        entries(i, packet, status, profile).all(|e| {
            let breached = match e.need {
                Need::Required => !present,
                Need::Forbidden => present,
                Need::Optional => false,
            };
            let error = presence_rule(HEADERS[i].name, e).and_then(|r| r.severity(profile)) == Some(Severity::Error);
            !(breached && error)
        })
    })
}

/// The value of a header of the plan's Ack: the plan's choice, or what every Ack carries.
fn value(header: &str, plan: &Plan) -> Option<String> {
    match header {
        h::PACKET_TYPE => Some("Ack".to_string()),
        // No Ack has a body ([MC-BUP]: MUST be 0; Win32: required even when 0).
        h::CONTENT_LENGTH => Some("0".to_string()),
        h::ERROR_CODE => plan.error.map(|(code, _)| code.to_string()),
        h::ERROR_CONTEXT => plan.error.map(|(_, context)| format!("0x{context:X}")),
        _ => plan.value(header).map(str::to_string),
    }
}

fn answer(packet: PacketType, plan: &Plan, set: &HeaderSet, profiles: Vec<Profile>) -> Answer {
    let headers = set
        .iter()
        .map(|&i| {
            let spec = &HEADERS[i];
            AnswerHeader {
                name: spec.name,
                value: value(spec.name, plan).unwrap_or_default(),
                why: why(i, packet, plan),
                links: spec.sources,
            }
        })
        .collect();
    finish(plan, headers, profiles)
}

/// An HTTP-level answer (an authentication challenge): no BITS header, so no Ack rule applies.
fn http_level(plan: &Plan, challenge: Challenge) -> Answer {
    let length = h::by_name(h::CONTENT_LENGTH);
    let headers = vec![
        AnswerHeader {
            name: challenge.name,
            value: challenge.value.to_string(),
            why: format!(
                "An HTTP-level challenge, answered before BITS sees the request: a plain HTTP response, not an Ack, \
                 so it carries no BITS header ([MC-BUP] 3.2.5.2.1). {} names the scheme the client must use.",
                challenge.name
            ),
            links: &[spec::RFC9110, spec::M_2_2_1_2],
        },
        AnswerHeader {
            name: length.name,
            value: "0".to_string(),
            why: format!("{} Its body SHOULD be empty ([MC-BUP] 3.2.5.2.1).", length.summary),
            links: length.sources,
        },
    ];
    finish(plan, headers, Profile::ALL.to_vec())
}

fn finish(plan: &Plan, headers: Vec<AnswerHeader>, profiles: Vec<Profile>) -> Answer {
    Answer { outcome: plan.outcome, status: plan.status, profiles, raw: raw(plan.status, &headers), headers }
}

/// The Ack byte for byte: status line, headers, CRLF line endings, no body.
fn raw(status: u16, headers: &[AnswerHeader]) -> String {
    let reason = http_reason_phrase(status).unwrap_or("");
    let mut raw = format!("HTTP/1.1 {status} {reason}\r\n");
    for header in headers {
        raw.push_str(&format!("{}: {}\r\n", header.name, header.value));
    }
    raw.push_str("\r\n");
    raw
}

/// The table's summary, where the table puts the header on this Ack, and for the error
/// headers what the code says.
fn why(i: usize, packet: PacketType, plan: &Plan) -> String {
    let spec = &HEADERS[i];
    let here = [scope_label(Scope::Ack(packet)), scope_label(Scope::AnyAck)];
    let places: Vec<String> = belongs_to(spec).into_iter().filter(|p| here.iter().any(|s| p.starts_with(s))).collect();
    let mut why = spec.summary.to_string();
    if !places.is_empty() {
        why.push_str(&format!(" Table: {}.", places.join("; ")));
    } else if !spec.requires.is_empty() {
        why.push_str(&format!(" Goes together with {}.", spec.requires.join(", ")));
    }
    if let Some(difference) = difference(i, packet, plan.status) {
        why.push(' ');
        why.push_str(&difference);
    }
    match (spec.name, plan.error) {
        (h::ERROR_CODE, Some((code, _))) => {
            if let Some(info) = Hresult(code.0).describe() {
                why.push_str(&format!(" {code} is {}: {}", info.name, info.meaning));
            }
            if let Some(note) = plan.note {
                why.push(' ');
                why.push_str(note);
            }
        }
        (h::ERROR_CONTEXT, Some((_, context))) => why.push_str(if context == CONTEXT_REMOTE_FILE {
            " 0x5: the BITS server itself failed the request."
        } else {
            " 0x7: the server application failed it; the client reports the application's error."
        }),
        _ => {}
    }
    why
}

/// Where the documents differ on a required header of this Ack: under which profiles its
/// absence is an error, and the rule that says so (the session id on later Acks).
fn difference(i: usize, packet: PacketType, status: u16) -> Option<String> {
    let spec = &HEADERS[i];
    let entry = Profile::ALL
        .into_iter()
        .flat_map(|p| entries(i, packet, status, p))
        .find(|e| e.need == Need::Required && Profile::ALL.into_iter().any(|p| disputed(spec.name, e, p)))?;
    let rule = presence_rule(spec.name, entry)?;
    let strict: Vec<&str> =
        Profile::ALL.into_iter().filter(|&p| rule.severity(p) == Some(Severity::Error)).map(Profile::as_str).collect();
    Some(format!(
        "The documents differ: leaving it out is an error under {} only ({}: {}), so the answer comes with and \
         without it.",
        strict.join(" and "),
        rule.id(),
        rule.meta().title
    ))
}
