"""Settings for the printed booklet (`make booklet`): the editors' settings plus one direct
template that puts the whole guide in one HTML document, which the booklet plugin
(booklet/plugin.py) turns into a PDF when the build is finished. Built from scratch into its
own folder (a temporary one: `python -m booklet` copies the PDF into dist/)."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = ""
RELATIVE_URLS = True
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# Built from scratch every time, so what is printed never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

# --- Booklet (booklet/) -----------------------------------------------------------------------
# The direct template theme/templates/booklet/guide.html renders every article in reading
# order and the pages below into one document; the plugin renders it to BOOKLET_PDF (inside
# the output folder) and removes it. `python -m booklet` copies the PDF to BOOKLET_FILE.
PLUGINS = [*PLUGINS, "booklet.plugin"]  # noqa: F405
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "booklet/guide"]  # noqa: F405
BOOKLET_PDF = f"{SITE_SLUG}.pdf"  # noqa: F405
BOOKLET_FILE = f"dist/{SITE_SLUG}.pdf"  # noqa: F405
# Pages (by slug) before the first article and after the last, in this order.
BOOKLET_PAGES_BEFORE = ["medical-notice"]
BOOKLET_PAGES_AFTER = ["questions", "compare", "glossary", "references", "about"]
# Pages (by slug) printed on pages turned on their side: the comparison table's five columns.
BOOKLET_WIDE_PAGES = ["compare"]
# "a4" or "letter" (`make booklet PAPER=letter`, or -e BOOKLET_PAPER=letter).
BOOKLET_PAPER = "a4"
