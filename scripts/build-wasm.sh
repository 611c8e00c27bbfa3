#!/usr/bin/env bash
# Builds the engine as WebAssembly for the web page: www/pkg/ (wasm + its JS glue) and
# www/examples/ (copied from tests/fixtures, the one source of truth). Works from any folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export PATH="$HOME/.cargo/bin:$PATH"
need_bindgen="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)"
have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
if [[ -z "$have_bindgen" ]]; then
  echo "build-wasm: wasm-bindgen not found; install it with: cargo install wasm-bindgen-cli --version $need_bindgen" >&2
  exit 1
fi
if [[ -n "$need_bindgen" && "$have_bindgen" != "$need_bindgen" ]]; then
  echo "build-wasm: wasm-bindgen $have_bindgen does not match the crate's $need_bindgen" >&2
  exit 1
fi

# strip = true (inherited from release) would drop the target_features section wasm-bindgen
# reads; wasm-opt strips the debug info and names below instead.
cargo build --lib --target wasm32-unknown-unknown --profile wasm-release --config profile.wasm-release.strip=\"debuginfo\"
wasm="target/wasm32-unknown-unknown/wasm-release/bits_inspector.wasm"

rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg "$wasm"
out="www/pkg/bits_inspector_bg.wasm"
if [[ -x node_modules/.bin/wasm-opt ]]; then
  # --converge repeats the passes while they still shrink the module (1.7 KB gzipped).
  node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
    --detect-features \
    "$out" -o "$out.opt"
  mv "$out.opt" "$out"
  opt="wasm-opt -Oz --converge"
else
  opt="no wasm-opt (run npm ci for it)"
fi

# The examples the page offers: the two real Windows captures, byte for byte, and the
# broken ones, which are test fixtures first.
rm -rf www/examples
mkdir -p www/examples
cp tests/fixtures/mc-bup-4.1-upload.http tests/fixtures/mc-bup-4.2-upload-reply.http www/examples/
cp tests/fixtures/broken/*.http www/examples/

# What the page's service worker caches for offline use: every file the page loads and the
# examples, with a version that changes whenever one of them does.
(
  cd www
  files=$(find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
    -o -name '*.webmanifest' -o -name '*.svg' -o -name '*.http' \) ! -name sw.js | sed 's#^\./##' | LC_ALL=C sort)
  version=$(cat $files | sha256sum | cut -c1-16)
  {
    printf '{"version":"%s","files":["./"' "$version"
    for f in $files; do printf ',"%s"' "$f"; done
    printf ']}\n'
  } > pkg/assets.json
)

raw=$(wc -c <"$out")
gz=$(gzip -9 -c "$out" | wc -c)
glue=$(wc -c <www/pkg/bits_inspector.js)
echo "build-wasm: $out: $raw bytes, $gz gzipped ($opt); glue $glue bytes"
