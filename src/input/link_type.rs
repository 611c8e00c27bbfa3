//! pcap and pcapng link-layer header types, as data: `data/link-types.tsv` names each value
//! (from tcpdump.org's LINKTYPE_ list, the file says so) and says how its frames are read.
//! Each type is declared once, in that file: build.rs turns it into the table below and a
//! named constant per type (`LinkType::ETHERNET`), and the reader asks the table rather than
//! keeping its own list of numbers, so a type is made readable by one line of data.

use std::fmt;

include!(concat!(env!("OUT_DIR"), "/link_types.rs"));

/// A link-layer header type, as a pcap file header or a pcapng interface block gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkType(pub u32);

/// How the frames of a link type carry IP: what comes before the IP header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// An Ethernet II header, then VLAN tags or MACsec, then IP.
    Ethernet,
    /// Linux cooked capture v1: 16 bytes, the EtherType in the last two.
    LinuxSll,
    /// Linux cooked capture v2: 20 bytes, the EtherType first.
    LinuxSll2,
    /// IP from the first byte (its version nibble says which).
    Ip,
    /// BSD loopback: a 4-byte address family in either byte order, then IP.
    Loopback,
}

/// One row of the table.
pub(super) struct Row {
    value: u32,
    name: &'static str,
    framing: Option<Framing>,
}

impl LinkType {
    fn row(self) -> Option<&'static Row> {
        ROWS.binary_search_by_key(&self.0, |row| row.value).ok().map(|i| &ROWS[i])
    }

    /// Its LINKTYPE_ name, when the table has it.
    pub fn name(self) -> Option<&'static str> {
        self.row().map(|row| row.name)
    }

    /// How its frames are read, or `None` for a link type the inspector does not decode.
    pub fn framing(self) -> Option<Framing> {
        self.row().and_then(|row| row.framing)
    }

    /// The link type of this name (`LINKTYPE_ETHERNET`), for callers that write frames.
    pub fn by_name(name: &str) -> Option<LinkType> {
        ROWS.iter().find(|row| row.name == name).map(|row| LinkType(row.value))
    }
}

/// `LINKTYPE_IEEE802_11 (105)`, or the bare number when the table does not name it.
impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data file, read here on its own, and the generated table agree row for row.
    #[test]
    fn the_table_is_the_data_file() {
        let text = include_str!("../../data/link-types.tsv");
        assert!(text.contains("# Source:") && text.contains("https://www.tcpdump.org/linktypes.html"));
        let body: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).skip(1).collect();
        assert_eq!(body.len(), ROWS.len(), "every data row is in the table");
        for (line, row) in body.iter().zip(ROWS) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!((fields[0].parse::<u32>().unwrap(), fields[1]), (row.value, row.name));
            assert_eq!(fields[2] == "-", row.framing.is_none(), "{line}");
            assert_eq!(LinkType(row.value).name(), Some(row.name), "found by its value");
        }
    }

    #[test]
    fn the_constants_are_the_data_rows() {
        assert_eq!(LinkType::ETHERNET, LinkType(1));
        assert_eq!(LinkType::LINUX_SLL2, LinkType(276));
        assert_eq!(LinkType::IEEE802_11.name(), Some("LINKTYPE_IEEE802_11"));
        assert_eq!(LinkType::by_name("LINKTYPE_RAW"), Some(LinkType::RAW));
    }

    #[test]
    fn the_link_types_read_are_those_the_reader_knows() {
        let read: Vec<(u32, Framing)> =
            ROWS.iter().filter_map(|r| Some((r.value, LinkType(r.value).framing()?))).collect();
        assert_eq!(
            read,
            [
                (0, Framing::Loopback),
                (1, Framing::Ethernet),
                (12, Framing::Ip),
                (14, Framing::Ip),
                (101, Framing::Ip),
                (108, Framing::Loopback),
                (113, Framing::LinuxSll),
                (228, Framing::Ip),
                (229, Framing::Ip),
                (276, Framing::LinuxSll2),
            ]
        );
    }

    #[test]
    fn named_with_their_number() {
        assert_eq!(LinkType(105).to_string(), "LINKTYPE_IEEE802_11 (105)");
        assert_eq!(LinkType(4711).to_string(), "4711");
        assert_eq!(LinkType::by_name("LINKTYPE_LINUX_SLL2"), Some(LinkType::LINUX_SLL2));
        assert_eq!(LinkType::IEEE802_11.framing(), None);
    }
}
