"""The link checker (liverguide/checks/linkcheck/): the built site has no broken link, id or page in any build,
and every rule catches the fault it is for, on a hand-written site with one fault per rule."""
from __future__ import annotations

import http.server
import re
import runpy
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import ROOT, build
from liverguide.checks.linkcheck import DEFAULT_ORPHAN_EXEMPT, RULES, check_site
from liverguide.checks.linkcheck.css import stylesheet_urls
from liverguide.checks.linkcheck.extract import parse_srcset
from liverguide.checks.linkcheck.urls import mailto_problem, tel_problem, web_url_problem

FIXTURE = ROOT / "tests" / "fixtures" / "linkcheck" / "site"
FIXTURE_URL = "https://guide.example.org"


def report_lines(report) -> str:
    return "\n".join(map(str, report.problems))


# --- The real site ------------------------------------------------------------------------------

def test_editors_build_has_no_broken_links(site):
    report = check_site(site)
    assert report.pages >= 10 and report.links > 100
    assert report.ok, report_lines(report)


def test_a_page_removed_from_the_built_site_is_reported_where_linked(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "copy")
    (copy / "treatments" / "surgery.html").unlink()
    report = check_site(copy)
    assert report.problems and {p.rule for p in report.problems} == {"missing-file"}
    assert "index.html" in {p.file for p in report.problems}
    assert all("surgery.html" in p.message for p in report.problems)


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("hosted")
    build(out, settings="publishconf.py")
    return out, runpy.run_path(str(ROOT / "publishconf.py"))["SITEURL"]


def test_hosted_build_has_no_broken_links(hosted_site):
    out, site_url = hosted_site
    report = check_site(out, site_urls=[site_url])
    assert report.ok, report_lines(report)


def test_hosted_build_links_are_absolute_so_the_site_url_is_needed(hosted_site):
    # Without --site-url the pages' own absolute links are "another site": the stylesheet is
    # then a third-party resource and every page but the home page an orphan. This proves the
    # test above checked the hosted pages' links as files rather than skipping them.
    out, _ = hosted_site
    rules = {problem.rule for problem in check_site(out).problems}
    assert {"external-resource", "orphan"} <= rules


def test_offline_bundle_has_no_broken_links(offline_site):
    report = check_site(offline_site, offline=True)
    assert report.pages >= 10
    assert report.ok, report_lines(report)


# --- One planted fault per rule -----------------------------------------------------------------

def test_fixture_reports_each_planted_fault_once_by_rule():
    report = check_site(FIXTURE, offline=True, site_urls=[FIXTURE_URL])
    found = sorted((Path(problem.file).stem, problem.rule) for problem in report.problems)
    # faults/<rule>.html (or .css) holds the one fault of that rule; every other page is sound.
    assert found == sorted((rule, rule) for rule in RULES), report_lines(report)
    assert all(problem.file.startswith("faults/") for problem in report.problems)


def test_fixture_messages_name_page_line_link_and_rule():
    lines = set(map(str, check_site(FIXTURE, offline=True, site_urls=[FIXTURE_URL]).problems))
    assert "faults/missing-id.html:11: link to ../sub/page.html#section-9: no such id [missing-id]" in lines
    assert "faults/css-url.css:1: url(../img/no-such-picture.png): no such file [css-url]" in lines
    assert "faults/orphan.html: no link leads here from index.html [orphan]" in lines


