"""Serve a built site on 127.0.0.1 the way a static host does: gzip, cache headers, a base path.

    python bench/serve.py _build/html --port 8765 [--prefix /actfn/]

For Lighthouse runs (measurement, never a test): GitHub Pages compresses text with gzip, so a
plain ``python -m http.server`` would make every page look several times heavier than it is.

    CHROME_PATH=/usr/bin/chromium npx lighthouse@12.2.3 http://127.0.0.1:8765/actfn/<page>.html \\
        --chrome-flags="--headless --no-sandbox --disable-gpu" --only-categories=performance,accessibility
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".ipynb", ".md")


class Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        return io.BytesIO(body)


def make_server(directory: Path, port: int, prefix: str = "/") -> http.server.ThreadingHTTPServer:
    handler = functools.partial(type("H", (Handler,), {"prefix": prefix}), directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


@contextmanager
def serving(directory: Path, prefix: str = "/") -> Iterator[str]:
    """The site on a free port, in a background thread (for the benchmarks); yields its URL."""
    server = make_server(directory, 0, prefix)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--prefix", default="/")
    args = parser.parse_args()
    server = make_server(args.directory, args.port, args.prefix)
    print(f"http://127.0.0.1:{args.port}{args.prefix}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
