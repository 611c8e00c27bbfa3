//! The documents every rule and header cites. Ids follow section 0 of the protocol reference.

use serde::Serialize;

/// Which of the two Microsoft documents (or other standard) a source belongs to: the
/// profiles grade findings by it.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// The Win32 "BITS upload protocol" pages on learn.microsoft.com.
    Win32,
    /// The Open Specification [MC-BUP].
    McBup,
    /// HTTP RFCs.
    Rfc,
    /// Windows SDK headers and API reference (bitsmsg.h, bits.h).
    Sdk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    pub document: Document,
}

macro_rules! win32 {
    ($name:ident, $id:literal, $title:literal, $slug:literal) => {
        pub const $name: Source = Source {
            id: $id,
            title: $title,
            url: concat!("https://learn.microsoft.com/en-us/windows/win32/bits/", $slug),
            document: Document::Win32,
        };
    };
}

macro_rules! mc_bup {
    ($name:ident, $id:literal, $title:literal, $page:literal) => {
        pub const $name: Source = Source {
            id: $id,
            title: $title,
            url: concat!("https://learn.microsoft.com/en-us/openspecs/windows_protocols/mc-bup/", $page),
            document: Document::McBup,
        };
    };
}

win32!(W_UP, "W-UP", "BITS Upload Protocol", "bits-upload-protocol");
win32!(W_REQ, "W-REQ", "BITS Request Packets", "bits-request-packets");
win32!(W_RSP, "W-RSP", "BITS Response Packets", "bits-response-packets");
win32!(W_PING, "W-PING", "Ping", "ping");
win32!(W_APING, "W-APING", "Ack for Ping", "ack-for-ping");
win32!(W_CS, "W-CS", "Create-Session", "create-session");
win32!(W_ACS, "W-ACS", "Ack for Create-Session", "ack-for-create-session");
win32!(W_FR, "W-FR", "Fragment", "fragment");
win32!(W_AFR, "W-AFR", "Ack for Fragment", "ack-for-fragment");
win32!(W_CAN, "W-CAN", "Cancel-Session", "cancel-session");
win32!(W_ACAN, "W-ACAN", "Ack for Cancel-Session", "ack-for-cancel-session");
win32!(W_CL, "W-CL", "Close-Session", "close-session");
win32!(W_ACL, "W-ACL", "Ack for Close-Session", "ack-for-close-session");
win32!(W_IIS, "W-IIS", "BITS IIS Extension Properties", "bits-iis-extension-properties");
win32!(
    W_NOTIF,
    "W-NOTIF",
    "Notification Protocol for Server Applications",
    "notification-protocol-for-server-applications"
);
win32!(
    W_NHDR,
    "W-NHDR",
    "Using BITS Notification Request and Response Headers",
    "using-bits-notification-request-response-headers"
);
win32!(W_SAE, "W-SAE", "Handling Server Application Errors", "handling-server-application-errors");
win32!(W_PMU, "W-PMU", "Preventing Multiple Uploads", "preventing-multiple-uploads");
win32!(
    W_REPLY,
    "W-REPLY",
    "Retrieving the Reply from an Upload-Reply Job",
    "retrieving-the-reply-from-an-upload-reply-job"
);

