#!/usr/bin/env bash
# Installs what bits-inspector needs, idempotently: each step is skipped when already done.
#   scripts/setup.sh          everything (build, run and test)
#   scripts/setup.sh --run    only what building and serving the page needs (no browser)
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=1
[ "${1:-}" = "--run" ] && for_tests=0

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly; it takes
# minutes to build, so it is only installed when that version is missing.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$wb_version"; then
  say "installing wasm-bindgen-cli $wb_version (takes several minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen for wasm-opt, playwright-core for browser tests)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$for_tests" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
say "ready"
