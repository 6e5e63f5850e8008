"""Settings for the editors' build (`make html`, `make devserver`).

The hosted build (publishconf.py) and the offline bundle start from these and change only
what differs. Every page is a file ending in .html and every link is relative, so the same
output works on a web server and opened straight from disk (file://).
"""
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "Liver Metastases: A Treatment Guide"
SITE_SLUG = "liver-metastases-guide"
SITE_DESCRIPTION = (
    "Plain-language information for patients and families about the treatment of "
    "liver metastases, most often from colorectal cancer."
)
SITEURL = ""
RELATIVE_URLS = True
DEFAULT_LANG = "en"
TIMEZONE = "UTC"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "diagrams"]
# Editors' backups, notes for editors, and the files macOS and Windows leave in folders.
IGNORE_FILES = [".#*", "*~", "README.md", ".DS_Store", "Thumbs.db", "desktop.ini"]

THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"

# The site's own plugins (liverguide/plugins/, one per feature), by dotted name, in the order
# they run; the package is installed into .venv by `make`.
PLUGINS = [
    "liverguide.plugins.gc_tuning",  # first: the collector's settings for the whole build
    "liverguide.plugins.content_cache",  # empties a stale content cache before anything is read
    "liverguide.plugins.clinic",
    "liverguide.plugins.content_files",  # only Markdown pages, images and self-contained SVG drawings
    "liverguide.plugins.reader",  # every content file is read by liverguide.reader.GuideReader
    "liverguide.plugins.parallel",
    "liverguide.plugins.reading_order",
    "liverguide.plugins.navigation",
    "liverguide.plugins.review_dates",
    "liverguide.plugins.citations",
    "liverguide.plugins.links",  # links between pages and their #fragments, at their Markdown line
    "liverguide.plugins.glossary",
    "liverguide.plugins.search",
]

# Articles are grouped in folders by category; everything is a named .html file, never a folder,
# because folders do not open from file://.
ARTICLE_URL = ARTICLE_SAVE_AS = "{category}/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "category/{slug}.html"
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "404"]

# A patient guide has no authors, tags, date archives or per-language copies to browse.
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# Feeds need absolute URLs; only the hosted build (publishconf.py) writes them.
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# The reading order through the guide is the articles' `Order` field, not their dates.
ARTICLE_ORDER_BY = "order"

# The Content-Security-Policy every page carries as a <meta> (theme/templates/base.html): only the
# site's own scripts, stylesheets and images, nothing inline, nothing from another site, no
# plugins, no <base>, forms only to the site. It holds where no server sends a policy: pages
# opened from disk (output/, the offline copy). `file:` beside 'self': browsers differ on
# whether 'self' covers a page opened from disk (docs/security.md); over http it matches nothing.
# connect-src 'self': the devserver's reload script asks it for news (liverguide/build/devserver.py);
# offlineconf.py allows no connection. The hosted site's header (docs/deploy/) adds what a <meta>
# cannot carry: frame-ancestors.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self' file:; style-src 'self' file:; "
                           "img-src 'self' file:; connect-src 'self'; form-action 'self' file:; "
                           "base-uri 'none'; object-src 'none'")

# Pelican leaves autoescape off; we turn it on and mark content HTML safe where it is inserted.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # toc gives headings their ids and the reader its list of headings ("On this page"). No
        # page uses a [TOC] marker, and looking for one walked every element of every page.
        "markdown.extensions.toc": {"toc_depth": "2-3", "marker": ""},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Editors rebuild often: cache what the readers produced, keyed on each file's content
# (liverguide/plugins/content_cache.py empties it when anything else they depend on changes).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# The clinic's details for the "contact your care team" box on every page come from this one
# file (liverguide/plugins/clinic.py reads it into CLINIC). Empty values give a neutral box:
# never put in a made-up number. A clinic can keep its own file elsewhere: CLINIC_FILE=/path/to/clinic.ini.
CLINIC_FILE = os.environ.get("CLINIC_FILE") or str(HERE / "clinic.ini")

# The guide's navigation: topics in the order a patient meets them.
MENU_PAGES = ["about", "questions", "compare"]


# --- Editors: content checks, review dates, reading level (liverguide/checks/,
# `make review`, `make readability`) ---
# The categories an article's `Category` field may name, in the order the home page shows them.
ARTICLE_CATEGORIES = ["Understanding", "Treatments", "Support"]
# Longest `Summary`, in characters: it is also the page's description in search results.
SUMMARY_MAX_LENGTH = 160
# What a published article must be (liverguide/checks/structure.py; the build stops otherwise):
# enough words to explain its topic, enough `##` sections to scan, and a last section that
# points to the care team (its heading holds these words).
ARTICLE_MIN_WORDS = 400
ARTICLE_MIN_SECTIONS = 3
ARTICLE_LAST_SECTION_MENTIONS = "care team"
# Highest Flesch-Kincaid grade an article may have; the tests fail above it.
READING_GRADE_LIMIT = 8
# Sentences longer than this many words are listed by `make readability` as ones to shorten.
LONG_SENTENCE_WORDS = 20
# `make review` marks an article DUE SOON when its next review is this many days away or fewer.
REVIEW_DUE_SOON_DAYS = 60
# ...and OLD EVIDENCE when the newest study it cites is more than this many years old.
EVIDENCE_MAX_AGE_YEARS = 10

# --- Search (liverguide/plugins/search/) -------------------------------------------------------
# search.html lists every page; with JavaScript it searches the index the plugin writes as a
# script (not JSON: browsers block fetching files from file://).
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "search"]
SEARCH_INDEX_SAVE_AS = "search-index.js"

# --- Content cache (liverguide/plugins/content_cache.py) ---------------------------------------
# The reader layer caches each file's HTML and metadata; a file is read again when its text
# changes (md5: a checkout or copy that only touches mtimes reads nothing again), and the whole
# cache is emptied when anything else the reader declares it depends on changes.
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = str(HERE / "cache")
# Compressing the cache costs more time than reading an uncompressed one saves.
GZIP_CACHE = False

# --- Glossary (liverguide/syntax/glossary_terms.py, liverguide/plugins/glossary.py) ---
# Plain-language definitions, one entry per term; the first use of each term in a page links to
# its entry on the glossary page, whose A–Z list the reader renders from GLOSSARY_TEMPLATE.
GLOSSARY_FILE = "glossary.yaml"            # inside PATH (content/)
GLOSSARY_PAGE = "pages/glossary.md"        # as a {filename} path, inside PATH
GLOSSARY_TEMPLATE = "partials/glossary_list.html"
MENU_PAGES = [*MENU_PAGES, "glossary"]

# --- Citations (liverguide/syntax/citations.py, liverguide/plugins/citations.py) ---
# The bibliography every [@key] citation is checked against, relative to PATH.
CITATIONS_BIBLIOGRAPHY = "references.bib"
# The page (by slug) that lists every source cited anywhere; content/pages/references.md.
CITATIONS_INDEX_PAGE = "references"

# --- Diagrams (liverguide/syntax/diagrams.py): `::: diagram name.svg` blocks in Markdown ---
# The folder under content/ that holds the site's own SVG drawings; it is also in STATIC_PATHS.
DIAGRAMS_DIR = "diagrams"