// [MC-BUP] sections that have their own page use it; the others link the document's
// landing page and name the section in the title, so no link is invented.
mc_bup!(M_2_2_1, "MC-BUP 2.2.1", "[MC-BUP] 2.2.1 Common Details", "be6acd4a-2fce-40f0-99a7-b2b66839a778");
mc_bup!(M_2_2_1_1, "MC-BUP 2.2.1.1", "[MC-BUP] 2.2.1.1 HTTP headers", "be6acd4a-2fce-40f0-99a7-b2b66839a778");
mc_bup!(
    M_2_2_1_2,
    "MC-BUP 2.2.1.2",
    "[MC-BUP] 2.2.1.2 BITS headers and error table",
    "be6acd4a-2fce-40f0-99a7-b2b66839a778"
);
mc_bup!(M_2_2_2, "MC-BUP 2.2.2", "[MC-BUP] 2.2.2 CREATE-SESSION", "158d594e-3043-4b0b-bc75-a2933dffe728");
mc_bup!(M_2_2_3, "MC-BUP 2.2.3", "[MC-BUP] 2.2.3 Ack for CREATE-SESSION", "");
mc_bup!(M_2_2_4, "MC-BUP 2.2.4", "[MC-BUP] 2.2.4 PING", "");
mc_bup!(M_2_2_5, "MC-BUP 2.2.5", "[MC-BUP] 2.2.5 Ack for PING", "");
mc_bup!(M_2_2_6, "MC-BUP 2.2.6", "[MC-BUP] 2.2.6 FRAGMENT", "");
mc_bup!(M_2_2_7, "MC-BUP 2.2.7", "[MC-BUP] 2.2.7 Ack for FRAGMENT", "d8e27590-4b3d-431f-865f-63f4cf4584ef");
mc_bup!(M_2_2_8, "MC-BUP 2.2.8", "[MC-BUP] 2.2.8 CLOSE-SESSION", "19662a2b-cce6-4fee-94ce-2e0756c3e368");
mc_bup!(M_2_2_10, "MC-BUP 2.2.10", "[MC-BUP] 2.2.10 CANCEL-SESSION", "");
mc_bup!(M_2_2_12, "MC-BUP 2.2.12", "[MC-BUP] 2.2.12 Notification request", "");
mc_bup!(M_2_2_13, "MC-BUP 2.2.13", "[MC-BUP] 2.2.13 Notification response", "d58c1b87-6625-465b-bb22-aced623e905c");
mc_bup!(M_3_1_5, "MC-BUP 3.1.5", "[MC-BUP] 3.1.5 Client message processing", "27f2b96f-b027-455d-b9ea-822cf7112da4");
mc_bup!(
    M_3_2_5_2_3,
    "MC-BUP 3.2.5.2.3",
    "[MC-BUP] 3.2.5.2.3 Server common validation",
    "59335e7a-c25d-461e-9340-0cc515e43f5f"
);
mc_bup!(
    M_3_2_5_2_6,
    "MC-BUP 3.2.5.2.6",
    "[MC-BUP] 3.2.5.2.6 Server FRAGMENT processing",
    "256e2363-03de-497f-bbf9-9ad603224869"
);
mc_bup!(M_3_2_5_1_3, "MC-BUP 3.2.5.1.3", "[MC-BUP] 3.2.5.1.3 Server STATE_NOTIFY", "");
mc_bup!(M_4, "MC-BUP 4", "[MC-BUP] 4 Protocol Examples (Windows captures)", "");

pub const RFC9112: Source = Source {
    id: "RFC 9112",
    title: "RFC 9112 HTTP/1.1 message syntax",
    url: "https://www.rfc-editor.org/rfc/rfc9112",
    document: Document::Rfc,
};
pub const RFC9110: Source = Source {
    id: "RFC 9110",
    title: "RFC 9110 HTTP semantics",
    url: "https://www.rfc-editor.org/rfc/rfc9110",
    document: Document::Rfc,
};
pub const SDK_EC: Source = Source {
    id: "SDK-EC",
    title: "BG_ERROR_CONTEXT enumeration",
    url: "https://learn.microsoft.com/en-us/windows/win32/api/bits/ne-bits-bg_error_context",
    document: Document::Sdk,
};

// The capture formats: not HTTP, but the rules about a capture file cite where its format
// (or the TCP beneath it) is defined.
pub const RFC9293: Source = Source {
    id: "RFC 9293",
    title: "RFC 9293 Transmission Control Protocol (TCP)",
    url: "https://www.rfc-editor.org/rfc/rfc9293",
    document: Document::Rfc,
};
pub const PCAP: Source = Source {
    id: "pcap",
    title: "pcap-savefile(5): the libpcap capture file format",
    url: "https://www.tcpdump.org/manpages/pcap-savefile.5.html",
    document: Document::Rfc,
};
pub const PCAPNG: Source = Source {
    id: "pcapng",
    title: "PCAP Next Generation (pcapng) Capture File Format (IETF draft)",
    url: "https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html",
    document: Document::Rfc,
};
pub const LINKTYPES: Source = Source {
    id: "LINKTYPE",
    title: "tcpdump.org link-layer header types",
    url: "https://www.tcpdump.org/linktypes.html",
    document: Document::Rfc,
};
pub const HAR12: Source = Source {
    id: "HAR 1.2",
    title: "HTTP Archive (HAR) format 1.2",
    url: "https://www.softwareishard.com/blog/har-12-spec/",
    document: Document::Rfc,
};

