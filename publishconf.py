"""Settings for the hosted site (`make publish`): absolute URLs, feeds, canonical links."""
import os
from pathlib import Path

from pelican.settings import get_settings_from_file

# Everything the editors' build sets, then only what differs here.
globals().update(get_settings_from_file(str(Path(__file__).with_name("pelicanconf.py"))))

SITEURL = os.environ.get("SITEURL", "https://liver-metastases-guide.example.org")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"

# Its own folder (make publish), never the editors' output/: its links are absolute, so its
# pages do not open from disk, and mixed with output/ they would break both.
OUTPUT_PATH = "output-publish"
DELETE_OUTPUT_DIRECTORY = True


# --- Hosted site: search engines, link previews, caching (liverguide/plugins/: structured_data,
# sitemap_robots, feed_order, feed_text, asset_hashing; pelican-precompress; server configs in docs/deploy/) ---
PLUGINS = [
    *PLUGINS,  # noqa: F821 (from pelicanconf.py)
    "liverguide.plugins.structured_data",
    "liverguide.plugins.sitemap_robots",
    "liverguide.plugins.feed_order",
    "liverguide.plugins.feed_text",
    "liverguide.plugins.asset_hashing",
    # Last: it compresses on pelican-granular-signals' `compress` signal, sent after every
    # `finalized` receiver (so after asset_hashing has renamed the files).
    "pelican.plugins.precompress",
]
# Canonical links, the feed link, Open Graph / Twitter cards and JSON-LD (partials/head_meta.html).
HEAD_METADATA = True
# Feed entries are named after the guide, which is the author of every article.
AUTHOR = SITENAME  # noqa: F821
# Every article in the feed, newest change first (plugins/feed_order): a guide has tens, not thousands.
FEED_MAX_ITEMS = None
# schema.org MedicalWebPage: what every article and page is about and who it is written for.
STRUCTURED_DATA_ABOUT = {"@type": "MedicalCondition", "name": "Liver metastases"}
STRUCTURED_DATA_AUDIENCE = {"@type": "Patient"}
# Pages search engines should not list (robots noindex, left out of sitemap.xml): the 404 page is
# served at any missing address, and the search page has no content of its own.
NOINDEX_PAGES = ["404.html", "search.html"]
# Hashed names for every stylesheet and script, the theme's and the search index; 12 hex digits
# make a clash between two versions of one file vanishingly unlikely.
ASSET_HASHING_EXTENSIONS = [".js", ".css"]
ASSET_HASHING_LENGTH = 12
# .gz and .br beside every text file, for nginx gzip_static / brotli_static and Apache rewrites.
# gzip comes from zlib with no file name and a zero timestamp in its header, so builds repeat byte for byte.
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = [".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".atom"]

# Built from scratch every time, so what is published never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False
