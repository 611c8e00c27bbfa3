#!/usr/bin/env bash
# Builds the wasm (release) and serves the page on http://127.0.0.1:${PORT:-8080}/.
# BITS_SKIP_BUILD=1 serves what www/ already holds. Works from any folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8080}"

if [[ "${BITS_SKIP_BUILD:-}" != "1" ]]; then
  "$root/scripts/build-wasm.sh"
fi
if [[ ! -f "$root/www/pkg/bits_inspector_bg.wasm" ]]; then
  echo "serve: www/pkg is missing; run scripts/build-wasm.sh" >&2
  exit 1
fi

echo "bits-inspector: http://127.0.0.1:$port/"
# A plain static server: only 127.0.0.1, the right type for .wasm and ES modules whatever
# the system's mime table says, and no caching so a rebuild shows at once.
exec python3 - "$root/www" "$port" "$@" <<'PY'
import functools, http.server, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".http": "text/plain; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
    }

    # The page's policy again as a header: a worker gets its policy from its own response,
    # not from the page's <meta>, so this is what holds the engine's worker to it.
    CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.CSP)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, fmt, *args):
        if "-q" not in sys.argv:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

directory, port = sys.argv[1], int(sys.argv[2])
handler = functools.partial(Handler, directory=directory)
with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
PY
