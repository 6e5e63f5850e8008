"""The offline bundle in a real browser, opened from file:// as a clinic's computer opens it,
and the same search on the hosted build served over http. Every page loaded must make no
request to anything but the bundle (or the test server), fail to load nothing and log no error."""
from __future__ import annotations

import functools
import json
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from lunr.index import Index

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

# `browser` is the session's one Chromium (tests/conftest.py): Playwright's sync API allows only
# one running instance per process.


class Watch:
    """Everything a page asks for, everything that failed, and every console error."""

    def __init__(self, page, allowed):
        self.allowed = allowed
        self.foreign, self.failed, self.errors, self.loaded = [], [], [], []
        page.on("request", self.on_request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        page.on("console", lambda m: m.type in {"error", "warning"} and self.errors.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("load", lambda: self.loaded.append(page.url))

    def on_request(self, request):
        if not self.allowed(request.url):
            self.foreign.append(request.url)

    def assert_clean(self):
        assert self.loaded, "no page loaded"
        assert not self.foreign, f"requests outside the site: {self.foreign}"
        assert not self.failed, f"failed resources: {self.failed}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def offline(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, lambda url: url.startswith("file://"))
    yield page, watch, offline_site.resolve().as_uri()
    context.close()
    watch.assert_clean()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site):
    """The normal build (the `site` fixture) on http://127.0.0.1, as a web host serves it."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def search_from_header(page, words):
    """Type into the header's search box and press Enter, as a reader would."""
    page.get_by_role("search", name="Site").get_by_role("searchbox").fill(words)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    status = page.get_by_role("status")
    sync_api.expect(status).to_contain_text("found for")
    return status


def test_home_to_an_article_to_the_next_and_its_references(offline):
    page, watch, root = offline
    page.goto(f"{root}/index.html")
    assert page.url.startswith("file://")
    page.locator(".topic-list a").first.click()
    first = page.url
    assert first.endswith(".html") and page.locator("article.article h1").count() == 1
    page.locator("a[rel=next]").click()
    assert page.url != first and page.url.endswith(".html")
    references = page.get_by_role("heading", name="References")
    sync_api.expect(references).to_have_count(1)
    page.locator("article.article a[href^='#']").filter(has=page.locator("xpath=ancestor::sup")).first.click()
    sync_api.expect(references).to_be_in_viewport()


def test_search_pump_from_the_header_then_follow_the_first_result_by_keyboard(offline):
    page, watch, root = offline
    page.goto(f"{root}/index.html")
    status = search_from_header(page, "pump")
    results = page.locator("#search-results > li")
    count = results.count()
    assert count >= 1
    sync_api.expect(status).to_have_text(f"{count} pages found for “pump”." if count > 1 else "1 page found for “pump”.")
    first = results.first
    sync_api.expect(first.get_by_role("link")).to_have_text("HAI pump chemotherapy")
    sync_api.expect(first.locator("mark").first).to_have_text("pump", ignore_case=True)
    # Keyboard only: from the search field, Tab past its button to the first result, then Enter.
    page.locator("#search-q").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "HAI pump chemotherapy"
    page.keyboard.press("Enter")
    page.wait_for_url("**/treatments/hai-pump.html")
    sync_api.expect(page.locator("h1")).to_have_text("HAI pump chemotherapy")


def test_python_lunr_index_loads_in_lunr_js_and_ranks_like_it(offline, offline_site):
    page, watch, root = offline
    page.goto(f"{root}/search.html")
    assert page.evaluate("lunr.version") == "2.3.9"
    js_refs = page.evaluate("lunr.Index.load(SEARCH_INDEX.index).search('pump chemotherapy').map(r => r.ref)")
    text = (offline_site / "search-index.js").read_text(encoding="ascii")
    data = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    py_refs = [r["ref"] for r in Index.load(data["index"]).search("pump chemotherapy")]
    assert js_refs and js_refs[0] == "treatments/hai-pump.html"
    assert sorted(js_refs) == sorted(py_refs) and js_refs[0] == py_refs[0]


def test_print_shows_an_article_with_its_references_and_no_navigation(offline):
    page, watch, root = offline
    page.goto(f"{root}/treatments/hai-pump.html")
    button = page.get_by_role("button", name="Print this page")
    sync_api.expect(button).to_be_visible()
    page.emulate_media(media="print")
    sync_api.expect(page.get_by_role("heading", name="References")).to_be_visible()
    sync_api.expect(page.locator("article.article h1")).to_be_visible()
    sync_api.expect(page.locator(".care-team")).to_be_visible()
    for hidden in (".site-nav", ".site-search", ".prev-next", ".breadcrumbs"):
        sync_api.expect(page.locator(hidden)).to_be_hidden()
    sync_api.expect(button).to_be_hidden()


def test_without_javascript_the_search_page_lists_every_page(browser, offline_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = Watch(page, lambda url: url.startswith("file://"))
    page.goto(f"{offline_site.resolve().as_uri()}/search.html?q=pump")
    sync_api.expect(page.locator("noscript, .search-nojs").first).to_be_attached()
    listed = {urlsplit(a.get_attribute("href")).path.removeprefix("./")
              for a in page.locator("#search-results a").all()}
    everything = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*.html")}
    expected = everything - {"index.html", "search.html"} - {p for p in everything if p.startswith("category/")}
    assert listed == expected
    context.close()
    watch.assert_clean()


def test_the_same_search_works_on_the_hosted_build_over_http(browser, served):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page, lambda url: urlsplit(url).netloc == urlsplit(served).netloc)
    page.goto(f"{served}/index.html")
    search_from_header(page, "pump")
    first = page.locator("#search-results > li a").first
    sync_api.expect(first).to_have_text("HAI pump chemotherapy")
    first.click()
    page.wait_for_url(f"{served}/treatments/hai-pump.html")
    context.close()
    watch.assert_clean()
