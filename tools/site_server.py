"""A static server for a built site on 127.0.0.1, for the tests and the benchmarks.

``SiteServer(folder)`` serves files as they are. ``SiteServer(folder, compress=True)``
compresses text and WebAssembly with gzip and keeps connections alive, as any real web host
does, so that measurements (Lighthouse, the live quiz in `make bench`) see the bytes a
reader's phone would receive.
``SiteServer(folder, prefix="/name/")`` serves it under ``/name/`` only, as GitHub Pages serves
a project site (``https://<user>.github.io/<repository>/``); anything outside is not found."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

# What hosts such as GitHub Pages compress: text, and the live site's JavaScript modules and
# WebAssembly (.mjs, .wasm); wheels and .zip files are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".wasm", ".svg", ".json", ".txt", ".xml", ".map", ".inv")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def outside_prefix(self) -> bool:
        return not self.path.startswith(self.prefix)

    def send_head(self):
        if self.outside_prefix():
            self.send_error(404, "Not under the site's prefix")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


class GzipHandler(QuietHandler):
    # Keep-alive, as any web host has: a browser reuses its connections.
    protocol_version = "HTTP/1.1"
    _cache: dict[tuple[Path, float], bytes] = {}

    def end_headers(self):
        # Revalidate every time: a bench run must never see a stale copy.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        if self.outside_prefix():
            return super().send_head()  # 404
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # directories, redirects, 404s and binary files
        key = (path, path.stat().st_mtime)
        body = self._cache.get(key)
        if body is None:
            body = self._cache[key] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    """`with SiteServer(folder) as base:` serves `folder` at the URL `base` until the block ends."""

    def __init__(self, folder: Path, compress: bool = False, prefix: str = "/"):
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"a prefix starts and ends with '/', not {prefix!r}")
        handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(folder), prefix=prefix)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.prefix = prefix

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
