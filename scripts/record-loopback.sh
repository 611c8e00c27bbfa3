#!/usr/bin/env bash
# Records a real BITS upload on loopback (examples/loopback_bits.rs) with dumpcap into
# tests/fixtures/captures/loopback-bits-upload.pcapng. Needs dumpcap (apt-get install -y
# tshark) and the right to capture (root). The recorded file is committed: tests and CI
# do not need dumpcap.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8123}"
OUT="${OUT:-tests/fixtures/captures/loopback-bits-upload.pcapng}"
command -v dumpcap >/dev/null || { echo "record-loopback: dumpcap not found (apt-get install -y tshark)" >&2; exit 2; }
cargo build -q --example loopback_bits
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
dumpcap -q -i lo -f "tcp port $PORT" -w "$tmp/capture.pcapng" &
dumpcap_pid=$!
sleep 2
"$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/debug/examples/loopback_bits" "$PORT"
sleep 1
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid" || true
mkdir -p "$(dirname "$OUT")"
cp "$tmp/capture.pcapng" "$OUT"
echo "record-loopback: wrote $OUT ($(wc -c <"$OUT") bytes)"
