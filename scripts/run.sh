#!/usr/bin/env bash
# The one command that sets everything up and runs the inspector: installs what is
# missing, builds the wasm in release mode and serves the page on 127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --run
exec scripts/serve.sh
