"""`make devserver` in Chromium, as an editor uses it: open a page, save a change, see the page
reload; save a mistake, see it (file, line, message) over the last good page; fix it, see the
page come back. Timed from the save to the new page, on a small content folder and on a copy of
the real guide (run with -s to see the figures). The pages are served under the site's own
Content-Security-Policy (docs/deploy/nginx.conf), so the preview's script must pass it."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import BODY, GOOD, ROOT, S, article, write
from tests.site.test_publish import NGINX_CONF, nginx_headers

pytestmark = pytest.mark.browser

# The promise: a save shows in the browser within a second.
RELOAD_LIMIT_SECONDS = 1.0
POLICY = nginx_headers(NGINX_CONF.read_text(encoding="utf-8"))["Content-Security-Policy"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Devserver:
    def __init__(self, content: Path, output: Path, log: Path, env: dict[str, str]):
        self.port = free_port()
        self.log = log
        with open(log, "w") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "liverguide.build.devserver", "--content", str(content), "--output", str(output),
                 "--port", str(self.port), "--drafts"], cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                env={**os.environ, **env})
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while "Serving http" not in log.read_text():
            assert self.process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def devserver(tmp_path):
    started = []

    def start(content: Path, **env: str) -> Devserver:
        server = Devserver(content, tmp_path / "preview", tmp_path / "devserver.log", env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def tab(browser):
    """A tab whose pages carry the hosted site's Content-Security-Policy, recording violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()

    def with_policy(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": POLICY})

    page.route("**/*.html", with_policy)
    # When the problems appear, by the page's own clock: Playwright's wait_for_selector polls, at
    # times only every half second, and would add that to the figure.
    page.add_init_script("""new MutationObserver(() => {
      if (!window.problemsShownAt && document.getElementById("devserver-problems")) window.problemsShownAt = Date.now();
    }).observe(document, {childList: true, subtree: true});""")
    page.violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.violations.append(message.text))
    yield page
    context.close()


def listening(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("html[data-devserver=listening]", timeout=10_000)


def save(path: Path, text: str) -> float:
    """Write the file as an editor's save does (a new file renamed over the old); the moment, by
    the clock the page's Date.now() also reads."""
    partial = path.with_name(path.name + ".saving~")
    partial.write_text(text, encoding="utf-8")
    started = time.time()
    partial.replace(path)
    return started


def break_and_fix(tab, server: Devserver, url: str, path: Path, broken: str, fixed: str, where: str, says: str) -> dict:
    """Seconds from each save to what the editor sees: a good edit reloading, the error shown,
    the fix reloading."""
    listening(tab, url)
    original = path.read_text(encoding="utf-8")
    figures = {}

    with tab.expect_event("load", timeout=10_000):
        started = save(path, original.replace("\n\n", "\n\nA sentence added.\n\n", 1))
    figures["edit to reload"] = time.time() - started
    assert "A sentence added." in tab.content()
    tab.wait_for_selector("html[data-devserver=listening]")

    started = save(path, broken)
    panel = tab.wait_for_selector("#devserver-problems", timeout=10_000)
    figures["mistake to error shown"] = tab.evaluate("window.problemsShownAt") / 1000 - started
    shown = panel.inner_text()
    assert where in shown and says in shown, shown
    assert tab.query_selector("main h1") is not None, "the last good page is not under the error"

    with tab.expect_event("load", timeout=10_000):
        started = save(path, fixed)
    figures["fix to reload"] = time.time() - started
    tab.wait_for_selector("html[data-devserver=listening]")
    assert tab.query_selector("#devserver-problems") is None
    assert not tab.violations, tab.violations
    return figures


def report(label: str, runs: list[dict]) -> dict:
    medians = {what: statistics.median(run[what] for run in runs) for what in runs[0]}
    print(f"\n  devserver, {label}: " + ", ".join(f"{what} {seconds * 1000:.0f} ms (median of {len(runs)}; "
                                                  f"max {max(run[what] for run in runs) * 1000:.0f} ms)"
                                                  for what, seconds in medians.items()))
    return medians


def test_a_small_site_reloads_shows_the_error_and_comes_back(tmp_path, devserver, tab):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article()})
    server = devserver(content)
    path = content / S
    good = article()
    runs = [break_and_fix(tab, server, f"{server.base}/treatments/surgery.html", path,
                          broken=article(body=BODY + "\n#### Too deep\n"), fixed=good,
                          where=f"{path}:16", says="'#### Too deep' skips a heading level")
            for _ in range(3)]
    medians = report("small content folder", runs)
    assert all(seconds < RELOAD_LIMIT_SECONDS for seconds in medians.values()), medians


def test_the_real_guide_reloads_within_a_second(tmp_path, devserver, tab):
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    server = devserver(content)
    path = content / "articles" / "05-surgery.md"
    text = path.read_text(encoding="utf-8")
    runs = [break_and_fix(tab, server, f"{server.base}/treatments/surgery.html", path,
                          broken=text.replace("Order: 5\n", "Order: five\n"), fixed=text,
                          where=f"{path}:5", says="'order' is not a whole number")
            for _ in range(3)]
    medians = report("the real guide", runs)
    assert all(seconds < RELOAD_LIMIT_SECONDS for seconds in medians.values()), medians


def test_drafts_are_shown_marked_and_listed_only_in_the_preview(tmp_path, devserver, tab):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(Status="draft")})
    server = devserver(content)
    tab.goto(f"{server.base}/index.html")
    tab.click("text=Surgery to remove liver tumors")
    assert tab.url.endswith("/drafts/surgery.html")
    assert "Draft: only the preview shows this page" in tab.inner_text(".draft-mark")
    assert tab.query_selector(".reference-list") is not None, "a draft's citations have no reference list"
    assert not tab.violations, tab.violations


def test_a_change_to_the_clinic_file_or_the_bibliography_reloads_the_page(tmp_path, devserver, tab):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article()})
    clinic = tmp_path / "our-clinic.ini"  # outside the content folder, as CLINIC_FILE may be
    clinic.write_text("[clinic]\nname =\nphone =\n", encoding="utf-8")
    server = devserver(content, CLINIC_FILE=str(clinic))
    listening(tab, f"{server.base}/treatments/surgery.html")

    with tab.expect_event("load", timeout=10_000):
        save(clinic, "[clinic]\nname = Riverside Liver Clinic\nphone = +44 20 7946 0000\n")
    assert "Riverside Liver Clinic" in tab.content()
    tab.wait_for_selector("html[data-devserver=listening]")

    bib = content / "references.bib"
    with tab.expect_event("load", timeout=10_000):
        save(bib, bib.read_text(encoding="utf-8").replace("Hepatic arterial infusion of chemotherapy",
                                                          "An edited title on hepatic arterial infusion"))
    assert "An edited title on hepatic arterial infusion" in tab.content()
