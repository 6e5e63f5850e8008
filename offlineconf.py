"""Settings for the offline bundle clinics hand out (`make offline`): the editors' settings with
relative links, no feeds and no server-only pages, built into its own folder so it never mixes
with output/. The bundle opens from disk (file://) with search working and nothing fetched."""
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = ""
RELATIVE_URLS = True

# Feeds need absolute URLs and a server; a 404 page only means something to a server.
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
DIRECT_TEMPLATES = [name for name in DIRECT_TEMPLATES if name != "404"]  # noqa: F405

OUTPUT_PATH = "output-offline"
DELETE_OUTPUT_DIRECTORY = True
OFFLINE_BUNDLE = f"dist/{SITE_SLUG}-offline.zip"  # noqa: F405

# Built from scratch every time, so what is published never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

# The printed booklet (bookletconf.py, booklet/) is made by this same build and travels in the
# bundle, linked from the home page (BOOKLET_PDF).
from bookletconf import (  # noqa: E402
    BOOKLET_PAGES_AFTER, BOOKLET_PAGES_BEFORE, BOOKLET_PAPER, BOOKLET_PDF, BOOKLET_WIDE_PAGES)

PLUGINS = [*PLUGINS, "booklet.plugin"]  # noqa: F405
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "booklet/guide"]
