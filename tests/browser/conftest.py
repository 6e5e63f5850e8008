"""One headless Chromium for the whole test session, driving the built site over file://.

Debian's Chromium is used as it is installed (browser downloads by test tools do not work here);
pages load straight from the build folder, as a reader opening the offline copy would."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from browsing import new_page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does it)")
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
def tab(browser) -> Iterator[Page]:
    """A 1280 x 800 tab, closed after the test."""
    context, page = new_page(browser)
    yield page
    context.close()