def test_nothing_is_fetched(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the checker opened a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert len(check_site(FIXTURE, offline=True, site_urls=[FIXTURE_URL]).problems) == len(RULES)


def test_root_absolute_links_are_faults_only_offline():
    report = check_site(FIXTURE, site_urls=[FIXTURE_URL])
    assert "root-absolute" not in {problem.rule for problem in report.problems}
    assert not [p for p in report.problems if p.file == "faults/root-absolute.html"], report_lines(report)


def test_parallel_parsing_finds_the_same_problems(tmp_path):
    from bench.linkcheck_bench import generate_site
    folder = generate_site(tmp_path / "gen", pages=120, sections=4)
    (folder / "glossary.html").unlink()  # breaks term links on every article
    (folder / "page-3.html").write_text('<a href="index.html#nowhere" id="x">home</a><b id="x"></b>')
    serial, parallel = check_site(folder, jobs=1), check_site(folder, jobs=2)
    assert len(serial.problems) > 100
    assert parallel.problems == serial.problems
    assert {"missing-file", "missing-id", "duplicate-id"} <= {p.rule for p in serial.problems}


# --- Small sites made in the test, for the rules' finer points ----------------------------------

def make_site(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def problems_of(folder: Path, **options) -> list[tuple[str, str]]:
    return [(p.file, p.rule) for p in check_site(folder, **options).problems]


def test_site_url_links_are_checked_as_files_also_under_a_path(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="https://host.example/guide/a.html">a</a>'
                      '<a href="https://HOST.example/guide/gone.html">gone</a>'
                      '<a href="/guide/a.html#x">a, root-absolute</a><a href="/elsewhere.html">out</a>'
                      '<a href="https://host.example/guidebook.html">another site on the host</a>',
        "a.html": '<p id="x"><a href="index.html">home</a></p>',
    })
    assert problems_of(site, site_urls=["https://host.example/guide/"]) == [
        ("index.html", "missing-file"), ("index.html", "missing-file")]
    messages = sorted(p.message for p in check_site(site, site_urls=["https://host.example/guide"]).problems)
    assert messages == ["link to /elsewhere.html: outside the site (which lives under /guide/)",
                        "link to https://HOST.example/guide/gone.html: no such file"]


def test_orphan_exemptions_are_a_list_the_caller_extends(tmp_path):
    site = make_site(tmp_path, {"index.html": "<p>home</p>", "404.html": "<p>lost</p>", "extra.html": ""})
    assert problems_of(site) == [("extra.html", "orphan")]
    assert problems_of(site, orphan_exempt=()) == [("404.html", "orphan"), ("extra.html", "orphan")]
    assert problems_of(site, orphan_exempt=(*DEFAULT_ORPHAN_EXEMPT, "extra.html")) == []
    assert "404.html" in DEFAULT_ORPHAN_EXEMPT


def test_reachability_follows_links_through_pages_not_just_from_home(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="a/one.html">one</a>',
        "a/one.html": '<a href="../b/two.html#top">two</a>',
        "b/two.html": '<a href="three.html?x=1">three</a>',
        "b/three.html": "", "b/island.html": '<a href="three.html">three</a>',
    })
    assert problems_of(site) == [("b/island.html", "orphan")]


def test_fragments_are_checked_in_the_page_they_point_to(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<h2 id="caf%C3%A9x">x</h2><h2 id="café">y</h2>'
                      '<a href="#café">ok</a><a href="#caf%C3%A9">ok, encoded</a><a href="#caf%C3%A9x">ok, raw</a>'
                      '<a href="#top">top is always there</a><a href="#:~:text=liver">text fragment</a>'
                      '<a href="b.html#b">ok</a><a href="b.html#a">not in b</a><a href="#b">not here</a>'
                      '<svg><use href="i.svg#dot"></use><use href="i.svg#none"></use></svg>'
                      '<a href="doc.pdf#page=2">pdf page</a>',
        "b.html": '<p id="b"><a href="index.html">home</a></p>',
        "i.svg": '<svg xmlns="http://www.w3.org/2000/svg"><circle id="dot" r="1"/></svg>',
        "doc.pdf": "%PDF-1.4",
    })
    assert problems_of(site) == [("index.html", "missing-id")] * 3


def test_a_query_alone_links_the_page_itself(tmp_path):
    site = make_site(tmp_path, {"sub/page.html": '<h2 id="a">a</h2><a href="?q=1">1</a><a href="?q=1#a">2</a><a href="?q=1#b">3</a>',
                                "index.html": '<a href="sub/page.html">page</a>'})
    assert problems_of(site) == [("sub/page.html", "missing-id")]


def test_folder_links_every_way_of_writing_them(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="sub/">1</a><a href="sub">2</a><a href="./">3</a><a href=".">4</a>'
                      '<a href="sub/page.html">fine</a><a href="sub/..">5</a>',
        "sub/page.html": '<a href="..">6</a><a href="../index.html">fine</a>',
    })
    assert problems_of(site) == [("index.html", "folder-link")] * 5 + [("sub/page.html", "folder-link")]


def test_links_outside_the_site_and_encoded_names(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<a href="../secret.html">out</a><a href="my%20page.html">space</a>'
                      '<a href="my page.html">raw space, as browsers accept</a><img src="" alt="">',
        "my page.html": '<a href="index.html">home</a>',
    })
    assert problems_of(site) == [("index.html", "empty-link"), ("index.html", "missing-file")]


