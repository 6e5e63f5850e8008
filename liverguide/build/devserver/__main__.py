"""python -m liverguide.build.devserver: see liverguide/build/devserver/__init__.py."""
from __future__ import annotations

import argparse
import queue
import sys
import threading
from pathlib import Path

from liverguide.build.devserver.builder import Builder
from liverguide.build.devserver.inputs import Inputs
from liverguide.build.devserver.server import State, serve

# What the preview adds to the settings: drafts written under drafts/, and SHOW_DRAFTS for the
# templates (the mark on a draft, the list on the home page).
DRAFT_SETTINGS = {
    "DRAFT_URL": "drafts/{slug}.html", "DRAFT_SAVE_AS": "drafts/{slug}.html",
    "DRAFT_PAGE_URL": "drafts/pages/{slug}.html", "DRAFT_PAGE_SAVE_AS": "drafts/pages/{slug}.html",
    "SHOW_DRAFTS": True,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.build.devserver")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output-preview")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--drafts", action="store_true", help="build drafts too, marked as drafts")
    parser.add_argument("--no-serve", action="store_true", help="only rebuild on changes (make regenerate)")
    args = parser.parse_args(argv)

    settings_file = Path(args.settings).resolve()
    output = Path(args.output).resolve()
    overrides = dict(DRAFT_SETTINGS) if args.drafts else {}
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    inputs = Inputs.of(settings_file, overrides)
    state = State()
    builder = Builder(settings_file, output, overrides)

    def build(reason: str) -> None:
        problems = builder.build()
        state.finished(problems)
        if problems:
            print("\n".join(problems), flush=True)
            print(f"Build stopped ({reason}): the page shows the problems over the last good version.", flush=True)
        else:
            print(f"Built ({reason}) in {builder.last_seconds:.2f} s.", flush=True)

    build("start")
    server = None
    if not args.no_serve:
        server = serve(output, args.host, args.port, state)
        print(f"Serving http://{args.host}:{args.port}/index.html - each save rebuilds, and the page reloads "
              "or shows what is wrong. Ctrl-C to stop.", flush=True)
    changes: queue.Queue = queue.Queue()
    stop = threading.Event()
    inputs.watch(changes.put, stop)
    try:
        while True:
            changed = changes.get()
            while not changes.empty():  # saves that came during the last build: one build for all
                changed |= changes.get_nowait()
            if inputs.needs_fresh_process(changed):
                builder.restart()
            build(", ".join(sorted({Path(path).name for path in changed})[:5]) + " changed")
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builder.stop()
        if server is not None:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
