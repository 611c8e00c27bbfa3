//! Names and meanings for the numbers a BITS conversation carries: HRESULTs in
//! `BITS-Error-Code` / `BITS-Error`, `BITS-Error-Context` values, HTTP statuses and their
//! reason phrases, and the Win32 errors that HRESULTs wrap.
//!
//! BITS values come from the shared reference `bits-protocol.md` (sections 5.1, 5.2, 5.3 and
//! 9.D9 / 9.D22 / 9.D23). Win32 values come from the Windows SDK `winerror.h` and `wininet.h`
//! (checked against Wine's `include/winerror.h`) and from the SDK `winhttp.h`.
//!
//! Every table is a `static` sorted by its number: an error header is described once per
//! message, so a lookup is a binary search and allocates only the returned strings.

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HresultInfo {
    pub code: u32,
    /// e.g. "BG_E_SESSION_NOT_FOUND", "BG_E_HTTP_ERROR_404", "HRESULT_FROM_WIN32(ERROR_DISK_FULL)".
    pub name: String,
    /// One plain-English sentence.
    pub meaning: String,
    pub family: CodeFamily,
    /// True for codes a BITS server puts on the wire or that are tied to uploads.
    pub upload_protocol: bool,
    pub note: Option<&'static str>,
}

/// One explicitly listed HRESULT. Names and meanings are `&'static str` so the tables stay in
/// read-only data and cost nothing until a lookup hits them.
struct Entry {
    code: u32,
    name: &'static str,
    meaning: &'static str,
    upload: bool,
    note: Option<&'static str>,
}

const fn e(code: u32, name: &'static str, meaning: &'static str) -> Entry {
    Entry { code, name, meaning, upload: false, note: None }
}

/// Reference 5.2 tags these UPLOAD.
const fn up(code: u32, name: &'static str, meaning: &'static str) -> Entry {
    Entry { code, name, meaning, upload: true, note: None }
}

/// Codes only the BITS 1.5-era header defines (reference 5.2, 9.D23).
const fn old(code: u32, name: &'static str, meaning: &'static str) -> Entry {
    Entry { code, name, meaning, upload: false, note: Some(OLD_SDK_NOTE) }
}

const fn noted(code: u32, name: &'static str, meaning: &'static str, note: &'static str) -> Entry {
    Entry { code, name, meaning, upload: false, note: Some(note) }
}

const OLD_SDK_NOTE: &str = "(old SDK only) defined in the BITS 1.5-era bitsmsg.h, reserved in the Windows 10 SDK";

const DISK_FULL_70_NOTE: &str = "9.D9: this is the arithmetically correct \
    HRESULT_FROM_WIN32(ERROR_DISK_FULL = 112); [MC-BUP] prints \"ERROR_DISK_FULL (x80070112)\" \
    instead and what IIS really sends is unconfirmed, so both values are accepted";

const DISK_FULL_112_NOTE: &str = "9.D9: [MC-BUP] prints \"ERROR_DISK_FULL (x80070112)\" for a \
    full disk and uses the same value with 408 for notification timeouts; 0x80070112 would be \
    Win32 error 274, which has no name in winerror.h (ERROR_DISK_FULL is 0x80070070); both \
    values are accepted";

/// S_OK, the two generic HRESULTs and the two disk-full spellings of reference 5.3: what a BITS
/// server sends besides BG_E_SESSION_NOT_FOUND and BG_E_TOO_LARGE.
static GENERIC: &[Entry] = &[
    Entry {
        code: 0x0000_0000,
        name: "S_OK",
        meaning: "Success, no error; [MC-BUP] lists this HRESULT (or none) for a 416 reply to \
                  a fragment that does not start at the server's next offset.",
        upload: true,
        note: Some("listed by [MC-BUP] for 416"),
    },
    Entry {
        code: 0x8007_0005,
        name: "E_ACCESSDENIED",
        meaning: "Access denied: the client may not write to the URL or the destination exists \
                  and cannot be overwritten (403), or uploads are not enabled on the virtual \
                  directory (501).",
        upload: true,
        note: None,
    },
    Entry {
        code: 0x8007_0057,
        name: "E_INVALIDARG",
        meaning: "The request was malformed (bad Content-Range, missing Content-Length, unknown \
                  packet type, no supported protocol, oversized header and the like), answered \
                  with 400 or 411.",
        upload: true,
        note: None,
    },
    Entry {
        code: 0x8007_0070,
        name: "HRESULT_FROM_WIN32(ERROR_DISK_FULL)",
        meaning: "The server has run out of disk space (Win32 ERROR_DISK_FULL, 112).",
        upload: true,
        note: Some(DISK_FULL_70_NOTE),
    },
    Entry {
        code: 0x8007_0112,
        name: "ERROR_DISK_FULL (x80070112)",
        meaning: "The server has run out of disk space, as [MC-BUP] writes it; [MC-BUP] also \
                  sends this value with 408 when notifying the server application timed out.",
        upload: true,
        note: Some(DISK_FULL_112_NOTE),
    },
];

