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
# A small static server: only 127.0.0.1; the right type for .wasm and ES modules whatever
# the system's mime table says; the page's policy as a header (with frame-ancestors, which
# a <meta> cannot carry); no directory listings; gzip for text, JS and wasm when the browser
# takes it; and an ETag on every file, revalidated on each load (no-cache), so a reload
# reuses with a 304 whatever did not change and a rebuild still shows at once.
exec python3 - "$root/www" "$port" "$@" <<'PY'
import functools, gzip, hashlib, http.server, os, sys, threading

COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".http", ".txt", ".svg")

class Handler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive: every answer below has a length, so one connection serves the whole page.
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".http": "text/plain; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    # The page's policy again as a header: a worker gets its policy from its own response,
    # not from the page's <meta>, so this is what holds the engine's worker to it.
    CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
           "frame-ancestors 'none'")

    # path -> (mtime, size, etag, body, gzipped body or None), so a file is hashed and
    # compressed once per change, not once per request.
    cache = {}
    lock = threading.Lock()

    def list_directory(self, path):
        self.send_error(404, "No directory listings")
        return None

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def do_GET(self):
        self.serve(with_body=True)

    def do_HEAD(self):
        self.serve(with_body=False)

    def serve(self, with_body):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404, "Not found")
            return
        mtime, size, etag, body, packed = self.entry(path)
        if etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        data = packed if packed is not None and accepts_gzip else body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "no-cache")
        if packed is not None:
            self.send_header("Vary", "Accept-Encoding")
        if data is packed:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def entry(self, path):
        stat = os.stat(path)
        with self.lock:
            known = self.cache.get(path)
            if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
                return known
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
        packed = gzip.compress(body, 9, mtime=0) if path.endswith(COMPRESSIBLE) and len(body) > 256 else None
        if packed is not None and len(packed) >= len(body):
            packed = None
        known = (stat.st_mtime_ns, stat.st_size, etag, body, packed)
        with self.lock:
            self.cache[path] = known
        return known

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
