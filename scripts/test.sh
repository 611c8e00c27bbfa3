#!/usr/bin/env bash
# The one command that sets up and runs every test: formatting, lints (host and wasm32),
# unit, fixture, conversation, CLI and bad-input tests, wasm tests and browser tests in
# headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh
step "format"
cargo fmt --all -- --check
step "clippy (host)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
step "tests (native)"
cargo test --all-targets
cargo test --doc
# Hostile inputs up to 100 MB against the optimised build, with their growth factors.
cargo test --release --test hostile -- --nocapture --test-threads=1
step "build the wasm"
scripts/build-wasm.sh
step "types of the page (tsc against the engine's DTOs)"
BITS_SKIP_BUILD=1 scripts/check-types.sh
step "wasm tests in headless Chromium"
scripts/test-wasm.sh
step "browser tests in headless Chromium"
scripts/test-browser.sh
step "all tests passed"