/// bitsmsg.h, reference 5.2. Kept in the header's order, by message number (the low word),
/// so the BG_S_* success codes stay among their neighbours; message numbers are unique, so
/// [`find_bg`] searches on them. The gaps (0x4A-0x4F, 0x5A-0x5F) are in the header too.
static BG: &[Entry] = &[
    e(0x8020_0001, "BG_E_NOT_FOUND", "The requested job was not found."),
    e(0x8020_0002, "BG_E_INVALID_STATE", "The action is not allowed in the job's current state."),
    e(0x8020_0003, "BG_E_EMPTY", "The job contains no files."),
    e(
        0x8020_0004,
        "BG_E_FILE_NOT_AVAILABLE",
        "No file information is available because the error is not tied to a file.",
    ),
    e(
        0x8020_0005,
        "BG_E_PROTOCOL_NOT_AVAILABLE",
        "No protocol information is available because the error is not tied to a protocol.",
    ),
    e(
        0x0020_0006,
        "BG_S_ERROR_CONTEXT_NONE",
        "Success code, also the text id for the error context: no error occurred.",
    ),
    e(
        0x8020_0007,
        "BG_E_ERROR_CONTEXT_UNKNOWN",
        "Text id for the error context: the error happened in an unknown place.",
    ),
    e(
        0x8020_0008,
        "BG_E_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER",
        "Text id for the error context: the error happened in the transfer queue manager.",
    ),
    e(
        0x8020_0009,
        "BG_E_ERROR_CONTEXT_LOCAL_FILE",
        "Text id for the error context: the error concerns the local file.",
    ),
    e(
        0x8020_000A,
        "BG_E_ERROR_CONTEXT_REMOTE_FILE",
        "Text id for the error context: the error concerns the remote file.",
    ),
    e(
        0x8020_000B,
        "BG_E_ERROR_CONTEXT_GENERAL_TRANSPORT",
        "Text id for the error context: the error happened in the transport layer.",
    ),
    e(
        0x8020_000C,
        "BG_E_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION",
        "Text id for the error context: the error happened in the notification callback.",
    ),
    e(0x8020_000D, "BG_E_DESTINATION_LOCKED", "The destination volume is locked."),
    e(0x8020_000E, "BG_E_VOLUME_CHANGED", "The destination volume has changed."),
    e(0x8020_000F, "BG_E_ERROR_INFORMATION_UNAVAILABLE", "No error information is available."),
    e(0x8020_0010, "BG_E_NETWORK_DISCONNECTED", "There is no active network connection."),
    e(0x8020_0011, "BG_E_MISSING_FILE_SIZE", "The server did not return the file size (downloads)."),
    e(0x8020_0012, "BG_E_INSUFFICIENT_HTTP_SUPPORT", "The server does not support HTTP/1.1."),
    e(
        0x8020_0013,
        "BG_E_INSUFFICIENT_RANGE_SUPPORT",
        "The server does not support the Range and Content-Range headers (downloads).",
    ),
    e(0x8020_0014, "BG_E_REMOTE_NOT_SUPPORTED", "Using BITS remotely is not supported."),
    e(
        0x8020_0015,
        "BG_E_NEW_OWNER_DIFF_MAPPING",
        "The new job owner's drive mapping differs from the previous owner's.",
    ),
    e(0x8020_0016, "BG_E_NEW_OWNER_NO_FILE_ACCESS", "The new job owner cannot access the job's files."),
    e(0x0020_0017, "BG_S_PARTIAL_COMPLETE", "Success: some files completed and the incomplete ones were deleted."),
    e(0x8020_0018, "BG_E_PROXY_LIST_TOO_LARGE", "The proxy list is too long."),
    e(0x8020_0019, "BG_E_PROXY_BYPASS_LIST_TOO_LARGE", "The proxy bypass list is too long."),
    e(0x0020_001A, "BG_S_UNABLE_TO_DELETE_FILES", "Success, but some temporary files could not be deleted."),
    e(
        0x8020_001B,
        "BG_E_INVALID_SERVER_RESPONSE",
        "The server's response was not valid or did not follow the protocol.",
    ),
    e(0x8020_001C, "BG_E_TOO_MANY_FILES", "An upload job can hold only one file, so no more files can be added."),
    noted(
        0x8020_001D,
        "BG_E_LOCAL_FILE_CHANGED",
        "The local file changed while it was being uploaded.",
        "9.D22: the AddFile page calls this BG_E_FILE_CHANGED, a constant bitsmsg.h does not \
         define",
    ),
    e(
        0x8020_001E,
        "BG_E_ERROR_CONTEXT_REMOTE_APPLICATION",
        "Text id for the error context: the server application reported the error.",
    ),
    up(
        0x8020_001F,
        "BG_E_SESSION_NOT_FOUND",
        "The server does not know the upload session; the client retries or starts over with \
         Create-Session.",
    ),
    up(
        0x8020_0020,
        "BG_E_TOO_LARGE",
        "The upload is larger than the server accepts (BITSMaximumUploadSize), or the reply is \
         over 1 MB for GetReplyData.",
    ),
    e(0x8020_0021, "BG_E_STRING_TOO_LONG", "A string is too long."),
    up(
        0x8020_0022,
        "BG_E_CLIENT_SERVER_PROTOCOL_MISMATCH",
        "The client and the server could not agree on an upload protocol.",
    ),
    Entry {
        code: 0x8020_0023,
        name: "BG_E_SERVER_EXECUTE_ENABLE",
        meaning: "Scripting or execute permission is enabled on the IIS virtual directory, so it \
                  cannot take uploads.",
        upload: true,
        note: Some("9.D22: the documentation spells it BG_E_SERVER_EXECUTE_ENABLED"),
    },
    e(0x8020_0024, "BG_E_NO_PROGRESS", "The job is not making progress; the server may be misconfigured."),
    e(0x8020_0025, "BG_E_USERNAME_TOO_LARGE", "The user name is longer than 300 characters."),
    noted(
        0x8020_0026,
        "BG_E_PASSWORD_TOO_LARGE",
        "The password is too long.",
        "the limit reads 300 characters in the old bitsmsg.h, 65536 in the new one and 65535 \
         in the return-values page",
    ),
    e(0x8020_0027, "BG_E_INVALID_AUTH_TARGET", "The authentication target is not valid."),
    e(0x8020_0028, "BG_E_INVALID_AUTH_SCHEME", "The authentication scheme is not valid."),
    e(0x8020_0029, "BG_E_FILE_NOT_FOUND", "The file name is not part of the job."),
    e(0x0020_002A, "BG_S_PROXY_CHANGED", "Success: the proxy changed."),
    e(0x8020_002B, "BG_E_INVALID_RANGE", "A byte range is not valid (download ranges)."),
    e(0x8020_002C, "BG_E_OVERLAPPING_RANGES", "Byte ranges overlap (download ranges)."),
    e(0x8020_002D, "BG_E_CONNECT_FAILURE", "No connection could be made to the server."),
    e(0x8020_002E, "BG_E_CONNECTION_CLOSED", "The connection was closed too early."),
    old(0x8020_002F, "BG_E_KEEP_ALIVE_FAILURE", "A keep-alive connection was closed unexpectedly."),
    old(0x8020_0030, "BG_E_MESSAGE_LENGTH_LIMIT_EXCEEDED", "A message went over the size limit."),
    old(0x8020_0031, "BG_E_NAME_RESOLUTION_FAILURE", "The host name was not found."),
    old(0x8020_0032, "BG_E_PENDING", "An internal asynchronous request is still pending."),
    old(0x8020_0033, "BG_E_PIPELINE_FAILURE", "A pipeline failure; the header gives no further text."),
    old(0x8020_0034, "BG_E_PROTOCOL_ERROR", "The response reported a protocol-level error."),
    old(0x8020_0035, "BG_E_PROXY_NAME_RESOLUTION_FAILURE", "The proxy name was not found."),
    old(0x8020_0036, "BG_E_RECEIVE_FAILURE", "The complete response was not received."),
    old(0x8020_0037, "BG_E_REQUEST_CANCELED", "The request was canceled."),
    old(0x8020_0038, "BG_E_SECURE_CHANNEL_FAILURE", "The SSL connection failed."),
    old(0x8020_0039, "BG_E_SEND_FAILURE", "The complete request could not be sent."),
    old(0x8020_003A, "BG_E_SERVER_PROTOCOL_VIOLATION", "The server's response was not valid."),
    old(0x8020_003B, "BG_E_TIMEOUT", "The operation timed out."),
    old(0x8020_003C, "BG_E_TRUST_FAILURE", "The server certificate could not be validated."),
    old(0x8020_003D, "BG_E_UNKNOWN_ERROR", "An unknown error occurred."),
    e(0x8020_003E, "BG_E_BLOCKED_BY_POLICY", "Group Policy does not allow jobs to run now."),
    e(0x8020_003F, "BG_E_INVALID_PROXY_INFO", "The proxy list or bypass list is not valid."),
    e(0x8020_0040, "BG_E_INVALID_CREDENTIALS", "The credentials are not in a valid format."),
    e(0x8020_0041, "BG_E_INVALID_HASH_ALGORITHM", "The hash algorithm is not supported (peer caching)."),
    e(0x8020_0042, "BG_E_RECORD_DELETED", "The cache record was deleted."),
    e(0x8020_0043, "BG_E_COMMIT_IN_PROGRESS", "The cache record is already being updated."),
    e(0x8020_0044, "BG_E_DISCOVERY_IN_PROGRESS", "A search for neighbors is in progress."),
    e(0x8020_0045, "BG_E_UPNP_ERROR", "A UPnP error occurred."),
    e(0x8020_0046, "BG_E_TEST_OPTION_BLOCKED_DOWNLOAD", "A test option blocked the download."),
    e(0x8020_0047, "BG_E_PEERCACHING_DISABLED", "Peer caching is disabled."),
    e(0x8020_0048, "BG_E_BUSYCACHERECORD", "The cache record is busy."),
    e(0x8020_0049, "BG_E_TOO_MANY_JOBS_PER_USER", "The MaxJobsPerUser limit was exceeded."),
    e(0x8020_0050, "BG_E_TOO_MANY_JOBS_PER_MACHINE", "The MaxJobsPerMachine limit was exceeded."),
    e(0x8020_0051, "BG_E_TOO_MANY_FILES_IN_JOB", "The MaxFilesPerJob limit was exceeded."),
    e(0x8020_0052, "BG_E_TOO_MANY_RANGES_IN_FILE", "The MaxRangesPerFile limit was exceeded."),
    e(
        0x8020_0053,
        "BG_E_VALIDATION_FAILED",
        "The web site's response was not valid (details in the Bits-Client Operational log).",
    ),
    e(0x8020_0054, "BG_E_MAXDOWNLOAD_TIMEOUT", "The maximum download time was exceeded."),
    e(0x0020_0055, "BG_S_OVERRIDDEN_BY_POLICY", "Success, but policy overrode the requested preference."),
    e(0x8020_0056, "BG_E_TOKEN_REQUIRED", "A helper token is required."),
    e(0x8020_0057, "BG_E_UNKNOWN_PROPERTY_ID", "The property id is not known."),
    e(0x8020_0058, "BG_E_READ_ONLY_PROPERTY", "The property is read-only."),
    e(0x8020_0059, "BG_E_BLOCKED_BY_COST_TRANSFER_POLICY", "The network cost policy does not allow the transfer."),
    e(0x8020_0060, "BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY", "The property applies to download jobs only."),
    e(
        0x8020_0061,
        "BG_E_READ_ONLY_PROPERTY_AFTER_ADDFILE",
        "The property becomes read-only once a file has been added.",
    ),
    e(
        0x8020_0062,
        "BG_E_READ_ONLY_PROPERTY_AFTER_RESUME",
        "The property becomes read-only once the job has been resumed.",
    ),
    e(0x8020_0063, "BG_E_MAX_DOWNLOAD_SIZE_INVALID_VALUE", "The maximum download size is not a valid value."),
    e(0x8020_0064, "BG_E_MAX_DOWNLOAD_SIZE_LIMIT_REACHED", "The maximum download size was reached."),
    e(0x8020_0065, "BG_E_STANDBY_MODE", "The job is paused to save power."),
    e(
        0x8020_0066,
        "BG_E_USE_STORED_CREDENTIALS_NOT_SUPPORTED",
        "Stored credentials can only be used for the proxy target.",
    ),
    e(0x8020_0067, "BG_E_BLOCKED_BY_BATTERY_POLICY", "The job is paused while on battery."),
    e(0x8020_0068, "BG_E_BLOCKED_BY_BATTERY_SAVER", "The job is paused by battery saver."),
    e(0x8020_0069, "BG_E_WATCHDOG_TIMEOUT", "An operation took longer than expected."),
    e(0x8020_006A, "BG_E_APP_PACKAGE_NOT_FOUND", "The app package was not found."),
    e(0x8020_006B, "BG_E_APP_PACKAGE_SCENARIO_NOT_SUPPORTED", "The app package scenario is not supported."),
    e(0x8020_006C, "BG_E_DATABASE_CORRUPT", "The BITS state is corrupt."),
    e(
        0x8020_006D,
        "BG_E_RANDOM_ACCESS_NOT_SUPPORTED",
        "IBackgroundCopyFile6 is not supported here (for example on upload or upload-reply jobs).",
    ),
    e(0x8020_006E, "BG_E_BLOCKED_BY_BACKGROUND_ACCESS_POLICY", "The background access policy blocks the job."),
    e(0x8020_006F, "BG_E_BLOCKED_BY_GAME_MODE", "The job is paused by Game Mode."),
    e(0x8020_0070, "BG_E_BLOCKED_BY_SYSTEM_POLICY", "The job is paused because system resources are constrained."),
    e(
        0x8020_0071,
        "BG_E_NOT_SUPPORTED_WITH_CUSTOM_HTTP_METHOD",
        "The operation is not supported with a custom HTTP method.",
    ),
    e(0x8020_0072, "BG_E_UNSUPPORTED_JOB_CONFIGURATION", "The job's settings are incompatible with each other."),
    e(0x8020_0073, "BG_E_REMOTE_FILE_CHANGED", "The remote file changed during the transfer."),
    e(
        0x8020_0074,
        "BG_E_SERVER_CERT_VALIDATION_INTERFACE_REQUIRED",
        "A server certificate validation callback is required but missing.",
    ),
    e(0x8020_0075, "BG_E_READ_ONLY_WHEN_JOB_ACTIVE", "This can only be called while the job is paused."),
    e(
        0x8020_0076,
        "BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK",
        "Text id for the error context: the server certificate callback reported the error.",
    ),
];

/// BITS_MC_* event-log message ids (reference 5.3). They only show up when someone pastes an
/// event-log id into the inspector, never on the wire.
static BITS_MC: &[Entry] = &[
    e(0x8019_4000, "BITS_MC_JOB_CANCELLED", "Event-log message: a job was cancelled."),
    e(0x8019_4001, "BITS_MC_FILE_DELETION_FAILED", "Event-log message: a file could not be deleted."),
    e(0x8019_4002, "BITS_MC_FILE_DELETION_FAILED_MORE", "Event-log message: several files could not be deleted."),
    e(0x8019_4003, "BITS_MC_JOB_PROPERTY_CHANGE", "Event-log message: a job property changed."),
    e(0x8019_4004, "BITS_MC_JOB_TAKE_OWNERSHIP", "Event-log message: ownership of a job was taken."),
    e(0x8019_4005, "BITS_MC_JOB_SCAVENGED", "Event-log message: an old job was scavenged."),
    e(
        0x8019_4006,
        "BITS_MC_JOB_NOTIFICATION_FAILURE",
        "Event-log message: notifying the application about a job failed.",
    ),
    e(0x8019_4007, "BITS_MC_STATE_FILE_CORRUPT", "Event-log message: the state file was corrupt."),
    e(0x8019_4008, "BITS_MC_FAILED_TO_START", "Event-log message: the BITS service failed to start."),
    e(0x8019_4009, "BITS_MC_FATAL_IGD_ERROR", "Event-log message: a fatal Internet gateway device error."),
    e(0x8019_400A, "BITS_MC_PEERCACHING_PORT", "Event-log message: about the peer-caching port."),
    e(0x8019_400B, "BITS_MC_WSD_PORT", "Event-log message: about the WS-Discovery port."),
];

