"""The editors' build keeps Pelican's content cache (pelicanconf.py), and
liverguide.plugins.content_cache empties it when anything a cached page depends on changes
besides the page's own file: the bibliography, the glossary, a setting, a template, the code.

How a test tells whether a build used the cache: after the first build, every cached article
is altered inside the cache file itself (a marker paragraph no source contains). A build that
uses the cache shows the marker; a build that dropped the cache and read the sources does not.
Each test uses its own small content folder and cache folder."""
from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.helpers import ENDING, ROOT, build

from liverguide.plugins import content_cache
from pelican.settings import read_settings

MARKER = "STALE-CACHE-MARKER"


def settings_has_plugin(name: str) -> bool:
    return f'"liverguide.plugins.{name}",' in (ROOT / "pelicanconf.py").read_text(encoding="utf-8")


ARTICLE = """\
Title: {title}
Slug: {slug}
Summary: A short summary for the cache tests.
Category: Understanding
Order: {order}
Date: 2026-01-10
Modified: 2026-01-10
Last_reviewed: 2026-01-10
Next_review: 2027-01-10
Keywords: cache, test

The liver filters blood. Surgery is one treatment [@first2020].

## A heading

Some text about chemotherapy and the liver.
""" + ENDING.replace("kemeny1999", "first2020")  # what every article needs (tests/helpers.py)
PAGE = """\
Title: {title}
Slug: {slug}
Summary: A page for the cache tests.
Date: 2026-01-10
Modified: 2026-01-10
Last_reviewed: 2026-01-10
Next_review: 2027-01-10

{text}
"""
BIB = """\
@article{{first2020,
  author  = {{Smith, A. and Jones, B.}},
  title   = {{{title}}},
  journal = {{Journal of Tests}},
  year    = {{2020}},
}}
"""
GLOSSARY = """\
- term: chemotherapy
  definition: {definition}
"""


class Site:
    def __init__(self, tmp: Path):
        self.content = tmp / "content"
        self.output = tmp / "output"
        self.cache = tmp / "cache"
        self.theme = tmp / "theme"
        for n, slug in enumerate(["one", "two"], 1):
            self.write(f"articles/0{n}-{slug}.md", ARTICLE.format(title=f"Topic {slug}", slug=slug, order=n))
        self.write("pages/about.md", PAGE.format(title="About", slug="about", text="About this guide."))
        self.write("pages/references.md", PAGE.format(title="References", slug="references", text="Sources."))
        self.write("pages/glossary.md", PAGE.format(title="Glossary", slug="glossary", text="Words."))
        self.write("references.bib", BIB.format(title="The first study title"))
        self.write("glossary.yaml", GLOSSARY.format(definition="Drugs that fight cancer."))
        shutil.copytree(ROOT / "theme", self.theme)

    def write(self, name: str, text: str) -> None:
        path = self.content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def build(self, **overrides) -> None:
        settings = {"CACHE_PATH": str(self.cache), "THEME": str(self.theme), **overrides}
        extra = [arg for key, value in settings.items()
                 for arg in ("-e", f"{key}={value if isinstance(value, str) else json.dumps(value)}")]
        build(self.output, content=self.content, extra=extra)

    def spoil_cache(self, html: str = f"<p>{MARKER}</p>") -> None:
        """Put the marker (or other HTML) into every cached article, as if the cache held stale
        pages."""
        path = self.cache / "ArticlesGenerator-Readers"
        with path.open("rb") as file:
            entries = pickle.load(file)
        assert entries, "the first build cached nothing"
        for name, (stamp, (content, metadata)) in entries.items():
            entries[name] = (stamp, (content + html, metadata))
        with path.open("wb") as file:
            pickle.dump(entries, file)

    def page(self, name: str = "understanding/one.html") -> str:
        return (self.output / name).read_text(encoding="utf-8")


@pytest.fixture
def small_site(tmp_path) -> Site:
    site = Site(tmp_path)
    site.build()
    site.spoil_cache()
    return site


