"""Settings for the offline bundle clinics hand out (`make offline`): the editors' settings with
relative links, no feeds and no server-only pages, built into its own folder so it never mixes
with output/. The bundle opens from disk (file://) with search working and nothing fetched."""
from pathlib import Path

from pelican.settings import get_settings_from_file

# Everything the editors' build sets, then only what differs here.
globals().update(get_settings_from_file(str(Path(__file__).with_name("pelicanconf.py"))))

SITEURL = ""
RELATIVE_URLS = True

# Feeds need absolute URLs and a server; a 404 page only means something to a server.
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
DIRECT_TEMPLATES = [name for name in DIRECT_TEMPLATES if name != "404"]  # noqa: F821

# Opened from disk, with no server to talk to: no connections at all.
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'none'")  # noqa: F821

OUTPUT_PATH = "output-offline"
DELETE_OUTPUT_DIRECTORY = True
OFFLINE_BUNDLE = f"dist/{SITE_SLUG}-offline.zip"  # noqa: F821

# Built from scratch every time, so what is published never depends on a cache.
CACHE_CONTENT = LOAD_CONTENT_CACHE = False

# The printed booklet (bookletconf.py, liverguide/booklet/) is made by this same build and
# travels in the bundle, linked from the home page (BOOKLET_PDF).
_booklet = get_settings_from_file(str(Path(__file__).with_name("bookletconf.py")))
globals().update({name: value for name, value in _booklet.items() if name.startswith("BOOKLET_")})
PLUGINS = [*PLUGINS, "liverguide.plugins.booklet"]  # noqa: F821 (from pelicanconf.py)
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "booklet/guide"]  # noqa: F821
