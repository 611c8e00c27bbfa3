#!/usr/bin/env bash
# Type-checks the page's JavaScript (www/) with tsc against the worker protocol
# (www/modules/protocol.js) and the engine's DTOs: www/pkg/bits_inspector.d.ts, which
# scripts/build-wasm.sh makes from src/wasm/dto.rs. A renamed DTO field, or a worker message
# of the wrong shape, fails here. Needs `npm ci` and a built www/pkg (BITS_SKIP_BUILD=1
# reuses the current one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ ! -x node_modules/.bin/tsc ]]; then
  echo "check-types: node_modules/.bin/tsc is missing; run: npm ci" >&2
  exit 1
fi
if [[ "${BITS_SKIP_BUILD:-}" != "1" || ! -f www/pkg/bits_inspector.d.ts ]]; then
  scripts/build-wasm.sh
fi
# The page (DOM globals), then the two workers (worker globals).
node_modules/.bin/tsc -p jsconfig.json
node_modules/.bin/tsc -p jsconfig.worker.json
echo "check-types: www/ agrees with the worker protocol and the engine's DTOs"