def test_the_editors_build_caches_and_the_published_builds_do_not():
    editors = read_settings(str(ROOT / "pelicanconf.py"))
    assert editors["CACHE_CONTENT"] and editors["LOAD_CONTENT_CACHE"]
    assert editors["CONTENT_CACHING_LAYER"] == "reader"
    assert "liverguide.plugins.content_cache" in editors["PLUGINS"]
    for clean in ("publishconf.py", "offlineconf.py"):
        settings = read_settings(str(ROOT / clean))
        assert not settings["CACHE_CONTENT"] and not settings["LOAD_CONTENT_CACHE"], clean


def test_nothing_changed_uses_the_cache(small_site):
    small_site.build()
    assert MARKER in small_site.page()


def test_an_edited_article_is_read_again_and_the_others_come_from_the_cache(small_site):
    path = small_site.content / "articles/01-one.md"
    path.write_text(path.read_text(encoding="utf-8").replace("filters blood", "cleans the blood"), encoding="utf-8")
    small_site.build()
    assert "cleans the blood" in small_site.page()
    assert MARKER not in small_site.page()
    assert MARKER in small_site.page("understanding/two.html")


def test_editing_the_bibliography_drops_the_cache(small_site):
    small_site.write("references.bib", BIB.format(title="A corrected study title"))
    small_site.build()
    assert MARKER not in small_site.page()
    if settings_has_plugin("citations"):
        assert "A corrected study title" in small_site.page()


def test_editing_the_glossary_drops_the_cache(small_site):
    small_site.write("glossary.yaml", GLOSSARY.format(definition="Medicines that kill cancer cells."))
    small_site.build()
    assert MARKER not in small_site.page()
    if settings_has_plugin("glossary"):
        assert "Medicines that kill cancer cells." in small_site.page()


def test_changing_a_setting_drops_the_cache(small_site):
    markdown = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    markdown = {**markdown, "extension_configs": {**markdown["extension_configs"]}}
    markdown["extension_configs"]["markdown.extensions.toc"] = {"toc_depth": "2-3", "permalink": True}
    markdown.pop("extensions", None)  # instances added by plugins, not settings
    small_site.build(MARKDOWN=markdown)
    page = small_site.page()
    assert MARKER not in page
    heading = lxml.html.fromstring(page).xpath("//h2[@id='a-heading']")[0]
    assert heading.xpath("a[@class='headerlink']"), "the new Markdown setting was not applied"


def test_an_edited_page_template_shows_and_keeps_the_cache(small_site):
    """Pages are rendered from their templates on every build; what the reader made does not
    depend on article.html, so the cache stays."""
    template = small_site.theme / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<article class="article">', '<article class="article" data-edited="yes">'), encoding="utf-8")
    small_site.build()
    assert 'data-edited="yes"' in small_site.page()
    assert MARKER in small_site.page()


def test_editing_a_template_the_reader_uses_drops_the_cache(small_site):
    """The glossary page's A-Z list is made by the reader from GLOSSARY_TEMPLATE."""
    template = small_site.theme / "templates" / "partials" / "glossary_list.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<dl class="glossary-list">', '<dl class="glossary-list" data-edited="yes">'), encoding="utf-8")
    small_site.build()
    assert MARKER not in small_site.page()
    assert 'data-edited="yes"' in small_site.page("glossary.html")


def test_editing_the_code_changes_the_fingerprint(tmp_path):
    """The site's own code is one of the inputs: any edit to a file of the package (here, of a
    copy of it) gives another fingerprint, so the next build reads everything again."""
    code = tmp_path / "liverguide"
    shutil.copytree(content_cache.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    before = content_cache.fingerprint(settings, code)
    assert content_cache.fingerprint(settings, code) == before
    reader = code / "syntax" / "citations.py"
    reader.write_text(reader.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert content_cache.fingerprint(settings, code) != before


def test_fingerprint_ignores_where_the_build_writes():
    first = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": "/tmp/a"})
    second = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": "/tmp/b"})
    assert content_cache.fingerprint(first) == content_cache.fingerprint(second)
    third = read_settings(str(ROOT / "pelicanconf.py"), override={"SUMMARY_MAX_LENGTH": 100})
    assert content_cache.fingerprint(third) != content_cache.fingerprint(first)
