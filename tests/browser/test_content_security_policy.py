"""The Content-Security-Policy every page carries as a <meta> (theme/templates/base.html,
CONTENT_SECURITY_POLICY in pelicanconf.py), in Chromium over file://, where no server sends a
policy: what the site does still works with it (search, print, the glossary's definitions, the
offline copy's booklet link), and what it is there to stop is stopped (a script or an off-site
image planted in a built page)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

# Runs before the page's own code (Playwright's init scripts are not held to the page's policy).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));
"""


class Tab:
    """A tab whose every request to anything but a file is stopped and noted, with the page's
    policy violations at hand."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.context.add_init_script(WATCH)
        self.off_machine: list[str] = []
        self.context.route(re.compile(r"^(?!file:)"), self._stop)
        self.page = self.context.new_page()

    def _stop(self, route):
        self.off_machine.append(route.request.url)
        route.abort()

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    opened = Tab(browser)
    yield opened
    opened.close()


def policy_of(page: Path) -> str | None:
    head = lxml.html.parse(str(page)).getroot().find("head")
    metas = head.findall("meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1, f"{page.name}: {len(metas)} policies"
    assert list(head)[list(head).index(metas[0]) - 1].get("charset"), f"{page.name}: the policy is not first"
    return metas[0].get("content")


@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_every_page_carries_the_policy_and_loads_without_a_violation(build, request, tab):
    root = request.getfixturevalue(build)
    pages = sorted(root.rglob("*.html"))
    policies = {policy_of(page) for page in pages}
    assert len(policies) == 1
    policy = dict(part.strip().split(None, 1) for part in policies.pop().split(";"))
    assert policy["default-src"] == "'none'" and policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    for directive in ("script-src", "style-src", "img-src", "form-action"):
        assert policy[directive] == "'self' file:", directive
    assert policy["connect-src"] == ("'none'" if build == "offline_site" else "'self'")
    problems = []
    for page in pages:
        tab.page.goto(page.as_uri())
        problems += [f"{page.relative_to(root)}: {v}" for v in tab.violations()]
        assert tab.page.evaluate("document.styleSheets.length") >= 1, f"{page.name}: no stylesheet"
    assert not problems, "\n".join(problems)
    assert not tab.off_machine


def test_search_print_glossary_and_booklet_work_from_disk_under_the_policy(offline_site, tab):
    page = tab.page
    page.goto((offline_site / "index.html").as_uri())
    booklet = page.locator(".booklet-link a")
    sync_api.expect(booklet).to_have_count(1)
    assert (offline_site / booklet.get_attribute("href")).is_file()

    page.get_by_role("search", name="Site").get_by_role("searchbox").fill("pump")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=pump")
    sync_api.expect(page.get_by_role("status")).to_contain_text("found for")
    sync_api.expect(page.locator("#search-results > li a").first).to_have_text("HAI pump chemotherapy")

    page.goto((offline_site / "treatments" / "hai-pump.html").as_uri())
    sync_api.expect(page.get_by_role("button", name="Print this page")).to_be_visible()
    term = page.locator("a.glossary-term").first
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    sync_api.expect(tip).to_be_hidden()
    term.hover()
    sync_api.expect(tip).to_be_visible()
    page.emulate_media(media="print")
    sync_api.expect(page.locator("article.article h1")).to_be_visible()
    assert tab.violations() == [] and tab.off_machine == []


@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_a_planted_script_and_an_off_site_image_are_blocked(build, request, tab, tmp_path):
    """Something that got past every check into a built page: the policy still stops it."""
    built = request.getfixturevalue(build)
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    target = copy / "treatments" / "surgery.html"
    html = target.read_text(encoding="utf-8")
    planted = ('<script>window.PLANTED = true;</script>'
               '<img id="planted" alt="" src="https://example.org/planted.png">'
               '<p id="styled" style="color: rgb(255, 0, 0)">x</p>')
    target.write_text(html.replace("<main", planted + "<main", 1), encoding="utf-8")

    tab.page.goto(target.as_uri())
    assert tab.page.evaluate("window.PLANTED === undefined"), "the planted script ran"
    assert tab.page.evaluate("document.getElementById('planted').naturalWidth") == 0
    assert tab.page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    violations = tab.violations()
    assert "script-src-elem inline" in violations, violations
    assert "img-src https://example.org/planted.png" in violations, violations
    assert "style-src-attr inline" in violations, violations
    assert tab.off_machine == [], "the image was requested"
