"""Writing in parallel: the articles' pages are written by two processes at once.

Writing a page renders its template with the finished context, which nothing changes any
more once the generators are done, so the work splits cleanly: a forked process writes every
other article while the main process writes the rest, into the same output folder. Pelican's
own loop does the writing in both (each sees its share of the article lists; the context, which
the templates read, keeps them whole). What the other process logged (a link to a page that
does not exist, say) is logged again in the main process, with the file it came from.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from pelican import signals

from . import transport

LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")

_job = None  # (generator, Pelican's generate_articles, write): set before the fork


# A plugin told of each page as it is written (the hosted build's sitemap) would hear only of
# the main process's share; with one listening, the articles are written in one process.
PER_PAGE_SIGNALS = (signals.content_written, signals.article_generator_write_article)


def split(generator) -> None:
    """article_generator_finalized: write this generator's articles in two processes."""
    if any(signal.receivers for signal in PER_PAGE_SIGNALS):
        return
    original = generator.generate_articles

    def generate_articles(write):
        global _job
        if sum(len(getattr(generator, name)) for name in LISTS) < 2:
            return original(write)
        _job = (generator, original, write)
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        try:
            other = executor.submit(_write_other_share)
            with _share(generator, 0):
                original(write)
            error, records = transport.loads(other.result(), generator.settings)
        finally:
            executor.shutdown(wait=True)
            _job = None
        for record in records:
            transport.log_again(record)
        if error is not None:
            raise error

    generator.generate_articles = generate_articles  # Pelican's generate_pages calls this


@contextmanager
def _share(generator, which: int):
    whole = {name: getattr(generator, name) for name in LISTS}
    try:
        for name, items in whole.items():
            setattr(generator, name, items[which::2])
        yield
    finally:
        for name, items in whole.items():
            setattr(generator, name, items)


def _write_other_share() -> bytes:
    generator, original, write = _job
    transport.capture_logs()
    error = None
    try:
        with _share(generator, 1):
            original(write)
    except Exception as failure:  # raised again in the main process
        error = transport.portable_error(failure)
    return transport.dumps((error, transport.take_records()), generator.settings)