const FACILITY_HTTP_BASE: u32 = 0x8019_0000;
const FACILITY_WIN32_BASE: u32 = 0x8007_0000;

/// Statuses for which bitsmsg.h defines BG_E_HTTP_ERROR_nnn (reference 5.3); other statuses
/// have no BG_E_HTTP_ERROR name even though the arithmetic would work.
static BG_HTTP_STATUSES: &[u16] = &[
    100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 307, 400, 401, 402, 403, 404, 405, 406,
    407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 449, 500, 501, 502, 503, 504, 505,
];

/// What W-RV adds about two of the HTTP-derived codes.
fn bg_http_note(status: u16) -> Option<&'static str> {
    match status {
        404 => Some(
            "W-RV: on IIS 7 this can mean uploads are not enabled on the virtual directory, or \
             the upload exceeds BITSMaximumUploadSize",
        ),
        501 => Some("W-RV: on IIS 6 this means uploads are not enabled on the virtual directory"),
        _ => None,
    }
}

/// HTTP reason phrases: RFC 9110, plus the codes other RFCs register (102, 103, 207, 208, 226,
/// 423-425, 428, 429, 431, 451, 506-508, 510, 511). 418, 427 and 509 are unassigned.
static HTTP_REASONS: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Content"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// Earlier spellings that servers still send (IIS keeps the RFC 2616 phrases): RFC 1945/2068/
/// 2616 (302, 408, 413, 414, 416, 504), RFC 7231 (413) and RFC 4918 (422). Small enough that a
/// scan beats a second binary search.
static HTTP_OLD_REASONS: &[(u16, &str)] = &[
    (302, "Moved Temporarily"),
    (408, "Request Time-out"),
    (413, "Request Entity Too Large"),
    (413, "Payload Too Large"),
    (414, "Request-URI Too Long"),
    (414, "Request-URI Too Large"),
    (416, "Requested Range Not Satisfiable"),
    (422, "Unprocessable Entity"),
    (504, "Gateway Time-out"),
];

/// BG_ERROR_CONTEXT, reference 5.1; the index is the value.
static ERROR_CONTEXTS: &[(&str, &str)] = &[
    ("BG_ERROR_CONTEXT_NONE", "No error."),
    ("BG_ERROR_CONTEXT_UNKNOWN", "The error's context is unknown."),
    ("BG_ERROR_CONTEXT_GENERAL_QUEUE_MANAGER", "The error happened in the transfer queue manager."),
    ("BG_ERROR_CONTEXT_QUEUE_MANAGER_NOTIFICATION", "The error happened while notifying the client application."),
    ("BG_ERROR_CONTEXT_LOCAL_FILE", "The error concerns the local file (permissions, volume availability)."),
    (
        "BG_ERROR_CONTEXT_REMOTE_FILE",
        "The error concerns the remote file or URL; a BITS server sends this value (0x5) when it \
         produced the error itself.",
    ),
    ("BG_ERROR_CONTEXT_GENERAL_TRANSPORT", "The error happened in the transport layer."),
    (
        "BG_ERROR_CONTEXT_REMOTE_APPLICATION",
        "The server application that received the upload reported the error (BITS 1.5+); sent \
         as 0x7.",
    ),
    (
        "BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK",
        "The error came from the user-supplied server certificate callback.",
    ),
];

