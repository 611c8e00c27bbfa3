//! pcap and pcapng link-layer header types, as data: `data/link-types.tsv` names each value
//! (from tcpdump.org's LINKTYPE_ list, the file says so) and says how its frames are read.
//! Each type is declared once, in that file; the reader asks it rather than keeping its own
//! list of numbers, so a type is made readable by one line of data and a [`Framing`].

use std::fmt;

/// The table: `value<TAB>name<TAB>read`, after `#` comments and a heading line.
const TABLE: &str = include_str!("../../data/link-types.tsv");

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

impl Framing {
    /// The word of the table's `read` column; `-` (not read) and unknown words are `None`.
    fn from_word(word: &str) -> Option<Framing> {
        Some(match word {
            "ethernet" => Framing::Ethernet,
            "linux-sll" => Framing::LinuxSll,
            "linux-sll2" => Framing::LinuxSll2,
            "ip" => Framing::Ip,
            "loopback" => Framing::Loopback,
            _ => return None,
        })
    }
}

/// One line of the table.
struct Row {
    value: u32,
    name: &'static str,
    read: &'static str,
}

fn rows() -> impl Iterator<Item = Row> {
    TABLE.lines().filter(|line| !line.starts_with('#')).skip(1).filter_map(|line| {
        let mut fields = line.split('\t');
        let value = fields.next()?.parse().ok()?;
        Some(Row { value, name: fields.next()?, read: fields.next()? })
    })
}

impl LinkType {
    fn row(self) -> Option<Row> {
        rows().find(|row| row.value == self.0)
    }

    /// Its LINKTYPE_ name, when the table has it.
    pub fn name(self) -> Option<&'static str> {
        self.row().map(|row| row.name)
    }

    /// How its frames are read, or `None` for a link type the inspector does not decode.
    pub fn framing(self) -> Option<Framing> {
        self.row().and_then(|row| Framing::from_word(row.read))
    }

    /// The link type of this name (`LINKTYPE_ETHERNET`), for callers that write frames.
    pub fn by_name(name: &str) -> Option<LinkType> {
        rows().find(|row| row.name == name).map(|row| LinkType(row.value))
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

    #[test]
    fn the_table_is_well_formed() {
        let body: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(body[0], "value\tname\tread", "the heading line");
        assert!(TABLE.contains("https://www.tcpdump.org/linktypes.html"), "the source is named");
        let rows: Vec<Row> = rows().collect();
        assert_eq!(rows.len(), body.len() - 1, "every line parses");
        for (k, row) in rows.iter().enumerate() {
            assert!(rows[..k].iter().all(|r| r.value < row.value), "{}: values ascend, each once", row.value);
            assert!(row.name.starts_with("LINKTYPE_") || row.name == "DLT_RAW", "{}", row.name);
            assert!(row.read == "-" || Framing::from_word(row.read).is_some(), "{}: read `{}`", row.name, row.read);
        }
    }

    #[test]
    fn the_link_types_read_are_those_the_reader_knows() {
        let read: Vec<(u32, Framing)> = rows().filter_map(|r| Some((r.value, LinkType(r.value).framing()?))).collect();
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
        assert_eq!(LinkType::by_name("LINKTYPE_LINUX_SLL2"), Some(LinkType(276)));
        assert_eq!(LinkType(105).framing(), None);
    }
}
