"""The preview's builds, in a process of their own that stays ready between builds.

A fresh `python -m liverguide.build` for each save spent a second starting Python and importing
Pelican before building anything; a process that has done that once builds the guide again in
about 0.2 s. It is a separate process (started the way every platform can, `spawn`) so the
preview server keeps serving while it builds, and so it can be replaced: code cannot be
unloaded, so when the site's code or a settings file changes (a plugin removed from PLUGINS would
stay connected to Pelican's signals) the devserver starts a fresh one (`restart`).
"""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path


def _serve_builds(connection, settings_file: str, output: str, overrides: dict) -> None:
    """In the build process: import once, then build whenever asked, until told to stop."""
    from liverguide.build import build

    try:
        while connection.recv() is not None:
            connection.send(build(settings_file, output, overrides))
    except (EOFError, KeyboardInterrupt):  # the devserver stopped (Ctrl-C reaches both)
        pass


class Builder:
    def __init__(self, settings_file: Path, output: Path, overrides: dict):
        self.args = (str(settings_file), str(output), dict(overrides))
        self.context = multiprocessing.get_context("spawn")
        self.process = None
        self.connection = None
        self.last_seconds = 0.0
        self.start()

    def start(self) -> None:
        ours, theirs = self.context.Pipe()
        # Not a daemon: a build may start worker processes of its own (liverguide.processes),
        # which a daemonic process may not have. stop() ends it; so does Ctrl-C, which reaches it too.
        self.process = self.context.Process(target=_serve_builds, args=(theirs, *self.args),
                                            name="liverguide-preview-build")
        self.process.start()
        theirs.close()
        self.connection = ours

    def build(self) -> list[str]:
        """The problems of one build (empty: the folder now holds the new site)."""
        started = time.monotonic()
        try:
            self.connection.send("build")
            problems = self.connection.recv()
        except (EOFError, OSError):  # the process died (killed, out of memory): one more try in a fresh one
            self.restart()
            self.connection.send("build")
            problems = self.connection.recv()
        self.last_seconds = time.monotonic() - started
        return problems

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            self.connection.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
        self.connection.close()
        self.process = None
