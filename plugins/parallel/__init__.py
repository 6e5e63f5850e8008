"""Parallel: a build that uses every CPU, with the same output and the same problem lines as
a build in one process.

Plain Pelican reads and writes one file at a time on one core. Here:
- reading.py: Markdown files are converted in worker processes (one per CPU) while Pelican
  asks for them in its own order; most of a cold build is this conversion.
- writing.py: the articles' pages are written by two processes, each taking every other one.
- transport.py: what crosses between processes (results, log records, errors).
Workers are forked from the build, so they start with its settings, readers and templates.
The search plugin also makes its index in a forked process while pages are written.

Settings:
  READ_PROCESSES  processes to use (default: the CPUs this process may use); 1 does everything
                  in the main process, as plain Pelican does.
"""
from __future__ import annotations

import os

from pelican import signals

from . import reading, writing


def processes(settings) -> int:
    wanted = settings.get("READ_PROCESSES")
    return max(1, int(wanted) if wanted else len(os.sched_getaffinity(0)))


def prefetch_articles(generator) -> None:
    if processes(generator.settings) > 1:
        reading.prefetch(generator, "ARTICLE", processes(generator.settings))


def prefetch_pages(generator) -> None:
    if processes(generator.settings) > 1:
        reading.prefetch(generator, "PAGE", processes(generator.settings))


def split_article_writing(generator) -> None:
    if processes(generator.settings) > 1:
        writing.split(generator)


def register():
    signals.initialized.connect(reading.stop)
    signals.readers_init.connect(reading.install)
    signals.article_generator_init.connect(prefetch_articles)
    signals.page_generator_init.connect(prefetch_pages)
    signals.all_generators_finalized.connect(reading.stop)
    signals.article_generator_finalized.connect(split_article_writing)
    signals.finalized.connect(reading.stop)