/// Win32 errors by number: winerror.h (0-12xxx outside the WinINet block, WSA* included) and
/// the 12000-12192 block WinINet and WinHTTP share. Where the two Internet headers give one
/// number different names, the WinINet name is the entry and the WinHTTP one is an alias in
/// [`WIN32_ALIASES`]. 12175 is the exception: the headers disagree on its meaning, so the entry
/// is WinHTTP's (TLS failure) and its text names WinINet's reading.
#[rustfmt::skip] // one error per line, like winerror.h, so the table stays scannable
static WIN32: &[(u32, &str, &str)] = &[
    (0, "ERROR_SUCCESS", "The operation completed successfully."),
    (1, "ERROR_INVALID_FUNCTION", "Incorrect function."),
    (2, "ERROR_FILE_NOT_FOUND", "The system cannot find the file specified."),
    (3, "ERROR_PATH_NOT_FOUND", "The system cannot find the path specified."),
    (4, "ERROR_TOO_MANY_OPEN_FILES", "The system cannot open the file (too many open files)."),
    (5, "ERROR_ACCESS_DENIED", "Access is denied."),
    (6, "ERROR_INVALID_HANDLE", "The handle is invalid."),
    (7, "ERROR_ARENA_TRASHED", "The storage control blocks were destroyed."),
    (8, "ERROR_NOT_ENOUGH_MEMORY", "Not enough memory is available to process this command."),
    (9, "ERROR_INVALID_BLOCK", "The storage control block address is invalid."),
    (10, "ERROR_BAD_ENVIRONMENT", "The environment is incorrect."),
    (11, "ERROR_BAD_FORMAT", "A program with an incorrect format was loaded."),
    (12, "ERROR_INVALID_ACCESS", "The access code is invalid."),
    (13, "ERROR_INVALID_DATA", "The data is invalid."),
    (14, "ERROR_OUTOFMEMORY", "Not enough memory is available to complete this operation."),
    (15, "ERROR_INVALID_DRIVE", "The system cannot find the drive specified."),
    (16, "ERROR_CURRENT_DIRECTORY", "The directory cannot be removed."),
    (17, "ERROR_NOT_SAME_DEVICE", "The file cannot be moved to a different disk drive."),
    (18, "ERROR_NO_MORE_FILES", "There are no more files."),
    (19, "ERROR_WRITE_PROTECT", "The media is write protected."),
    (20, "ERROR_BAD_UNIT", "The system cannot find the device specified."),
    (21, "ERROR_NOT_READY", "The device is not ready."),
    (22, "ERROR_BAD_COMMAND", "The device does not recognize the command."),
    (23, "ERROR_CRC", "Data error (cyclic redundancy check)."),
    (24, "ERROR_BAD_LENGTH", "A command was issued with an incorrect length."),
    (25, "ERROR_SEEK", "The drive cannot locate a specific area or track on the disk."),
    (26, "ERROR_NOT_DOS_DISK", "The specified disk cannot be accessed."),
    (27, "ERROR_SECTOR_NOT_FOUND", "The drive cannot find the sector requested."),
    (28, "ERROR_OUT_OF_PAPER", "The printer is out of paper."),
    (29, "ERROR_WRITE_FAULT", "The system cannot write to the specified device."),
    (30, "ERROR_READ_FAULT", "The system cannot read from the specified device."),
    (31, "ERROR_GEN_FAILURE", "A device attached to the system is not functioning."),
    (32, "ERROR_SHARING_VIOLATION", "The file is being used by another process."),
    (33, "ERROR_LOCK_VIOLATION", "Another process has locked a portion of the file."),
    (34, "ERROR_WRONG_DISK", "The wrong diskette is in the drive."),
    (36, "ERROR_SHARING_BUFFER_EXCEEDED", "Too many files are opened for sharing."),
    (38, "ERROR_HANDLE_EOF", "Reached the end of the file."),
    (39, "ERROR_HANDLE_DISK_FULL", "The disk is full."),
    (50, "ERROR_NOT_SUPPORTED", "The request is not supported."),
    (51, "ERROR_REM_NOT_LIST", "Windows cannot find the network path."),
    (52, "ERROR_DUP_NAME", "A duplicate name exists on the network."),
    (53, "ERROR_BAD_NETPATH", "The network path was not found."),
    (54, "ERROR_NETWORK_BUSY", "The network is busy."),
    (55, "ERROR_DEV_NOT_EXIST", "The network resource or device is no longer available."),
    (56, "ERROR_TOO_MANY_CMDS", "The network BIOS command limit has been reached."),
    (57, "ERROR_ADAP_HDW_ERR", "A network adapter hardware error occurred."),
    (58, "ERROR_BAD_NET_RESP", "The specified server cannot perform the requested operation."),
    (59, "ERROR_UNEXP_NET_ERR", "An unexpected network error occurred."),
    (60, "ERROR_BAD_REM_ADAP", "The remote adapter is not compatible."),
    (61, "ERROR_PRINTQ_FULL", "The printer queue is full."),
    (62, "ERROR_NO_SPOOL_SPACE", "The server has no space to store the file waiting to print."),
    (63, "ERROR_PRINT_CANCELLED", "The file waiting to be printed was deleted."),
    (64, "ERROR_NETNAME_DELETED", "The specified network name is no longer available."),
    (65, "ERROR_NETWORK_ACCESS_DENIED", "Network access is denied."),
    (66, "ERROR_BAD_DEV_TYPE", "The network resource type is not correct."),
    (67, "ERROR_BAD_NET_NAME", "The network name cannot be found."),
    (68, "ERROR_TOO_MANY_NAMES", "The name limit for the local network adapter was exceeded."),
    (69, "ERROR_TOO_MANY_SESS", "The network BIOS session limit was exceeded."),
    (70, "ERROR_SHARING_PAUSED", "The remote server has been paused or is being started."),
    (71, "ERROR_REQ_NOT_ACCEP", "The remote computer cannot accept more connections now."),
    (72, "ERROR_REDIR_PAUSED", "The specified printer or disk device has been paused."),
    (80, "ERROR_FILE_EXISTS", "The file exists."),
    (82, "ERROR_CANNOT_MAKE", "The directory or file cannot be created."),
    (83, "ERROR_FAIL_I24", "Fail on INT 24."),
    (84, "ERROR_OUT_OF_STRUCTURES", "Storage to process this request is not available."),
    (85, "ERROR_ALREADY_ASSIGNED", "The local device name is already in use."),
    (86, "ERROR_INVALID_PASSWORD", "The specified network password is not correct."),
    (87, "ERROR_INVALID_PARAMETER", "The parameter is incorrect."),
    (88, "ERROR_NET_WRITE_FAULT", "A write fault occurred on the network."),
    (89, "ERROR_NO_PROC_SLOTS", "The system cannot start another process now."),
    (109, "ERROR_BROKEN_PIPE", "The pipe has been ended."),
    (110, "ERROR_OPEN_FAILED", "The system cannot open the device or file specified."),
    (111, "ERROR_BUFFER_OVERFLOW", "The file name is too long."),
    (112, "ERROR_DISK_FULL", "There is not enough space on the disk."),
    (120, "ERROR_CALL_NOT_IMPLEMENTED", "This function is not supported on this system."),
    (121, "ERROR_SEM_TIMEOUT", "The semaphore timeout period has expired."),
    (122, "ERROR_INSUFFICIENT_BUFFER", "The data area passed to a system call is too small."),
    (123, "ERROR_INVALID_NAME", "The file name, directory name or volume label syntax is wrong."),
    (124, "ERROR_INVALID_LEVEL", "The system call level is not correct."),
    (126, "ERROR_MOD_NOT_FOUND", "The specified module could not be found."),
    (127, "ERROR_PROC_NOT_FOUND", "The specified procedure could not be found."),
    (131, "ERROR_NEGATIVE_SEEK", "The file pointer was moved before the beginning of the file."),
    (145, "ERROR_DIR_NOT_EMPTY", "The directory is not empty."),
    (160, "ERROR_BAD_ARGUMENTS", "One or more arguments are not correct."),
    (161, "ERROR_BAD_PATHNAME", "The specified path is invalid."),
    (167, "ERROR_LOCK_FAILED", "A region of a file could not be locked."),
    (170, "ERROR_BUSY", "The requested resource is in use."),
    (183, "ERROR_ALREADY_EXISTS", "A file cannot be created when that file already exists."),
    (203, "ERROR_ENVVAR_NOT_FOUND", "The system could not find the environment option entered."),
    (206, "ERROR_FILENAME_EXCED_RANGE", "The file name or extension is too long."),
    (223, "ERROR_FILE_TOO_LARGE", "The file size exceeds the allowed limit and cannot be saved."),
    (225, "ERROR_VIRUS_INFECTED", "The file contains a virus or potentially unwanted software."),
    (230, "ERROR_BAD_PIPE", "The pipe state is invalid."),
    (231, "ERROR_PIPE_BUSY", "All pipe instances are busy."),
    (232, "ERROR_NO_DATA", "The pipe is being closed."),
    (233, "ERROR_PIPE_NOT_CONNECTED", "No process is on the other end of the pipe."),
    (234, "ERROR_MORE_DATA", "More data is available."),
    (258, "WAIT_TIMEOUT", "The wait operation timed out."),
    (259, "ERROR_NO_MORE_ITEMS", "No more data is available."),
    (266, "ERROR_CANNOT_COPY", "The copy functions cannot be used."),
    (267, "ERROR_DIRECTORY", "The directory name is invalid."),
    (288, "ERROR_NOT_OWNER", "A mutex not owned by the caller was released."),
    (299, "ERROR_PARTIAL_COPY", "Only part of a ReadProcessMemory or WriteProcessMemory ran."),
    (303, "ERROR_DELETE_PENDING", "The file cannot be opened because it is being deleted."),
    (487, "ERROR_INVALID_ADDRESS", "An invalid address was accessed."),
    (534, "ERROR_ARITHMETIC_OVERFLOW", "An arithmetic result exceeded 32 bits."),
    (740, "ERROR_ELEVATION_REQUIRED", "The requested operation requires elevation."),
    (995, "ERROR_OPERATION_ABORTED", "The I/O operation was aborted by a thread exit or request."),
    (996, "ERROR_IO_INCOMPLETE", "The overlapped I/O event is not in a signaled state."),
    (997, "ERROR_IO_PENDING", "An overlapped I/O operation is in progress."),
    (998, "ERROR_NOACCESS", "Invalid access to a memory location."),
    (1001, "ERROR_STACK_OVERFLOW", "Recursion too deep; the stack overflowed."),
    (1004, "ERROR_INVALID_FLAGS", "The flags are invalid."),
    (1005, "ERROR_UNRECOGNIZED_VOLUME", "The volume does not contain a recognized file system."),
    (1006, "ERROR_FILE_INVALID", "The volume of an open file was altered and the file is stale."),
    (1008, "ERROR_NO_TOKEN", "A token that does not exist was referenced."),
    (1009, "ERROR_BADDB", "The configuration registry database is corrupt."),
    (1010, "ERROR_BADKEY", "The configuration registry key is invalid."),
    (1011, "ERROR_CANTOPEN", "The configuration registry key could not be opened."),
    (1012, "ERROR_CANTREAD", "The configuration registry key could not be read."),
    (1013, "ERROR_CANTWRITE", "The configuration registry key could not be written."),
    (1015, "ERROR_REGISTRY_CORRUPT", "The registry is corrupted."),
    (1053, "ERROR_SERVICE_REQUEST_TIMEOUT", "The service did not respond in time."),
    (1056, "ERROR_SERVICE_ALREADY_RUNNING", "An instance of the service is already running."),
    (1058, "ERROR_SERVICE_DISABLED", "The service cannot be started because it is disabled."),
    (1060, "ERROR_SERVICE_DOES_NOT_EXIST", "The service is not installed."),
    (1062, "ERROR_SERVICE_NOT_ACTIVE", "The service has not been started."),
    (1067, "ERROR_PROCESS_ABORTED", "The process terminated unexpectedly."),
    (1068, "ERROR_SERVICE_DEPENDENCY_FAIL", "A dependency service failed to start."),
    (1069, "ERROR_SERVICE_LOGON_FAILED", "The service did not start because its logon failed."),
    (1115, "ERROR_SHUTDOWN_IN_PROGRESS", "A system shutdown is in progress."),
    (1130, "ERROR_NOT_ENOUGH_SERVER_MEMORY", "The server does not have enough memory for this."),
    (1168, "ERROR_NOT_FOUND", "Element not found."),
    (1200, "ERROR_BAD_DEVICE", "The specified device name is invalid."),
    (1203, "ERROR_NO_NET_OR_BAD_PATH", "The network path is wrong or the provider is unavailable."),
    (1208, "ERROR_EXTENDED_ERROR", "An extended error has occurred."),
    (1219, "ERROR_SESSION_CREDENTIAL_CONFLICT", "One user used two user names for one server."),
    (1222, "ERROR_NO_NETWORK", "The network is not present or not started."),
    (1223, "ERROR_CANCELLED", "The operation was canceled by the user."),
    (1224, "ERROR_USER_MAPPED_FILE", "The file has a user-mapped section open."),
    (1225, "ERROR_CONNECTION_REFUSED", "The remote computer refused the network connection."),
    (1226, "ERROR_GRACEFUL_DISCONNECT", "The network connection was gracefully closed."),
    (1229, "ERROR_CONNECTION_INVALID", "An operation was tried on a nonexistent connection."),
    (1230, "ERROR_CONNECTION_ACTIVE", "An invalid operation was tried on an active connection."),
    (1231, "ERROR_NETWORK_UNREACHABLE", "The remote network cannot be reached."),
    (1232, "ERROR_HOST_UNREACHABLE", "The remote host cannot be reached."),
    (1233, "ERROR_PROTOCOL_UNREACHABLE", "The remote system does not support the protocol."),
    (1234, "ERROR_PORT_UNREACHABLE", "No service is listening at the remote endpoint."),
    (1235, "ERROR_REQUEST_ABORTED", "The request was aborted."),
    (1236, "ERROR_CONNECTION_ABORTED", "The local system aborted the network connection."),
    (1237, "ERROR_RETRY", "The operation could not be completed; it should be retried."),
    (1244, "ERROR_NOT_AUTHENTICATED", "The user has not been authenticated."),
    (1245, "ERROR_NOT_LOGGED_ON", "The user is not logged on."),
    (1256, "ERROR_HOST_DOWN", "The remote system is not available."),
    (1260, "ERROR_ACCESS_DISABLED_BY_POLICY", "Group Policy blocks this program."),
    (1300, "ERROR_NOT_ALL_ASSIGNED", "Not all referenced privileges or groups are assigned."),
    (1312, "ERROR_NO_SUCH_LOGON_SESSION", "The logon session does not exist."),
    (1314, "ERROR_PRIVILEGE_NOT_HELD", "The client does not hold a required privilege."),
    (1317, "ERROR_NO_SUCH_USER", "The specified account does not exist."),
    (1323, "ERROR_WRONG_PASSWORD", "The current password given is not correct."),
    (1326, "ERROR_LOGON_FAILURE", "The user name or password is incorrect."),
    (1327, "ERROR_ACCOUNT_RESTRICTION", "An account restriction prevents this sign-in."),
    (1328, "ERROR_INVALID_LOGON_HOURS", "The account may not sign in at this time of day."),
    (1329, "ERROR_INVALID_WORKSTATION", "The account may not sign in from this computer."),
    (1330, "ERROR_PASSWORD_EXPIRED", "The password has expired."),
    (1331, "ERROR_ACCOUNT_DISABLED", "The account is disabled."),
    (1332, "ERROR_NONE_MAPPED", "No mapping between account names and security IDs was done."),
    (1355, "ERROR_NO_SUCH_DOMAIN", "The domain does not exist or cannot be contacted."),
    (1385, "ERROR_LOGON_TYPE_NOT_GRANTED", "The user was not granted this logon type."),
    (1392, "ERROR_FILE_CORRUPT", "The file or directory is corrupted and unreadable."),
    (1393, "ERROR_DISK_CORRUPT", "The disk structure is corrupted and unreadable."),
    (1396, "ERROR_WRONG_TARGET_NAME", "The target account name is incorrect."),
    (1398, "ERROR_TIME_SKEW", "The clocks of the client and the server differ too much."),
    (1450, "ERROR_NO_SYSTEM_RESOURCES", "Insufficient system resources to complete the request."),
    (1455, "ERROR_COMMITMENT_LIMIT", "The paging file is too small for this operation."),
    (1460, "ERROR_TIMEOUT", "The operation returned because the timeout period expired."),
    (1722, "RPC_S_SERVER_UNAVAILABLE", "The RPC server is unavailable."),
    (1723, "RPC_S_SERVER_TOO_BUSY", "The RPC server is too busy to complete this operation."),
    (1726, "RPC_S_CALL_FAILED", "The remote procedure call failed."),
    (1727, "RPC_S_CALL_FAILED_DNE", "The remote procedure call failed and did not execute."),
    (1793, "ERROR_ACCOUNT_EXPIRED", "The user's account has expired."),
    (1907, "ERROR_PASSWORD_MUST_CHANGE", "The user's password must be changed before signing in."),
    (1909, "ERROR_ACCOUNT_LOCKED_OUT", "The account is locked out."),
    (2250, "ERROR_NOT_CONNECTED", "This network connection does not exist."),
    (3010, "ERROR_SUCCESS_REBOOT_REQUIRED", "Success; a restart is needed to finish."),
    (4317, "ERROR_INVALID_OPERATION", "The operation identifier is not valid."),
    (5023, "ERROR_INVALID_STATE", "The group or resource is not in the correct state."),
    (10004, "WSAEINTR", "A blocking socket operation was interrupted."),
    (10013, "WSAEACCES", "A socket was used in a way its access permissions forbid."),
    (10048, "WSAEADDRINUSE", "The socket address is already in use."),
    (10049, "WSAEADDRNOTAVAIL", "The requested address is not valid in its context."),
    (10050, "WSAENETDOWN", "A socket operation met a dead network."),
    (10051, "WSAENETUNREACH", "A socket operation was tried to an unreachable network."),
    (10052, "WSAENETRESET", "The connection was broken by keep-alive activity."),
    (10053, "WSAECONNABORTED", "Software on this host aborted an established connection."),
    (10054, "WSAECONNRESET", "The remote host forcibly closed an existing connection."),
    (10055, "WSAENOBUFS", "No buffer space was available for a socket operation."),
    (10057, "WSAENOTCONN", "The socket is not connected."),
    (10058, "WSAESHUTDOWN", "The socket had already been shut down in that direction."),
    (10060, "WSAETIMEDOUT",
        "The connection attempt timed out or the connected host stopped responding."),
    (10061, "WSAECONNREFUSED", "The target machine actively refused the connection."),
    (10064, "WSAEHOSTDOWN", "The destination host was down."),
    (10065, "WSAEHOSTUNREACH", "A socket operation was tried to an unreachable host."),
    (11001, "WSAHOST_NOT_FOUND", "No such host is known."),
    (11002, "WSATRY_AGAIN", "Temporary name-resolution failure; try again."),
    (11003, "WSANO_RECOVERY", "A non-recoverable error occurred during a database lookup."),
    (11004, "WSANO_DATA", "The name is valid but has no data record of the requested type."),
    (12001, "ERROR_INTERNET_OUT_OF_HANDLES", "No more Internet handles can be allocated."),
    (12002, "ERROR_INTERNET_TIMEOUT", "The operation timed out."),
    (12003, "ERROR_INTERNET_EXTENDED_ERROR", "The server returned extended information."),
    (12004, "ERROR_INTERNET_INTERNAL_ERROR", "An internal error occurred in WinINet/WinHTTP."),
    (12005, "ERROR_INTERNET_INVALID_URL", "The URL is invalid."),
    (12006, "ERROR_INTERNET_UNRECOGNIZED_SCHEME", "The URL does not use a recognized scheme."),
    (12007, "ERROR_INTERNET_NAME_NOT_RESOLVED", "The server name could not be resolved."),
    (12008, "ERROR_INTERNET_PROTOCOL_NOT_FOUND", "No protocol with the needed capabilities."),
    (12009, "ERROR_INTERNET_INVALID_OPTION", "The option is invalid."),
    (12010, "ERROR_INTERNET_BAD_OPTION_LENGTH", "The length is wrong for the option type."),
    (12011, "ERROR_INTERNET_OPTION_NOT_SETTABLE", "The option value cannot be set."),
    (12012, "ERROR_INTERNET_SHUTDOWN", "Internet support is being shut down or was unloaded."),
    (12013, "ERROR_INTERNET_INCORRECT_USER_NAME", "The user name was not allowed."),
    (12014, "ERROR_INTERNET_INCORRECT_PASSWORD", "The password was not allowed."),
    (12015, "ERROR_INTERNET_LOGIN_FAILURE", "The login request was denied."),
    (12016, "ERROR_INTERNET_INVALID_OPERATION", "The requested operation is invalid."),
    (12017, "ERROR_INTERNET_OPERATION_CANCELLED", "The operation was canceled."),
    (12018, "ERROR_INTERNET_INCORRECT_HANDLE_TYPE", "The handle is the wrong type for this."),
    (12019, "ERROR_INTERNET_INCORRECT_HANDLE_STATE", "The handle is in the wrong state for this."),
    (12020, "ERROR_INTERNET_NOT_PROXY_REQUEST", "The request cannot be made via a proxy."),
    (12023, "ERROR_INTERNET_NO_DIRECT_ACCESS", "Direct Internet access is not available."),
    (12026, "ERROR_INTERNET_REQUEST_PENDING", "There are outstanding requests."),
    (12028, "ERROR_INTERNET_ITEM_NOT_FOUND", "The requested item could not be found."),
    (12029, "ERROR_INTERNET_CANNOT_CONNECT", "A connection with the server could not be made."),
    (12030, "ERROR_INTERNET_CONNECTION_ABORTED",
        "The connection with the server was terminated abnormally."),
    (12031, "ERROR_INTERNET_CONNECTION_RESET", "The connection with the server was reset."),
    (12032, "ERROR_INTERNET_FORCE_RETRY", "The request must be sent again."),
    (12033, "ERROR_INTERNET_INVALID_PROXY_REQUEST", "The proxy request is invalid."),
    (12034, "ERROR_INTERNET_NEED_UI", "User interaction is needed to complete the operation."),
    (12036, "ERROR_INTERNET_HANDLE_EXISTS", "The handle already exists."),
    (12037, "ERROR_INTERNET_SEC_CERT_DATE_INVALID",
        "The server certificate has expired or is not yet valid."),
    (12038, "ERROR_INTERNET_SEC_CERT_CN_INVALID",
        "The host name in the server certificate does not match."),
    (12039, "ERROR_INTERNET_HTTP_TO_HTTPS_ON_REDIR", "A redirect goes from HTTP to HTTPS."),
    (12040, "ERROR_INTERNET_HTTPS_TO_HTTP_ON_REDIR", "A redirect goes from HTTPS to HTTP."),
    (12041, "ERROR_INTERNET_MIXED_SECURITY", "Secure and non-secure content are mixed."),
    (12042, "ERROR_INTERNET_CHG_POST_IS_NON_SECURE", "A post is changing to a non-secure one."),
    (12043, "ERROR_INTERNET_POST_IS_NON_SECURE", "Data is posted over a non-secure connection."),
    (12044, "ERROR_INTERNET_CLIENT_AUTH_CERT_NEEDED", "The server asks for a client certificate."),
    (12045, "ERROR_INTERNET_INVALID_CA", "The server certificate's authority is not trusted."),
    (12046, "ERROR_INTERNET_CLIENT_AUTH_NOT_SETUP", "Client authentication is not set up."),
    (12047, "ERROR_INTERNET_ASYNC_THREAD_FAILED", "A WinINet asynchronous thread failed."),
    (12048, "ERROR_INTERNET_REDIRECT_SCHEME_CHANGE", "A redirect changed the protocol scheme."),
    (12049, "ERROR_INTERNET_DIALOG_PENDING", "There are operations awaiting retry."),
    (12050, "ERROR_INTERNET_RETRY_DIALOG", "The operation must be retried."),
    (12052, "ERROR_INTERNET_HTTPS_HTTP_SUBMIT_REDIR", "A zone check says to retry the operation."),
    (12053, "ERROR_INTERNET_INSERT_CDROM", "The user must insert a CD-ROM."),
    (12054, "ERROR_INTERNET_FORTEZZA_LOGIN_NEEDED", "A Fortezza login is needed."),
    (12055, "ERROR_INTERNET_SEC_CERT_ERRORS", "The server certificate has errors."),
    (12056, "ERROR_INTERNET_SEC_CERT_NO_REV", "Certificate revocation could not be checked."),
    (12057, "ERROR_INTERNET_SEC_CERT_REV_FAILED",
        "The revocation check of the server certificate failed."),
    (12100, "ERROR_WINHTTP_CANNOT_CALL_BEFORE_OPEN",
        "WinHTTP: called before the request was opened."),
    (12101, "ERROR_WINHTTP_CANNOT_CALL_BEFORE_SEND",
        "WinHTTP: called before the request was sent."),
    (12102, "ERROR_WINHTTP_CANNOT_CALL_AFTER_SEND", "WinHTTP: called after the request was sent."),
    (12103, "ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN",
        "WinHTTP: called after the request was opened."),
    (12110, "ERROR_FTP_TRANSFER_IN_PROGRESS", "An FTP request is already running on this session."),
    (12111, "ERROR_FTP_DROPPED", "The FTP session was terminated."),
    (12112, "ERROR_FTP_NO_PASSIVE_MODE", "FTP passive mode is not available."),
    (12150, "ERROR_HTTP_HEADER_NOT_FOUND", "The requested HTTP header was not found."),
    (12151, "ERROR_HTTP_DOWNLEVEL_SERVER", "The server does not support the protocol level."),
    (12152, "ERROR_HTTP_INVALID_SERVER_RESPONSE",
        "The server returned an invalid or unrecognized response."),
    (12153, "ERROR_HTTP_INVALID_HEADER", "The supplied HTTP header is invalid."),
    (12154, "ERROR_HTTP_INVALID_QUERY_REQUEST", "The request for an HTTP header is invalid."),
    (12155, "ERROR_HTTP_HEADER_ALREADY_EXISTS", "The HTTP header already exists."),
    (12156, "ERROR_HTTP_REDIRECT_FAILED", "The HTTP redirect failed."),
    (12157, "ERROR_INTERNET_SECURITY_CHANNEL_ERROR",
        "An error occurred in the secure channel (TLS)."),
    (12158, "ERROR_INTERNET_UNABLE_TO_CACHE_FILE", "The file could not be written to the cache."),
    (12159, "ERROR_INTERNET_TCPIP_NOT_INSTALLED", "TCP/IP is not installed properly."),
    (12160, "ERROR_HTTP_NOT_REDIRECTED", "The HTTP request was not redirected."),
    (12161, "ERROR_HTTP_COOKIE_NEEDS_CONFIRMATION", "A cookie must be confirmed by the user."),
    (12162, "ERROR_HTTP_COOKIE_DECLINED", "A cookie from the server was declined."),
    (12163, "ERROR_INTERNET_DISCONNECTED", "The computer is disconnected from the network."),
    (12164, "ERROR_INTERNET_SERVER_UNREACHABLE", "The server is unreachable."),
    (12165, "ERROR_INTERNET_PROXY_SERVER_UNREACHABLE", "The proxy server is unreachable."),
    (12166, "ERROR_INTERNET_BAD_AUTO_PROXY_SCRIPT",
        "The proxy auto-configuration script is in error."),
    (12167, "ERROR_INTERNET_UNABLE_TO_DOWNLOAD_SCRIPT",
        "The proxy auto-configuration script could not be downloaded."),
    (12168, "ERROR_HTTP_REDIRECT_NEEDS_CONFIRMATION",
        "The redirect must be confirmed by the user."),
    (12169, "ERROR_INTERNET_SEC_INVALID_CERT", "The server certificate is invalid."),
    (12170, "ERROR_INTERNET_SEC_CERT_REVOKED", "The server certificate has been revoked."),
    (12171, "ERROR_INTERNET_FAILED_DUETOSECURITYCHECK",
        "Dial-up failed because of a security check."),
    (12172, "ERROR_INTERNET_NOT_INITIALIZED", "WinINet/WinHTTP was not initialized."),
    (12175, "ERROR_WINHTTP_SECURE_FAILURE",
        "WinHTTP: the TLS handshake or server certificate failed (WinINet uses 12175 for \
         ERROR_INTERNET_DECODING_FAILED)."),
    (12176, "ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE",
        "WinHTTP: the proxy script type is not supported."),
    (12177, "ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR", "WinHTTP: the proxy script failed to run."),
    (12178, "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR", "WinHTTP: the auto-proxy service failed."),
    (12179, "ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE",
        "WinHTTP: the server certificate is not valid for server authentication."),
    (12180, "ERROR_WINHTTP_AUTODETECTION_FAILED",
        "WinHTTP: the proxy auto-configuration URL could not be found."),
    (12181, "ERROR_WINHTTP_HEADER_COUNT_EXCEEDED", "WinHTTP: the response has too many headers."),
    (12182, "ERROR_WINHTTP_HEADER_SIZE_OVERFLOW", "WinHTTP: the response headers are too large."),
    (12183, "ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW",
        "WinHTTP: a chunk header is too large."),
    (12184, "ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW",
        "WinHTTP: the response went over an internal size limit."),
    (12185, "ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY",
        "WinHTTP: the client certificate has no private key."),
    (12186, "ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY",
        "WinHTTP: the client certificate's private key cannot be accessed."),
    (12187, "ERROR_INTERNET_CLIENT_AUTH_CERT_NEEDED_PROXY",
        "The proxy asks for a client certificate."),
    (12188, "ERROR_INTERNET_SECURE_FAILURE_PROXY", "The TLS connection to the proxy failed."),
    (12190, "ERROR_INTERNET_HTTP_PROTOCOL_MISMATCH",
        "The HTTP protocol version could not be agreed with the server."),
];

