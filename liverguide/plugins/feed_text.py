"""Feed summaries are text.

Pelican writes an article's Summary into the Atom feed as HTML (`<summary type="html">`), and a
feed reader renders it. On the site the Summary is always shown as text (the templates strip its
tags), so the feed carries the same words as text: markup in a Summary, harmless or not, never
reaches a feed reader as markup. The feed's full content is the page's HTML, already held to
the content policy (liverguide.checks.content_safety).
"""
from __future__ import annotations

import html

from pelican import signals

from liverguide.reader.page_text import plain_text


def summaries_as_text(context, feed) -> None:
    for item in feed.items:
        if item.get("description"):
            # type="html" stays: the text, escaped, is HTML that shows exactly that text.
            item["description"] = html.escape(plain_text(item["description"]), quote=False)


def register():
    signals.feed_generated.connect(summaries_as_text)