def test_every_kind_of_reference_is_read(tmp_path):
    kinds = {
        "a": '<a href="{}">x</a>', "area": '<map name="m"><area href="{}" alt="x"></map>',
        "link": '<link rel="stylesheet" href="{}">', "img": '<img src="{}" alt="">',
        "srcset": '<img src="a.png" srcset="a.png 1x, {} 2x" alt="">',
        "source": '<picture><source srcset="{} 2x"><img src="a.png" alt=""></picture>',
        "script": '<script src="{}"></script>', "iframe": '<iframe src="{}" title="x"></iframe>',
        "video": '<video src="a.png" poster="{}"></video>', "object": '<object data="{}"></object>',
        "form": '<form action="{}"></form>', "refresh": '<meta http-equiv="refresh" content="3; url={}">',
        "style": '<style>p {{ background: url({}) }}</style>', "style-attr": '<p style="background: url({})">x</p>',
        "svg-use": '<svg><use xlink:href="{}"></use></svg>',
    }
    pages = {f"{name}.html": html.format(f"missing-{name}.png") for name, html in kinds.items()}
    pages["index.html"] = "".join(f'<a href="{name}">{name}</a>' for name in pages)
    site = make_site(tmp_path, {**pages, "a.png": ""})
    reported = {p.file for p in check_site(site).problems if p.rule == "missing-file"}
    assert reported == {f"{name}.html" for name in kinds}


def test_unsafe_blank_needs_both_noopener_and_noreferrer(tmp_path):
    site = make_site(tmp_path, {"index.html":
        '<a href="https://a.example.org/" target="_blank" rel="noreferrer">1</a>'
        '<a href="https://a.example.org/" target="_BLANK">2</a>'
        '<a href="https://a.example.org/" target="_blank" rel="external NoOpener noreferrer">fine</a>'
        '<a href="https://a.example.org/" target="help">fine: a named window</a>'})
    assert problems_of(site) == [("index.html", "unsafe-blank")] * 2


def test_external_resources_are_reported_and_external_links_are_not(tmp_path):
    site = make_site(tmp_path, {
        "index.html": '<link rel="stylesheet" href="https://cdn.example.net/x.css">'
                      '<link rel="preconnect" href="https://fonts.example.net">'
                      '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
                      '<script src="https://cdn.example.net/x.js"></script>'
                      '<a href="https://www.example.org/page">a plain link</a>',
        "s.css": '@import url("https://fonts.example.net/css");',
    })
    assert problems_of(site) == [("index.html", "external-resource")] * 3 + [("s.css", "external-resource")]


def test_empty_action_submits_to_the_same_page(tmp_path):
    site = make_site(tmp_path, {"index.html": '<form action=""><button formaction="">go</button></form>'})
    assert problems_of(site) == []


# --- URL forms ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://www.example.org/", "https://example.org", "https://example.org:8443/a?b=c#d",
    "https://xn--bcher-kva.example/", "https://bücher.example/", "https://[2001:db8::1]/",
    "https://192.0.2.1/", "https://example.org/%C3%A9",
])
def test_well_formed_web_urls(url):
    assert web_url_problem(url) is None


@pytest.mark.parametrize("url", [
    "https://", "https:///path", "https://exa mple.org/", "https://example..org/", "https://-bad.example.org/",
    "https://localhost/", "https://example.org:99999/", "https://user:pw@example.org/",
    "https://example.org/100%", "https://example.org/<x>", "https://[zz::1]/",
])
def test_malformed_web_urls(url):
    assert web_url_problem(url)


@pytest.mark.parametrize("url, ok", [
    ("mailto:care@example.org", True), ("mailto:a@example.org,b@example.org?subject=Hi%20there&body=x", True),
    ("mailto:", False), ("mailto:care@", False), ("mailto:care example.org", False),
    ("mailto:care@example.org?subject", False), ("mailto:@example.org", False),
])
def test_mailto(url, ok):
    assert (mailto_problem(url) is None) is ok


@pytest.mark.parametrize("url, ok", [
    ("tel:+1-555-010-0100", True), ("tel:+44(0)20.7946.0000", True), ("tel:+15550100;ext=12", True),
    ("tel:0100;phone-context=+1555", True),
    ("tel:", False), ("tel:555 0100", False), ("tel:5550100", False), ("tel:+", False), ("tel:+1-555-CALL", False),
])
def test_tel(url, ok):
    assert (tel_problem(url) is None) is ok


def test_srcset_urls_may_hold_commas():
    assert parse_srcset("a.png 1x, b,c.png 2x,d.png, data:image/png;base64,AAA= 3x,e.png (max-width: 1px, x) 4x") == [
        "a.png", "b,c.png", "d.png", "data:image/png;base64,AAA=", "e.png"]


def test_stylesheet_urls_skip_comments_and_read_every_form():
    css = '/* url(no.png) */ @import "a.css"; @import url(b.css) print;\n' \
          'p { background: url( "c.png" ), url(d\\).png); src: url(e.woff2) format("woff2") }'
    assert stylesheet_urls(css) == [(1, "a.css"), (1, "b.css"), (2, "c.png"), (2, "d).png"), (2, "e.woff2")]