/// Other names for numbers in [`WIN32`], accepted by [`hresult_by_name`]: the WinHTTP
/// spellings of the shared 12xxx block, WinINet's name for 12175, and NO_ERROR.
static WIN32_ALIASES: &[(&str, u32)] = &[
    ("NO_ERROR", 0),
    ("ERROR_WINHTTP_OUT_OF_HANDLES", 12001),
    ("ERROR_WINHTTP_TIMEOUT", 12002),
    ("ERROR_WINHTTP_INTERNAL_ERROR", 12004),
    ("ERROR_WINHTTP_INVALID_URL", 12005),
    ("ERROR_WINHTTP_UNRECOGNIZED_SCHEME", 12006),
    ("ERROR_WINHTTP_NAME_NOT_RESOLVED", 12007),
    ("ERROR_WINHTTP_INVALID_OPTION", 12009),
    ("ERROR_WINHTTP_OPTION_NOT_SETTABLE", 12011),
    ("ERROR_WINHTTP_SHUTDOWN", 12012),
    ("ERROR_WINHTTP_LOGIN_FAILURE", 12015),
    ("ERROR_WINHTTP_OPERATION_CANCELLED", 12017),
    ("ERROR_WINHTTP_INCORRECT_HANDLE_TYPE", 12018),
    ("ERROR_WINHTTP_INCORRECT_HANDLE_STATE", 12019),
    ("ERROR_WINHTTP_CANNOT_CONNECT", 12029),
    ("ERROR_WINHTTP_CONNECTION_ERROR", 12030),
    ("ERROR_WINHTTP_RESEND_REQUEST", 12032),
    ("ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", 12037),
    ("ERROR_WINHTTP_SECURE_CERT_CN_INVALID", 12038),
    ("ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", 12044),
    ("ERROR_WINHTTP_SECURE_INVALID_CA", 12045),
    ("ERROR_WINHTTP_SECURE_CERT_REV_FAILED", 12057),
    ("ERROR_WINHTTP_HEADER_NOT_FOUND", 12150),
    ("ERROR_WINHTTP_INVALID_SERVER_RESPONSE", 12152),
    ("ERROR_WINHTTP_INVALID_HEADER", 12153),
    ("ERROR_WINHTTP_INVALID_QUERY_REQUEST", 12154),
    ("ERROR_WINHTTP_HEADER_ALREADY_EXISTS", 12155),
    ("ERROR_WINHTTP_REDIRECT_FAILED", 12156),
    ("ERROR_WINHTTP_SECURE_CHANNEL_ERROR", 12157),
    ("ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT", 12166),
    ("ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT", 12167),
    ("ERROR_WINHTTP_SECURE_INVALID_CERT", 12169),
    ("ERROR_WINHTTP_SECURE_CERT_REVOKED", 12170),
    ("ERROR_WINHTTP_NOT_INITIALIZED", 12172),
    ("ERROR_INTERNET_DECODING_FAILED", 12175),
    ("ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY", 12187),
    ("ERROR_WINHTTP_SECURE_FAILURE_PROXY", 12188),
    ("ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH", 12190),
];

