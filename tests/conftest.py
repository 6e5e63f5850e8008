"""Shared fixtures: the site is built once per test session, into a temporary folder, exactly
as `make html` builds it (warnings are fatal), and every page is parsed once."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from tests.helpers import ROOT, build


@pytest.fixture(scope="session")
def glossary():
    """The site's glossary, content/glossary.yaml, read once."""
    from liverguide.sources import glossary_file
    return glossary_file.load(ROOT / "content" / "glossary.yaml")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out)
    return out


@pytest.fixture(scope="session")
def pages(site) -> dict[str, lxml.html.HtmlElement]:
    """Every HTML page of the built site, parsed once, keyed by its path from the site root."""
    return {
        path.relative_to(site).as_posix(): lxml.html.parse(str(path)).getroot()
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="session")
def articles(pages) -> dict[str, lxml.html.HtmlElement]:
    return {name: root for name, root in pages.items() if root.find(".//article[@class='article']") is not None}


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """dist/<site>-offline.zip as `make offline` makes it (tests/offline.py)."""
    from tests.offline import make_bundle
    return make_bundle(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="session")
def offline_site(offline_zip, tmp_path_factory) -> Path:
    """The bundle unzipped, as a clinic's computer would have it."""
    from tests.offline import unzip
    return unzip(offline_zip, tmp_path_factory.mktemp("unzipped"))


# ---- Browser tests (tests/browser/) ----
# One headless Chromium for the whole session, driving the built site over file:// as a reader
# opening the offline copy would. Debian's Chromium is used as installed: test tools cannot
# download browsers here. Playwright is imported only when a browser test asks for it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_urls(site, pages) -> dict[str, str]:
    """Every built page's file:// address, keyed like the `pages` fixture."""
    return {name: (site / name).as_uri() for name in pages}


@pytest.fixture(scope="session")
def article_urls(page_urls, articles) -> dict[str, str]:
    return {name: page_urls[name] for name in articles}


@pytest.fixture
def tab(browser) -> Iterator:
    """A 1280 x 800 tab, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()

