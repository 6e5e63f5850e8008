"""`make devserver`: build, serve, and on every change rebuild and reload the browser page.

    python -m liverguide.build.devserver [--settings pelicanconf.py] [--output output] [--content DIR] [--port 8000] [--no-serve]

Each rebuild is a fresh `python -m liverguide.build` process (so edited plugins and settings are
picked up too) and goes through the atomic swap: a broken edit prints its `file:line:` line
here and the last good site stays served. The reload script is added to HTML pages as they are
served, never written into output/, so `make html` and `make publish` never contain it.
"""
from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

CODE = Path(__file__).resolve().parent.parent  # the liverguide package: edited code rebuilds too
RELOAD_JS = Path(__file__).with_name("devserver_reload.js")
RELOAD_TAG = b'<script src="/__devserver__/reload.js" defer></script>'


class Builds:
    """How many good builds have been swapped in: the browser reloads when it changes."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def run(self, command: list[str]) -> bool:
        proc = subprocess.run(command, capture_output=True, text=True)
        sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
        sys.stdout.flush()
        if proc.returncode == 0:
            with self.lock:
                self.count += 1
        return proc.returncode == 0


class Handler(SimpleHTTPRequestHandler):
    builds: Builds

    def do_GET(self):
        if self.path == "/__devserver__/build":
            return self._send(str(self.builds.count).encode(), "text/plain")
        if self.path == "/__devserver__/reload.js":
            return self._send(RELOAD_JS.read_bytes(), "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes()
            marker = html.lower().find(b"</head>")
            if marker >= 0:
                html = html[:marker] + RELOAD_TAG + html[marker:]
            return self._send(html, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # the terminal is for build problems, not requests
        pass


def serve(output: Path, host: str, port: int, builds: Builds) -> ThreadingHTTPServer:
    handler = functools.partial(type("BoundHandler", (Handler,), {"builds": builds}), directory=str(output))
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.build.devserver")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-serve", action="store_true", help="only rebuild on changes (make regenerate)")
    args = parser.parse_args(argv)
    settings_file = Path(args.settings).resolve()
    project = settings_file.parent
    output = Path(args.output).resolve()
    command = [sys.executable, "-m", "liverguide.build", "--settings", str(settings_file), "--output", str(output)]
    content = Path(args.content).resolve() if args.content else project / "content"
    if args.content:
        command += ["--content", str(content)]
    watched = [content, project / "theme", CODE, settings_file]
    builds = Builds()
    builds.run(command)
    if not args.no_serve:
        serve(output, args.host, args.port, builds)
        print(f"Serving http://{args.host}:{args.port}/index.html - the page reloads after each good build. "
              "Ctrl-C to stop.", flush=True)
    try:
        for changes in watchfiles.watch(*[p for p in watched if p.exists()], debounce=300):
            names = sorted({Path(path).name for _, path in changes})
            print(f"Changed: {', '.join(names)}; rebuilding", flush=True)
            builds.run(command)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