/// HTTP statuses a BITS server pairs with each BITS-Error-Code ([MC-BUP] 2.2.1.2 table,
/// reference section 4).
static EXPECTED_STATUSES: &[(u32, &[u16])] = &[
    (0x0000_0000, &[416]),
    (0x8007_0005, &[403, 501]),
    (0x8007_0057, &[400, 411]),
    (0x8007_0070, &[500, 408]),
    (0x8007_0112, &[500, 408]),
    (0x8020_001F, &[500]),
    (0x8020_0020, &[500]),
];

fn find_entry(table: &'static [Entry], code: u32) -> Option<&'static Entry> {
    table.binary_search_by_key(&code, |entry| entry.code).ok().map(|i| &table[i])
}

fn find_bg(code: u32) -> Option<&'static Entry> {
    if code & 0x7FFF_0000 != 0x0020_0000 {
        return None;
    }
    let i = BG.binary_search_by_key(&(code & 0xFFFF), |entry| entry.code & 0xFFFF).ok()?;
    // The severity must match too: 0x80200006 is not BG_S_ERROR_CONTEXT_NONE.
    Some(&BG[i]).filter(|entry| entry.code == code)
}

fn info(entry: &Entry, family: CodeFamily) -> HresultInfo {
    HresultInfo {
        code: entry.code,
        name: entry.name.to_owned(),
        meaning: entry.meaning.to_owned(),
        family,
        upload_protocol: entry.upload,
        note: entry.note,
    }
}

/// 0x80070070 is named after a winerror.h constant, so the UI credits that table; the rest of
/// [`GENERIC`] has no single header of origin worth naming.
fn generic_family(code: u32) -> CodeFamily {
    if code == 0x8007_0070 {
        CodeFamily::Win32
    } else {
        CodeFamily::Generic
    }
}

/// The reason phrase used in a BG_E_HTTP_ERROR meaning; 449 is an IIS extension that no RFC
/// names, so it gets its IIS phrase here rather than a place in [`HTTP_REASONS`].
fn bg_http_phrase(status: u16) -> &'static str {
    match status {
        449 => "Retry With (an IIS extension, not an IANA-registered status)",
        _ => http_reason_phrase(status).unwrap_or("(no registered reason phrase)"),
    }
}

/// Describes an HRESULT: every BG_* code of reference 5.2 (old-SDK-only and BG_S_* included),
/// S_OK, E_ACCESSDENIED, E_INVALIDARG, both disk-full values (9.D9), BG_E_HTTP_ERROR_nnn for the
/// statuses bitsmsg.h defines, the BITS_MC_* event ids, and HRESULT_FROM_WIN32 of any error in
/// [`win32_error`]'s table. `None` for anything else.
pub fn describe_hresult(code: u32) -> Option<HresultInfo> {
    if let Some(entry) = find_entry(GENERIC, code) {
        return Some(info(entry, generic_family(code)));
    }
    if let Some(entry) = find_bg(code) {
        return Some(info(entry, CodeFamily::Bits));
    }
    if let Some(entry) = find_entry(BITS_MC, code) {
        return Some(info(entry, CodeFamily::BitsEvent));
    }
    if code & 0xFFFF_0000 == FACILITY_HTTP_BASE {
        let status = u16::try_from(code & 0xFFFF).ok()?;
        BG_HTTP_STATUSES.binary_search(&status).ok()?;
        return Some(HresultInfo {
            code,
            name: format!("BG_E_HTTP_ERROR_{status}"),
            meaning: format!("The server answered HTTP {status} {}.", bg_http_phrase(status)),
            family: CodeFamily::BitsHttp,
            upload_protocol: false,
            note: bg_http_note(status),
        });
    }
    // HRESULT_FROM_WIN32(0) is 0, never 0x80070000, so the low word must be non-zero.
    if code & 0xFFFF_0000 == FACILITY_WIN32_BASE && code & 0xFFFF != 0 {
        let (name, meaning) = win32_error(code & 0xFFFF)?;
        return Some(HresultInfo {
            code,
            name: format!("HRESULT_FROM_WIN32({name})"),
            meaning: meaning.to_owned(),
            family: CodeFamily::Win32,
            upload_protocol: false,
            note: None,
        });
    }
    None
}

