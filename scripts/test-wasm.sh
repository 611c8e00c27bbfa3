#!/usr/bin/env bash
# The wasm facade's own tests (tests/wasm.rs), compiled to wasm32 and run in headless
# Debian Chromium through chromedriver by wasm-bindgen-test-runner. Chromium's flags
# (headless, no sandbox, no background networking) come from webdriver.json at the repo root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v wasm-bindgen-test-runner >/dev/null; then
  echo "test-wasm: wasm-bindgen-test-runner not found; install wasm-bindgen-cli (the version in Cargo.lock)" >&2
  exit 1
fi
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Only Chromium: never fall back to another browser or to Node.
unset GECKODRIVER SAFARIDRIVER WASM_BINDGEN_USE_BROWSER WASM_BINDGEN_TEST_ONLY_NODE WASM_BINDGEN_TEST_ONLY_WEB

cargo test --target wasm32-unknown-unknown --test wasm "$@"