# --- The command ----------------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "liverguide.checks.linkcheck", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_prints_a_line_per_problem_and_a_summary_and_exits_1():
    proc = run_cli(str(FIXTURE), "--offline", "--site-url", FIXTURE_URL)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1
    assert len(lines) == len(RULES) + 1
    assert all(re.fullmatch(r"faults/\S+\.(html|css)(:\d+)?: .+ \[[a-z-]+\]", line) for line in lines[:-1]), lines
    assert re.fullmatch(r"checked 22 pages, \d+ links in \d+\.\d+ s", lines[-1]), lines[-1]


def test_cli_exits_0_on_a_sound_site_and_2_without_one(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site")
    shutil.rmtree(tmp_path / "site" / "faults")
    sound = tmp_path / "site" / "index.html"
    sound.write_text(re.sub(r'<li><a href="faults/.*?</li>\n', "", sound.read_text()))
    proc = run_cli(str(tmp_path / "site"), "--site-url", FIXTURE_URL, "--jobs", "2")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.startswith("checked ")
    missing = run_cli(str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr


def test_cli_exempt_option_extends_the_orphan_exemptions():
    proc = run_cli(str(FIXTURE), "--offline", "--site-url", FIXTURE_URL, "--exempt", "faults/orphan.html")
    assert "[orphan]" not in proc.stdout and proc.returncode == 1


# --- Links to other sites, fetched only when asked (a local server stands in for them) -------------

class _Sites(http.server.BaseHTTPRequestHandler):
    """/ok answers, /gone is 404, /no-head refuses HEAD but serves GET, /moved redirects to /ok."""
    requests: list[str] = []

    def _answer(self, body: bool):
        type(self).requests.append(f"{self.command} {self.path}")
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/ok" or (self.path == "/no-head" and self.command == "GET"):
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_sites():
    _Sites.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sites)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_links_to_other_sites_are_fetched_only_when_asked(tmp_path, other_sites):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{closed.getsockname()[1]}/page"
    links = "".join(f'<a href="{url}">x</a>' for url in [f"{other_sites}/ok", f"{other_sites}/gone#part",
                                                          f"{other_sites}/no-head", f"{other_sites}/moved", nobody])
    site = make_site(tmp_path, {"index.html": f"<p>{links}</p>", "other.html": f'<a href="index.html">{other_sites}</a>'
                                f'<a href="{other_sites}/gone">again</a>'})

    assert "unreachable" not in {p.rule for p in check_site(site).problems}
    assert _Sites.requests == [], "fetched without being asked"

    unreachable = {(p.file, p.message.split(": ", 1)[0]): p.message.split(": ", 1)[1]
                   for p in check_site(site, external=True).problems if p.rule == "unreachable"}
    assert set(unreachable) == {("index.html", f"link to {nobody}"), ("index.html", f"link to {other_sites}/gone#part"),
                                ("other.html", f"link to {other_sites}/gone")}
    assert unreachable[("index.html", f"link to {other_sites}/gone#part")] == "answers HTTP 404 Not Found"
    assert unreachable[("index.html", f"link to {nobody}")].startswith("no answer (")
    assert _Sites.requests.count("GET /gone") == 1, "one address fetched once, however many links name it"


def test_cli_takes_the_hosted_builds_address_from_its_settings(hosted_site):
    out, _ = hosted_site
    proc = run_cli(str(out), "--site-url-from", "publishconf.py")
    assert proc.returncode == 0, proc.stdout
    relative = run_cli(str(out), "--site-url-from", "pelicanconf.py")  # relative links: no address of its own
    assert relative.returncode == 1 and "[orphan]" in relative.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("build, fixture", [("html", "site"), ("publish", "hosted_site"), ("offline", "offline_site")])
def test_make_check_knows_each_builds_options(build, fixture, request):
    folder = request.getfixturevalue(fixture)
    folder = folder[0] if isinstance(folder, tuple) else folder
    # BUILD_DEPS= : the shared .venv is used as it is, never reinstalled by a test.
    proc = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "check", f"BUILD={build}", "BUILD_DEPS=",
                           f"PYTHON={sys.executable}", f"OUTPUT={folder}"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("checked ")


def test_make_check_refuses_an_unknown_build():
    if shutil.which("make") is None:
        pytest.skip("needs make")
    proc = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "check", "BUILD=hosted", "BUILD_DEPS="],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "BUILD must be html, publish or offline (got 'hosted')" in proc.stdout
