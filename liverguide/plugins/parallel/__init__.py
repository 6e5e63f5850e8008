"""Parallel: Markdown files read in worker processes (pool.py), with the same output and the same
problem lines as a build in one process.

Plain Pelican reads one file at a time. Most of a cold build of a large site is converting
Markdown, so as soon as a generator exists (`article_generator_init`, `page_generator_init`), the
files it will read that the content cache cannot serve go to worker processes; GuideReader asks
for their results (`GuideReader.read_ahead`). Workers are "spawned", as on every platform, so a
small build is faster without them: they start only for READ_AHEAD_MIN_FILES files or more.

Settings:
  READ_PROCESSES        processes to use, the main one included (default: the machine's CPUs);
                        1 reads everything in the main process, as plain Pelican does.
  READ_AHEAD_MIN_FILES  fewest uncached files worth starting workers for (default 100).
"""
from __future__ import annotations

import os

from pelican import signals

from liverguide.processes import processes
from liverguide.reader import GuideReader

from .pool import ReadAhead


def read_ahead(generator, kind: str) -> None:
    """Hand the generator's uncached Markdown files to the workers, before it reads them. `kind`
    is "ARTICLE" or "PAGE", as in the settings' names."""
    settings = generator.settings
    workers = processes(settings) - 1
    if workers < 1:
        return
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    paths = []
    for relative in files:  # the set's own order: the order the generator will read them in
        path = os.path.abspath(os.path.join(generator.path, relative))
        reader = generator.readers.readers.get(os.path.splitext(path)[1].lstrip("."))
        if isinstance(reader, GuideReader) and generator.readers.get_cached_data(path, None) is None:
            paths.append(path)
    if len(paths) < settings.get("READ_AHEAD_MIN_FILES", 100):
        return
    if GuideReader.read_ahead is None:
        GuideReader.read_ahead = ReadAhead(settings, workers)
    GuideReader.read_ahead.submit(paths)


def read_articles_ahead(generator) -> None:
    read_ahead(generator, "ARTICLE")


def read_pages_ahead(generator) -> None:
    read_ahead(generator, "PAGE")


def stop(*_ignored) -> None:
    if GuideReader.read_ahead is not None:
        GuideReader.read_ahead.close()
        GuideReader.read_ahead = None


def register():
    signals.initialized.connect(stop)
    signals.article_generator_init.connect(read_articles_ahead)
    signals.page_generator_init.connect(read_pages_ahead)
    signals.all_generators_finalized.connect(stop)
    signals.finalized.connect(stop)
