//! Cases for the rules about one message.

use super::{case, Case};

pub fn cases() -> Vec<Case> {
    vec![case(
        "ack-create-session-protocol-on-failure",
        "BITS_POST /u/a.txt HTTP/1.1
BITS-Packet-Type: Create-Session
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}
Content-Length: 0

HTTP/1.1 403 Forbidden
BITS-Packet-Type: Ack
BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}
BITS-Error-Code: 0x80070005
BITS-Error-Context: 0x5
Content-Length: 0

",
        "BITS_POST /u/a.txt HTTP/1.1
BITS-Packet-Type: Create-Session
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}
Content-Length: 0

HTTP/1.1 403 Forbidden
BITS-Packet-Type: Ack
BITS-Error-Code: 0x80070005
BITS-Error-Context: 0x5
Content-Length: 0

",
    )]
}