/// HRESULT_FROM_WIN32 as winerror.h defines it: 0 stays 0, everything else lands in
/// FACILITY_WIN32 with the error bit set.
fn hresult_from_win32(error: u32) -> u32 {
    if error == 0 {
        0
    } else {
        (error & 0xFFFF) | FACILITY_WIN32_BASE
    }
}

fn win32_by_name(name: &str) -> Option<u32> {
    WIN32
        .iter()
        .find(|(_, n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(code, _, _)| code)
        .or_else(|| WIN32_ALIASES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, code)| code))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Looks a code up by its symbolic name, ASCII case-insensitively: BG_*, S_OK / E_*,
/// BG_E_HTTP_ERROR_nnn, BITS_MC_*, Win32 names (giving their HRESULT_FROM_WIN32 value, so
/// "ERROR_DISK_FULL" is 0x80070070), "HRESULT_FROM_WIN32(NAME)", and the misspellings the
/// documentation uses (9.D22).
pub fn hresult_by_name(name: &str) -> Option<u32> {
    // Names come from a person typing into the UI, not from traffic, so linear scans are
    // plenty and the tables need no second, name-sorted copy.
    let name = name.trim();
    // 9.D22: W-RV and W-PERM spell the header's BG_E_SERVER_EXECUTE_ENABLE with a trailing D,
    // and the AddFile page cites BG_E_FILE_CHANGED for BG_E_LOCAL_FILE_CHANGED.
    if name.eq_ignore_ascii_case("BG_E_SERVER_EXECUTE_ENABLED") {
        return Some(0x8020_0023);
    }
    if name.eq_ignore_ascii_case("BG_E_FILE_CHANGED") {
        return Some(0x8020_001D);
    }
    if let Some(entry) =
        GENERIC.iter().chain(BG.iter()).chain(BITS_MC.iter()).find(|entry| entry.name.eq_ignore_ascii_case(name))
    {
        return Some(entry.code);
    }
    if let Some(digits) = strip_prefix_ignore_case(name, "BG_E_HTTP_ERROR_") {
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let status: u16 = digits.parse().ok()?;
        BG_HTTP_STATUSES.binary_search(&status).ok()?;
        return Some(FACILITY_HTTP_BASE + u32::from(status));
    }
    // The names describe_hresult produces for wrapped Win32 errors round-trip too.
    let win32_name = strip_prefix_ignore_case(name, "HRESULT_FROM_WIN32(")
        .and_then(|rest| rest.strip_suffix(')'))
        .map(str::trim)
        .unwrap_or(name);
    win32_by_name(win32_name).map(hresult_from_win32)
}

/// A Win32 error (winerror.h, wininet.h, winhttp.h): its name and a one-line meaning.
pub fn win32_error(code: u32) -> Option<(&'static str, &'static str)> {
    WIN32.binary_search_by_key(&code, |&(c, _, _)| c).ok().map(|i| (WIN32[i].1, WIN32[i].2))
}

/// The current reason phrase for an HTTP status (RFC 9110 and the other registered codes).
pub fn http_reason_phrase(status: u16) -> Option<&'static str> {
    HTTP_REASONS.binary_search_by_key(&status, |&(s, _)| s).ok().map(|i| HTTP_REASONS[i].1)
}

/// True when `reason` is an accepted phrase for `status`, compared ASCII case-insensitively,
/// older RFC 2068 / 2616 / 7231 / 4918 spellings included ("Requested Range Not Satisfiable").
pub fn http_reason_matches(status: u16, reason: &str) -> bool {
    let reason = reason.trim_matches(|c: char| c == ' ' || c == '\t');
    http_reason_phrase(status).is_some_and(|phrase| phrase.eq_ignore_ascii_case(reason))
        || HTTP_OLD_REASONS.iter().any(|&(s, phrase)| s == status && phrase.eq_ignore_ascii_case(reason))
}

/// The status whose phrase `reason` is (standard or older spelling), for telling a reason
/// that belongs to another code: `Created` is 201's.
pub fn http_status_of_reason(reason: &str) -> Option<u16> {
    let reason = reason.trim_matches(|c: char| c == ' ' || c == '\t');
    HTTP_REASONS
        .iter()
        .chain(HTTP_OLD_REASONS)
        .find(|&&(_, phrase)| phrase.eq_ignore_ascii_case(reason))
        .map(|&(status, _)| status)
}

/// A BG_ERROR_CONTEXT value (reference 5.1): enumerator name and meaning.
pub fn error_context(value: u32) -> Option<(&'static str, &'static str)> {
    usize::try_from(value).ok().and_then(|i| ERROR_CONTEXTS.get(i)).copied()
}