/// Every source above, once: the table the links of rules, headers and findings come from.
#[rustfmt::skip]
pub const SOURCES: &[Source] = &[
    W_UP, W_REQ, W_RSP, W_PING, W_APING, W_CS, W_ACS, W_FR, W_AFR, W_CAN, W_ACAN, W_CL, W_ACL, W_IIS, W_NOTIF,
    W_NHDR, W_SAE, W_PMU, W_REPLY, M_2_2_1, M_2_2_1_1, M_2_2_1_2, M_2_2_2, M_2_2_3, M_2_2_4, M_2_2_5,
    M_2_2_6, M_2_2_7, M_2_2_8, M_2_2_10, M_2_2_12, M_2_2_13, M_3_1_5, M_3_2_5_2_3, M_3_2_5_2_6,
    M_3_2_5_1_3, M_4, RFC9112, RFC9110, SDK_EC, RFC9293, PCAP, PCAPNG, LINKTYPES, HAR12,
];

/// The host of an `https://` address without user or port (`None` for anything else): what
/// the page checks a link against.
pub fn https_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    (!host.is_empty() && !host.contains(['@', ':'])).then_some(host)
}

/// The hosts of the sources' addresses, each once, in the order of [`SOURCES`]: the page
/// makes a link clickable only when it is `https` to one of them (the wasm facade's
/// `link_hosts`), so every source links and nothing else does.
pub fn link_hosts() -> Vec<&'static str> {
    let mut hosts: Vec<&'static str> = Vec::new();
    for host in SOURCES.iter().filter_map(|s| https_host(s.url)) {
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_lists_every_source_defined_here() {
        // Counted in this file's text: a `Source` constant or a `win32!`/`mc_bup!` line.
        let text = include_str!("spec.rs");
        let defined = text
            .lines()
            .filter(|l| {
                (l.starts_with("pub const ") && l.contains(": Source ="))
                    || ((l.starts_with("win32!(") || l.starts_with("mc_bup!(")) && !l.contains("$"))
            })
            .count();
        assert_eq!(SOURCES.len(), defined, "a Source is missing from SOURCES");
        for (i, s) in SOURCES.iter().enumerate() {
            assert!(SOURCES[..i].iter().all(|o| o.id != s.id), "{} is listed twice", s.id);
        }
    }

    #[test]
    fn every_source_is_https_to_a_link_host() {
        let hosts = link_hosts();
        for s in SOURCES {
            let host = https_host(s.url).unwrap_or_else(|| panic!("{} is not an https address: {}", s.id, s.url));
            assert!(hosts.contains(&host), "{host} of {} is not a link host", s.id);
        }
        for host in
            ["learn.microsoft.com", "www.rfc-editor.org", "www.tcpdump.org", "www.ietf.org", "www.softwareishard.com"]
        {
            assert!(hosts.contains(&host), "{host}");
        }
        assert_eq!(hosts.len(), 5, "{hosts:?}");
    }

    #[test]
    fn only_plain_https_addresses_have_a_host() {
        assert_eq!(https_host("https://www.ietf.org/archive/id/x.html"), Some("www.ietf.org"));
        assert_eq!(https_host("https://www.ietf.org"), Some("www.ietf.org"));
        assert_eq!(https_host("http://www.ietf.org/"), None);
        assert_eq!(https_host("https://user@www.ietf.org/"), None);
        assert_eq!(https_host("https://www.ietf.org:444/"), None);
        assert_eq!(https_host("https:///x"), None);
        assert_eq!(https_host("javascript:alert(1)"), None);
    }
}
