"""The preview's web server: the preview folder as it is, each HTML page with the devserver's
script and stylesheet added as it is served, and one Server-Sent Events stream that tells every
open page what the last build did.

    /__devserver__/events       text/event-stream: {"build": good builds so far, "problems": [...]}
                                now, then after every build
    /__devserver__/preview.js   the script (static/preview.js): reload, or show the problems
    /__devserver__/preview.css  how the problems are shown (static/preview.css)

Both files come from the server's own addresses, never inline, so a page keeps the site's
Content-Security-Policy (default-src 'self' allows them and the stream). A page also carries the
number of the build it comes from, so a build that finished before its stream opened still
reloads it.
"""
from __future__ import annotations

import functools
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

STATIC = Path(__file__).with_name("static")
ASSETS = {"/__devserver__/preview.js": ("preview.js", "text/javascript; charset=utf-8"),
          "/__devserver__/preview.css": ("preview.css", "text/css; charset=utf-8")}
EVENTS = "/__devserver__/events"
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.*)$")
# Sent when nothing happens for this long, so a closed tab's stream is noticed and ended.
KEEP_ALIVE_SECONDS = 15


def tags(build: int) -> bytes:
    return (f'<meta name="devserver-build" content="{build}">'
            '<link rel="stylesheet" href="/__devserver__/preview.css">'
            '<script src="/__devserver__/preview.js" defer></script>').encode()


class State:
    """What the last build did, and a way to wait for the next."""

    def __init__(self):
        self.good = 0  # builds swapped in so far
        self.problems: list[dict] = []
        self.version = 0  # builds finished, good or not
        self.changed = threading.Condition()

    def finished(self, problems: list[str]) -> None:
        with self.changed:
            self.version += 1
            if not problems:
                self.good += 1
            self.problems = [parse(line) for line in problems]
            self.changed.notify_all()

    def wait(self, seen_version: int, timeout: float) -> tuple[int, str] | None:
        """(version, event data) once the state differs from `seen_version`; None on timeout."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.version != seen_version, timeout=timeout):
                return None
            return self.version, json.dumps({"build": self.good, "problems": self.problems})


def parse(line: str) -> dict:
    match = PROBLEM.match(line)
    if not match:
        return {"file": "", "line": None, "message": line}
    return {"file": match["file"], "line": int(match["line"]), "message": match["message"]}


class Handler(SimpleHTTPRequestHandler):
    state: State

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            return self._events()
        if path in ASSETS:
            name, kind = ASSETS[path]
            return self._send(200, (STATIC / name).read_bytes(), kind)
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            return self._page(target)
        return super().do_GET()

    def _page(self, target: Path):
        """An HTML page with the preview's tags; a missing one as the site's 404 page (or a
        stand-in before the first good build), so it too reloads when the build is fixed."""
        status = 200
        if not target.is_file():
            status, target = 404, Path(self.directory) / "404.html"
        if target.is_file():
            html = target.read_bytes()
        else:
            html = (b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>No page yet</title></head>"
                    b"<body><main><h1>No page here yet</h1><p>This page has not been built. If the build stopped, "
                    b"what is wrong is shown here; fix it and save.</p></main></body></html>")
        marker = html.lower().find(b"</head>")
        if marker >= 0:
            html = html[:marker] + tags(self.state.good) + html[marker:]
        return self._send(status, html, "text/html; charset=utf-8")

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")  # reconnect quickly when the devserver restarts
            while True:
                news = self.state.wait(seen, KEEP_ALIVE_SECONDS)
                if news is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    seen, data = news
                    self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the page was closed or reloaded

    def _send(self, status: int, body: bytes, kind: str):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        # Nothing kept by the browser: a reload after a build must show the new stylesheet too.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # the terminal is for build problems, not requests
        pass


class PreviewServer(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True  # open event streams never keep the devserver from stopping


def serve(folder: Path, host: str, port: int, state: State) -> PreviewServer:
    handler = functools.partial(type("PreviewHandler", (Handler,), {"state": state}), directory=str(folder))
    server = PreviewServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="liverguide-preview-server").start()
    return server
