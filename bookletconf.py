"""Settings for the printed booklet (`make booklet`): the editors' settings plus one direct
template that puts the whole guide in one HTML document, which the booklet plugin
(booklet/plugin.py) turns into a PDF when the build is finished. Built from scratch into its
own folder (a temporary one: `python -m liverguide.booklet` copies the PDF into dist/)."""
from pathlib import Path

from pelican.settings import get_settings_from_file

# Everything the editors' build sets, then only what differs here.
globals().update(get_settings_from_file(str(Path(__file__).with_name("pelicanconf.py"))))

SITEURL = ""
RELATIVE_URLS = True
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# Built from scratch every time, so what is printed never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

# --- Booklet (liverguide/booklet/) ------------------------------------------------------------
# The direct template theme/templates/booklet/guide.html renders every article in reading
# order and the pages below into one document; the plugin renders it to BOOKLET_PDF (inside
# the output folder) and removes it. `python -m liverguide.booklet` copies the PDF to BOOKLET_FILE.
PLUGINS = [*PLUGINS, "liverguide.plugins.booklet"]  # noqa: F821 (from pelicanconf.py)
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "booklet/guide"]  # noqa: F821
BOOKLET_PDF = f"{SITE_SLUG}.pdf"  # noqa: F821
BOOKLET_FILE = f"dist/{SITE_SLUG}.pdf"  # noqa: F821
# Pages (by slug) before the first article and after the last, in this order.
BOOKLET_PAGES_BEFORE = ["medical-notice"]
BOOKLET_PAGES_AFTER = ["questions", "compare", "glossary", "references", "about"]
# Pages (by slug) printed on pages turned on their side: the comparison table's five columns.
BOOKLET_WIDE_PAGES = ["compare"]
# "a4" or "letter" (`make booklet PAPER=letter`, or -e BOOKLET_PAPER=letter).
BOOKLET_PAPER = "a4"
# The file that sets these, for errors that name a booklet setting's line.
BOOKLET_SETTINGS = str(Path(__file__).resolve())