/// The HTTP statuses a BITS server pairs with this BITS-Error-Code ([MC-BUP] 2.2.1.2 table,
/// reference section 4); `None` for codes a server does not send.
pub fn expected_statuses(code: u32) -> Option<&'static [u16]> {
    EXPECTED_STATUSES.binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| EXPECTED_STATUSES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strictly_sorted<T, K: Ord>(table: &[T], key: impl Fn(&T) -> K) -> bool {
        table.windows(2).all(|w| key(&w[0]) < key(&w[1]))
    }

    #[test]
    fn tables_are_sorted_without_duplicate_codes() {
        assert!(strictly_sorted(GENERIC, |e| e.code));
        assert!(strictly_sorted(BG, |e| e.code & 0xFFFF));
        assert!(strictly_sorted(BITS_MC, |e| e.code));
        assert!(strictly_sorted(BG_HTTP_STATUSES, |&s| s));
        assert!(strictly_sorted(HTTP_REASONS, |&(s, _)| s));
        assert!(strictly_sorted(WIN32, |&(c, _, _)| c));
        assert!(strictly_sorted(EXPECTED_STATUSES, |&(c, _)| c));
        assert!(HTTP_OLD_REASONS.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn names_are_unique_across_tables() {
        let mut names: Vec<String> = GENERIC
            .iter()
            .chain(BG)
            .chain(BITS_MC)
            .map(|e| e.name.to_ascii_uppercase())
            .chain(WIN32.iter().map(|(_, n, _)| n.to_ascii_uppercase()))
            .chain(WIN32_ALIASES.iter().map(|(n, _)| n.to_ascii_uppercase()))
            .collect();
        let total = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), total);
        // Every alias points at a number the Win32 table describes.
        for &(alias, code) in WIN32_ALIASES {
            assert!(win32_error(code).is_some(), "{alias}");
        }
    }

    #[test]
    fn table_sizes() {
        assert_eq!(BG.len(), 106);
        assert_eq!(BITS_MC.len(), 12);
        assert_eq!(BG_HTTP_STATUSES.len(), 41);
        assert_eq!(ERROR_CONTEXTS.len(), 9);
        assert!(WIN32.len() >= 120);
    }

    #[test]
    fn sample_values_from_the_reference() {
        assert_eq!(hresult_by_name("BG_E_SESSION_NOT_FOUND"), Some(0x8020_001F));
        assert_eq!(hresult_by_name("BG_E_TOO_MANY_JOBS_PER_MACHINE"), Some(0x8020_0050));
        assert_eq!(hresult_by_name("BG_E_TOO_MANY_JOBS_PER_USER"), Some(0x8020_0049));
        assert_eq!(hresult_by_name("BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY"), Some(0x8020_0060));
        assert_eq!(hresult_by_name("BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK"), Some(0x8020_0076));
        assert_eq!(hresult_by_name("BG_S_PARTIAL_COMPLETE"), Some(0x0020_0017));

        let info = describe_hresult(0x8020_001F).unwrap();
        assert_eq!(info.name, "BG_E_SESSION_NOT_FOUND");
        assert_eq!(info.family, CodeFamily::Bits);
        assert!(info.upload_protocol);
        assert_eq!(info.note, None);

        let info = describe_hresult(0x8019_0194).unwrap();
        assert_eq!(info.name, "BG_E_HTTP_ERROR_404");
        assert_eq!(info.family, CodeFamily::BitsHttp);
        assert_eq!(info.meaning, "The server answered HTTP 404 Not Found.");
        assert!(!info.upload_protocol);
        assert!(info.note.unwrap().contains("IIS 7"));
        assert_eq!(describe_hresult(0x8019_01A0).unwrap().name, "BG_E_HTTP_ERROR_416");
        assert!(describe_hresult(0x8019_01C1).unwrap().meaning.contains("449 Retry With"));

        let info = describe_hresult(0x8007_0057).unwrap();
        assert_eq!(info.name, "E_INVALIDARG");
        assert_eq!(info.family, CodeFamily::Generic);
        assert!(info.upload_protocol);
        assert_eq!(describe_hresult(0x8007_0005).unwrap().name, "E_ACCESSDENIED");

        let info = describe_hresult(0x8007_0002).unwrap();
        assert_eq!(info.name, "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)");
        assert_eq!(info.family, CodeFamily::Win32);
        assert_eq!(info.meaning, "The system cannot find the file specified.");
        assert!(!info.upload_protocol);

        let info = describe_hresult(0x8019_4007).unwrap();
        assert_eq!(info.name, "BITS_MC_STATE_FILE_CORRUPT");
        assert_eq!(info.family, CodeFamily::BitsEvent);
    }

    #[test]
    fn unknown_codes_are_none() {
        assert_eq!(describe_hresult(0x8020_1234), None);
        // Gaps inside bitsmsg.h.
        assert_eq!(describe_hresult(0x8020_004A), None);
        assert_eq!(describe_hresult(0x8020_005A), None);
        assert_eq!(describe_hresult(0x8020_0077), None);
        // Right message number, wrong severity.
        assert_eq!(describe_hresult(0x8020_0006), None);
        assert_eq!(describe_hresult(0x0020_0001), None);
        assert_eq!(describe_hresult(0x8021_001F), None);
        // 450 has no BG_E_HTTP_ERROR constant; 0x8019400C is past the last event id.
        assert_eq!(describe_hresult(0x8019_01C2), None);
        assert_eq!(describe_hresult(0x8019_400C), None);
        // Win32 274 has no winerror.h name; HRESULT_FROM_WIN32(0) is 0, not 0x80070000.
        assert_eq!(describe_hresult(0x8007_0112 + 1), None);
        assert_eq!(describe_hresult(0x8007_0000), None);
        assert_eq!(describe_hresult(0x0000_0001), None);
        assert_eq!(hresult_by_name("BG_E_NO_SUCH_THING"), None);
        assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_450"), None);
        assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_0404"), None);
        assert_eq!(hresult_by_name(""), None);
    }

    #[test]
    fn every_bg_name_round_trips() {
        for entry in BG {
            assert_eq!(hresult_by_name(entry.name), Some(entry.code), "{}", entry.name);
            assert_eq!(hresult_by_name(&entry.name.to_ascii_lowercase()), Some(entry.code));
            let info = describe_hresult(entry.code).unwrap();
            assert_eq!(info.name, entry.name);
            assert_eq!(info.family, CodeFamily::Bits);
            // BG_S_* are success codes (severity bit clear); BG_E_* are failures.
            assert_eq!(entry.name.starts_with("BG_S_"), entry.code >> 31 == 0, "{}", entry.name);
            assert_eq!(entry.code & 0x7FFF_0000, 0x0020_0000, "{}", entry.name);
        }
    }

    #[test]
    fn every_other_name_round_trips() {
        for entry in GENERIC.iter().chain(BITS_MC) {
            assert_eq!(hresult_by_name(entry.name), Some(entry.code), "{}", entry.name);
            assert_eq!(describe_hresult(entry.code).unwrap().name, entry.name);
        }
        for &status in BG_HTTP_STATUSES {
            let code = 0x8019_0000 + u32::from(status);
            let info = describe_hresult(code).unwrap();
            assert_eq!(hresult_by_name(&info.name), Some(code));
        }
        for &(error, name, _) in WIN32.iter().filter(|&&(c, _, _)| c != 0) {
            let code = 0x8007_0000 | error;
            let info = describe_hresult(code).unwrap();
            assert_eq!(info.code, code);
            assert_eq!(hresult_by_name(&info.name), Some(code), "{}", info.name);
            assert_eq!(hresult_by_name(name), Some(code), "{name}");
        }
    }

    #[test]
    fn old_sdk_codes_carry_the_note() {
        for entry in BG {
            let old_only = (0x8020_002F..=0x8020_003D).contains(&entry.code);
            assert_eq!(entry.note == Some(OLD_SDK_NOTE), old_only, "{}", entry.name);
        }
        let info = describe_hresult(0x8020_002F).unwrap();
        assert_eq!(info.name, "BG_E_KEEP_ALIVE_FAILURE");
        assert!(info.note.unwrap().starts_with("(old SDK only)"));
        assert_eq!(describe_hresult(0x8020_003D).unwrap().name, "BG_E_UNKNOWN_ERROR");
    }

    #[test]
    fn upload_flags_follow_the_reference() {
        let upload: Vec<u32> = BG.iter().filter(|e| e.upload).map(|e| e.code).collect();
        assert_eq!(upload, [0x8020_001F, 0x8020_0020, 0x8020_0022, 0x8020_0023]);
        assert!(GENERIC.iter().all(|e| e.upload));
        assert!(BITS_MC.iter().all(|e| !e.upload));
        assert!(!describe_hresult(0x8007_0002).unwrap().upload_protocol);
    }

    #[test]
    fn disk_full_and_spelling_quirks() {
        assert_eq!(hresult_by_name("ERROR_DISK_FULL"), Some(0x8007_0070));
        assert_eq!(hresult_by_name("error_disk_full"), Some(0x8007_0070));
        let info = describe_hresult(0x8007_0070).unwrap();
        assert_eq!(info.name, "HRESULT_FROM_WIN32(ERROR_DISK_FULL)");
        assert_eq!(info.family, CodeFamily::Win32);
        assert!(info.upload_protocol);
        assert!(info.note.unwrap().starts_with("9.D9"));
        let info = describe_hresult(0x8007_0112).unwrap();
        assert_eq!(info.family, CodeFamily::Generic);
        assert!(info.upload_protocol);
        assert!(info.note.unwrap().contains("274"));
        assert_eq!(win32_error(274), None);

        assert_eq!(hresult_by_name("BG_E_SERVER_EXECUTE_ENABLED"), Some(0x8020_0023));
        assert_eq!(hresult_by_name("bg_e_server_execute_enable"), Some(0x8020_0023));
        assert_eq!(hresult_by_name("BG_E_FILE_CHANGED"), Some(0x8020_001D));
        assert_eq!(hresult_by_name(" E_INVALIDARG "), Some(0x8007_0057));
        assert_eq!(hresult_by_name("S_OK"), Some(0));
        assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_404"), Some(0x8019_0194));
        assert_eq!(hresult_by_name("bg_e_http_error_449"), Some(0x8019_01C1));
        assert_eq!(hresult_by_name("ERROR_SUCCESS"), Some(0));
        assert_eq!(hresult_by_name("ERROR_INVALID_PARAMETER"), Some(0x8007_0057));
        assert_eq!(hresult_by_name("HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)"), Some(0x8007_0005));
        assert_eq!(hresult_by_name("ERROR_INTERNET_TIMEOUT"), Some(0x8007_2EE2));
        assert_eq!(hresult_by_name("ERROR_WINHTTP_TIMEOUT"), Some(0x8007_2EE2));
        assert_eq!(hresult_by_name("ERROR_INTERNET_DECODING_FAILED"), Some(0x8007_2F8F));
        assert_eq!(hresult_by_name("WSAETIMEDOUT"), Some(0x8007_274C));
    }

    #[test]
    fn win32_values() {
        let expect = [
            (0, "ERROR_SUCCESS"),
            (2, "ERROR_FILE_NOT_FOUND"),
            (5, "ERROR_ACCESS_DENIED"),
            (36, "ERROR_SHARING_BUFFER_EXCEEDED"),
            (87, "ERROR_INVALID_PARAMETER"),
            (112, "ERROR_DISK_FULL"),
            (122, "ERROR_INSUFFICIENT_BUFFER"),
            (123, "ERROR_INVALID_NAME"),
            (183, "ERROR_ALREADY_EXISTS"),
            (206, "ERROR_FILENAME_EXCED_RANGE"),
            (258, "WAIT_TIMEOUT"),
            (1223, "ERROR_CANCELLED"),
            (1326, "ERROR_LOGON_FAILURE"),
            (1460, "ERROR_TIMEOUT"),
            (10060, "WSAETIMEDOUT"),
            (12002, "ERROR_INTERNET_TIMEOUT"),
            (12007, "ERROR_INTERNET_NAME_NOT_RESOLVED"),
            (12029, "ERROR_INTERNET_CANNOT_CONNECT"),
            (12030, "ERROR_INTERNET_CONNECTION_ABORTED"),
            (12031, "ERROR_INTERNET_CONNECTION_RESET"),
            (12152, "ERROR_HTTP_INVALID_SERVER_RESPONSE"),
            (12175, "ERROR_WINHTTP_SECURE_FAILURE"),
        ];
        for (code, name) in expect {
            assert_eq!(win32_error(code).map(|(n, _)| n), Some(name), "{code}");
        }
        // winerror.h defines every number from 1 to 89 except these.
        let undefined = [35, 37, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 73, 74, 75, 76, 77, 78, 79, 81];
        for code in 1..=89 {
            assert_eq!(win32_error(code).is_none(), undefined.contains(&code), "{code}");
        }
        assert!(WIN32.iter().all(|(_, _, meaning)| meaning.ends_with('.')));
    }

    #[test]
    fn http_reason_phrases() {
        assert_eq!(http_reason_phrase(206), Some("Partial Content"));
        assert_eq!(http_reason_phrase(416), Some("Range Not Satisfiable"));
        assert_eq!(http_reason_phrase(413), Some("Content Too Large"));
        assert_eq!(http_reason_phrase(511), Some("Network Authentication Required"));
        assert_eq!(http_reason_phrase(509), None);
        assert_eq!(http_reason_phrase(449), None);

        assert_eq!(http_status_of_reason("Created"), Some(201));
        assert_eq!(http_status_of_reason(" requested range not satisfiable"), Some(416));
        assert_eq!(http_status_of_reason("Whatever"), None);

        assert!(http_reason_matches(416, "Range Not Satisfiable"));
        assert!(http_reason_matches(416, "Requested Range Not Satisfiable"));
        assert!(http_reason_matches(416, "requested range not satisfiable"));
        assert!(!http_reason_matches(416, "Bad Request"));
        assert!(!http_reason_matches(400, "Requested Range Not Satisfiable"));
        assert!(http_reason_matches(413, "Request Entity Too Large"));
        assert!(http_reason_matches(413, "Payload Too Large"));
        assert!(http_reason_matches(414, "Request-URI Too Long"));
        assert!(http_reason_matches(414, "URI Too Long"));
        assert!(http_reason_matches(505, "HTTP Version not supported"));
        assert!(http_reason_matches(200, "OK"));
        assert!(!http_reason_matches(200, ""));
        assert!(!http_reason_matches(999, "OK"));
    }

    #[test]
    fn error_contexts() {
        assert_eq!(error_context(0).unwrap().0, "BG_ERROR_CONTEXT_NONE");
        assert_eq!(error_context(5).unwrap().0, "BG_ERROR_CONTEXT_REMOTE_FILE");
        assert_eq!(error_context(7).unwrap().0, "BG_ERROR_CONTEXT_REMOTE_APPLICATION");
        assert_eq!(error_context(8).unwrap().0, "BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK");
        assert_eq!(error_context(9), None);
        assert_eq!(error_context(u32::MAX), None);
    }

    #[test]
    fn expected_statuses_per_code() {
        assert_eq!(expected_statuses(0x8020_001F), Some(&[500][..]));
        assert_eq!(expected_statuses(0x8020_0020), Some(&[500][..]));
        assert_eq!(expected_statuses(0x8007_0005), Some(&[403, 501][..]));
        assert_eq!(expected_statuses(0x8007_0057), Some(&[400, 411][..]));
        assert_eq!(expected_statuses(0x8007_0070), Some(&[500, 408][..]));
        assert_eq!(expected_statuses(0x8007_0112), Some(&[500, 408][..]));
        assert_eq!(expected_statuses(0), Some(&[416][..]));
        assert_eq!(expected_statuses(0x8020_0022), None);
        assert_eq!(expected_statuses(0x8019_0194), None);
    }
}
