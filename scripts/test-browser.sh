#!/usr/bin/env bash
# Browser tests: builds the wasm, serves www/ on a free 127.0.0.1 port, runs
# tests/browser/*.test.mjs in headless Debian Chromium (playwright-core), and always stops
# the server. Needs `npm ci` first. BITS_SKIP_BUILD=1 reuses the current www/pkg.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -d node_modules/playwright-core ]]; then
  echo "test-browser: node_modules is missing; run: npm ci" >&2
  exit 1
fi
if [[ "${BITS_SKIP_BUILD:-}" != "1" ]]; then
  scripts/build-wasm.sh
fi

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
log="$(mktemp)"
PORT="$port" BITS_SKIP_BUILD=1 scripts/serve.sh -q >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

url="http://127.0.0.1:$port/"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$url" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "test-browser: the server did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "test-browser: serving www/ at $url"

mkdir -p artifacts
# Any arguments name the test files to run; all of tests/browser/ otherwise.
if [[ $# -eq 0 ]]; then set -- tests/browser/; fi
BITS_URL="$url" node --test --test-concurrency=1 "$@"
