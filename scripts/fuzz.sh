#!/usr/bin/env bash
# Fuzzes every entry point that takes outside bytes, each for SECONDS (default 60), with
# corpora seeded from the test fixtures. Needs the nightly toolchain and cargo-fuzz
# (installed here when missing). Not part of the test command: a short run to use after a
# change; crashes land in fuzz/artifacts/<target>/ and become regression tests.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(inspect_text inspect_pcap inspect_har utf16_spans redact compose fix)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal


mkdir -p fuzz/corpus/inspect_text fuzz/corpus/inspect_pcap fuzz/corpus/inspect_har fuzz/corpus/utf16_spans fuzz/corpus/redact
cp -n tests/fixtures/messages/*.http fuzz/corpus/utf16_spans/
for f in tests/fixtures/*.http tests/fixtures/messages/*.http tests/fixtures/broken/*.http tests/fixtures/peers/*.http; do
  cp -n "$f" "fuzz/corpus/inspect_text/$(basename "$f")"
  cp -n "$f" "fuzz/corpus/redact/$(basename "$f")"
done
for f in tests/fixtures/captures/*.pcapng; do
  # The pcap target takes pcapng files as they are when their first byte has the high bit set.
  { printf '\x80'; cat "$f"; } > "fuzz/corpus/inspect_pcap/$(basename "$f")"
done
cp -n tests/fixtures/captures/*.har fuzz/corpus/inspect_har/
cp -n tests/fixtures/captures/*.har tests/fixtures/captures/*.pcapng fuzz/corpus/redact/
# compose and fix: every text fixture, whose requests the composer answers and whose
# findings carry the fixes.
mkdir -p fuzz/corpus/compose fuzz/corpus/fix
cp -n tests/fixtures/*.http tests/fixtures/messages/*.http tests/fixtures/broken/*.http tests/fixtures/peers/*.http fuzz/corpus/compose/
cp -n tests/fixtures/*.http tests/fixtures/messages/*.http tests/fixtures/broken/*.http tests/fixtures/peers/*.http fuzz/corpus/fix/

for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10
done
