//! The code tables themselves, generated at build time by `build.rs` from the files in
//! `data/`, which name their sources. The generated file also holds the named constants of
//! [`Hresult`] and [`Win32Error`], one for each row, so no value is written twice.
//!
//! Every table is a `static` sorted by its number (build.rs refuses a file out of order): an
//! error header is described once per message, so a lookup is a binary search and allocates
//! only the strings it returns. Names and meanings are `&'static str`, so the tables stay in
//! read-only data.

use super::hresult::{Hresult, Win32Error};

/// Which table an HRESULT came from, so the UI can say where the name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFamily {
    /// A `BG_*` code of `bitsmsg.h` (reference 5.2).
    Bits,
    /// `BG_E_HTTP_ERROR_nnn` (FACILITY_HTTP): how a client records an HTTP status it received.
    BitsHttp,
    /// A `BITS_MC_*` event-log message id: never a protocol value.
    BitsEvent,
    /// `HRESULT_FROM_WIN32` of a `winerror.h` / `wininet.h` / `winhttp.h` error.
    Win32,
    /// `S_OK`, `E_ACCESSDENIED`, `E_INVALIDARG` and the disk-full value [MC-BUP] prints.
    Generic,
}

/// One listed HRESULT (a row of `hresult-generic.tsv`, `bitsmsg.tsv` or `bits-events.tsv`).
pub(super) struct Entry {
    pub code: u32,
    pub name: &'static str,
    pub meaning: &'static str,
    pub family: CodeFamily,
    /// Reference 5.2 tags it UPLOAD, or [MC-BUP] has a server send it.
    pub upload: bool,
    pub note: Option<&'static str>,
}

/// What a row of `bits-http-errors.tsv` adds to its status, for the few rows that add
/// anything; `BG_HTTP_STATUSES` lists them all.
pub(super) struct HttpErrorWords {
    pub status: u16,
    /// The phrase for the meaning when the HTTP table has none (449 is IIS's own).
    pub phrase: Option<&'static str>,
    pub note: Option<&'static str>,
}

/// A generated constant, for the test that holds each one against its data row.
#[cfg(test)]
pub(super) enum Constant {
    Hresult(Hresult),
    Win32(Win32Error),
}

/// The note of every `old-sdk` row (reference 9.D23): one sentence, not one per row.
pub(super) const OLD_SDK_NOTE: &str =
    "(old SDK only) defined in the BITS 1.5-era bitsmsg.h, reserved in the Windows 10 SDK";

include!(concat!(env!("OUT_DIR"), "/code_tables.rs"));
