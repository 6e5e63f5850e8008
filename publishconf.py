"""Settings for the hosted site (`make publish`): absolute URLs, feeds, canonical links."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "https://liver-metastases-guide.example.org")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"

DELETE_OUTPUT_DIRECTORY = True

# Built from scratch every time, so what is published never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False
