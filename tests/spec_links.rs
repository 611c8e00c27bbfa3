//! The page makes a spec link clickable only when it is https to a host of
//! `spec::link_hosts()` (handed to it by the wasm facade): every link a rule or a header
//! cites must come from the source table and so be clickable.

use bits_inspector::bits::headers::HEADERS;
use bits_inspector::rules::catalog::CATALOG;
use bits_inspector::spec::{self, https_host, link_hosts, Source};

fn assert_linkable(what: &str, sources: &[Source]) {
    let hosts = link_hosts();
    for source in sources {
        assert!(spec::SOURCES.contains(source), "{what} cites {}, which is not in spec::SOURCES", source.id);
        let host = https_host(source.url).unwrap_or_else(|| panic!("{what}: {} is not https", source.url));
        assert!(hosts.contains(&host), "{what}: {host} is not in link_hosts() {hosts:?}");
    }
}

#[test]
fn every_rule_and_header_cites_sources_whose_hosts_the_page_links() {
    for rule in CATALOG {
        assert_linkable(rule.id, rule.sources);
    }
    for header in HEADERS {
        assert_linkable(header.name, header.sources);
    }
}

#[test]
fn the_capture_rules_sources_are_linkable() {
    // The ones the page used to show as plain text.
    assert_linkable("capture", &[spec::RFC9112, spec::RFC9293, spec::PCAP, spec::PCAPNG, spec::LINKTYPES, spec::HAR12]);
    assert_eq!(spec::HAR12.url, "https://www.softwareishard.com/blog/har-12-spec/");
}
