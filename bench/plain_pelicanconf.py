"""Plain Pelican for the benchmark's side-by-side build: the same content folder, Pelican's
defaults for everything else. No plugins (an empty list also stops Pelican loading the
namespace plugins installed in the venv), the default theme, the default Markdown extensions;
citations, glossary terms and diagram blocks stay as text. The front matter is plain Pelican
metadata, so it reads it as it is."""
SITENAME = "Plain Pelican benchmark"
SITEURL = ""
TIMEZONE = "UTC"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PLUGINS = []
