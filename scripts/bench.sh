#!/usr/bin/env bash
# Every speed and size figure in one run, each beside its budget:
#   native inspection MB/s and messages/s beside httparse on the same bytes (cargo bench);
#   instructions per message of a native inspection (valgrind --tool=callgrind), which,
#   unlike time, repeat exactly on a shared machine;
#   the same corpora inspected by the wasm build in headless Chromium, as a ratio to native;
#   paste to rendered findings for 1,000 and 100,000 messages, and the longest main-thread
#   task for 100,000; for 100,000 pasted messages the worker's time beside the engine's own
#   inspection (as the worker runs it, and step by step in the page); the wasm size raw and
#   gzipped (tests/browser/bench.test.mjs).
# Installs what it needs (scripts/setup.sh, valgrind). Output: artifacts/bench.txt too.
#   scripts/bench.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p artifacts
log=artifacts/bench-raw.txt
: >"$log"

scripts/setup.sh
if ! command -v valgrind >/dev/null; then
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get install -y --no-install-recommends valgrind
fi

echo "== native: cargo bench --bench inspect"
cargo bench --bench inspect 2>/dev/null | tee -a "$log"

echo "== instructions per message (callgrind)"
# Symbols are kept so callgrind can switch counting on inside the inspection only.
CARGO_PROFILE_RELEASE_STRIP=false CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
  cargo build -q --release --example count_instructions --target-dir target/callgrind
for corpus in "uploads 200" "small 2000"; do
  set -- $corpus
  out="$(mktemp)"
  line="$(valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='*inspect_once*' \
    target/callgrind/release/examples/count_instructions "$1" "$2" 2>/dev/null)"
  instructions="$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done { gsub(",", "", $1); print $1; done = 1 }')"
  rm -f "$out"
  messages="$(sed -E 's/.* ([0-9]+) messages/\1/' <<<"$line")"
  echo "BENCH callgrind-$1 messages=$messages instructions=$instructions per_message=$((instructions / messages))" | tee -a "$log"
done

echo "== wasm in headless Chromium"
scripts/build-wasm.sh
BITS_SKIP_BUILD=1 scripts/test-browser.sh tests/browser/bench.test.mjs 2>&1 | tee -a "$log"
grep -h '^BENCH ' artifacts/bench.txt >>"$log" 2>/dev/null || true

node scripts/bench-summary.mjs "$log" | tee artifacts/bench-summary.txt
