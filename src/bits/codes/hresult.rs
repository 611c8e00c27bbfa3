//! Newtypes for the two kinds of error number, with named constants (tls-parser's pattern):
//! `Hresult::BG_E_SESSION_NOT_FOUND`, `Win32Error::ERROR_DISK_FULL`. The constants are
//! generated from `data/` (see `tables.rs`); this file holds what the bits of an HRESULT
//! mean and how it prints. Names and words come from the tables (the lookups in `codes`).

use std::fmt;

/// An HRESULT, as `BITS-Error-Code` carries it: severity bit, facility, code.
/// `Display` prints it the way Windows tools and the headers do: `0x8020001F`.
/// `Debug` (in `codes`) adds the name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hresult(pub u32);

/// A Win32 error number (winerror.h, wininet.h, winhttp.h). `Display` prints the decimal
/// number, as winerror.h writes it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Win32Error(pub u32);

impl Hresult {
    /// FACILITY_WIN32: `HRESULT_FROM_WIN32` of a Win32 error.
    pub const FACILITY_WIN32: u16 = 7;
    /// FACILITY_HTTP: `BG_E_HTTP_ERROR_nnn` and the BITS event ids.
    pub const FACILITY_HTTP: u16 = 0x19;
    /// The facility of bitsmsg.h's `BG_*` codes.
    pub const FACILITY_BITS: u16 = 0x20;

    /// `HRESULT_FROM_WIN32` as winerror.h defines it: 0 stays 0 (never 0x80070000), every
    /// other error lands in FACILITY_WIN32 with the failure bit set.
    pub const fn from_win32(error: Win32Error) -> Hresult {
        if error.0 == 0 {
            Hresult(0)
        } else {
            Hresult(0x8000_0000 | (Self::FACILITY_WIN32 as u32) << 16 | (error.0 & 0xFFFF))
        }
    }

    /// The code a client records for an HTTP status it received: `BG_E_HTTP_ERROR_nnn`
    /// arithmetic, whether or not bitsmsg.h names that status.
    pub const fn from_http_status(status: u16) -> Hresult {
        Hresult(0x8000_0000 | (Self::FACILITY_HTTP as u32) << 16 | status as u32)
    }

    /// The severity bit: set for failures (`E_*`, `BG_E_*`), clear for successes.
    pub const fn is_failure(self) -> bool {
        self.0 & 0x8000_0000 != 0
    }

    /// The 11-bit facility: which component defined the code.
    pub const fn facility(self) -> u16 {
        ((self.0 >> 16) & 0x7FF) as u16
    }

    /// The low word: the message number within the facility.
    pub const fn code(self) -> u16 {
        (self.0 & 0xFFFF) as u16
    }
}

impl fmt::Display for Hresult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

impl From<u32> for Hresult {
    fn from(code: u32) -> Hresult {
        Hresult(code)
    }
}

impl From<Hresult> for u32 {
    fn from(code: Hresult) -> u32 {
        code.0
    }
}

impl fmt::Display for Win32Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
