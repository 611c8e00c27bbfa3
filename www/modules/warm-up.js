// A small capture the worker inspects once at start (and throws away), so the engine's code
// is compiled and optimised before the first real input: request and response heads,
// BITS headers of every kind the rules read, a body, a finding or two.

export const WARM_UP = [
  'BITS_POST /upload/warm.txt HTTP/1.1\r\nAccept: */*\r\nBITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nContent-Name: warm.txt\r\nUser-Agent: Microsoft BITS/7.8\r\nHost: server\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nPragma: no-cache\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nBITS-Host-Id: 10.0.0.2\r\nContent-Length: 0\r\nAccept-Encoding: identity\r\n\r\n',
  'BITS_POST /upload/warm.txt HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nContent-Name: warm.txt\r\nContent-Range: bytes 0-9/10\r\nHost: server\r\nContent-Length: 10\r\n\r\n0123456789',
  'HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nBITS-Received-Content-Range: 10\r\nBITS-Reply-URL: http://server/reply.txt\r\nContent-Length: 0\r\n\r\n',
  'BITS_POST /upload/warm.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nHost: server\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 500 Internal Server Error\r\nBITS-Packet-Type: Ack\r\nBITS-Error-Code: 0x8020001F\r\nBITS-Error-Context: 0x5\r\nContent-Length: 0\r\n\r\n',
  'BITS_POST /upload/warm.txt HTTP/1.1\r\nBITS-Packet-Type: Close-Session\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nHost: server\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nContent-Length: 0\r\n\r\n',
].join('');
