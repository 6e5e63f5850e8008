"""`make offline`: a zip that opens from disk, names a file in every link, asks no server for
anything, and is the same bytes every time it is built from the same sources."""
from __future__ import annotations

import json
import re
import stat
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from tests.offline import BUNDLE_NAME, make_bundle

MAX_BYTES = 1_000_000
# Attributes that make the browser fetch something, by element.
FETCHED = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
           "audio": "src", "video": "src", "embed": "src", "object": "data", "form": "action"}


def html_pages(site: Path) -> dict[str, lxml.html.HtmlElement]:
    return {p.relative_to(site).as_posix(): lxml.html.parse(str(p)).getroot() for p in sorted(site.rglob("*.html"))}


def test_zip_is_small_and_named_after_the_site(offline_zip):
    size = offline_zip.stat().st_size
    print(f"\noffline bundle {offline_zip.name}: {size} bytes ({size / 1024:.0f} KiB)")
    assert offline_zip.name == BUNDLE_NAME
    assert size < MAX_BYTES, f"{offline_zip.name} is {size} bytes; keep it under {MAX_BYTES}"


def test_zip_has_index_at_its_top_sorted_entries_fixed_times_and_modes(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    names = [info.filename for info in infos]
    assert "index.html" in names and "search.html" in names and "search-index.js" in names
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    for info in infos:
        assert not info.filename.startswith(("/", "..")) and "\\" not in info.filename
        assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
        mode = info.external_attr >> 16
        if info.is_dir():
            assert stat.S_IMODE(mode) == 0o755, info.filename
        else:
            assert stat.S_IMODE(mode) == 0o644 and stat.S_ISREG(mode), info.filename
            assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename


def test_two_builds_give_identical_zip_bytes(offline_zip, tmp_path):
    """A second, separate Pelican run (its own hash seed, its own file times) packs the same bytes."""
    again = make_bundle(tmp_path)
    assert again.read_bytes() == offline_zip.read_bytes()


def test_no_feeds_or_server_only_pages(offline_site):
    files = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*") if p.is_file()}
    assert not [f for f in files if f.endswith((".xml", ".atom", ".rss"))], files
    assert "404.html" not in files
    for name, root in html_pages(offline_site).items():
        for link in root.iter("link"):
            assert link.get("rel") not in {"alternate", "canonical"}, f"{name}: <link rel={link.get('rel')}>"


def test_every_link_names_a_file_in_the_bundle_and_nothing_is_fetched_elsewhere(offline_site):
    checked = 0
    for name, root in html_pages(offline_site).items():
        here = (offline_site / name).parent
        for element in root.iter():
            attr = FETCHED.get(element.tag) or ("href" if element.tag == "a" else None)
            value = element.get(attr) if attr else None
            if value is None:
                continue
            parts = urlsplit(value)
            if element.tag == "a" and parts.scheme in {"http", "https", "mailto", "tel"}:
                continue  # a link the reader may choose to follow, not a request the page makes
            assert not parts.scheme and not parts.netloc, f"{name}: <{element.tag}> loads {value!r}"
            assert not value.startswith("/"), f"{name}: root-absolute URL {value!r}"
            if not parts.path:
                continue  # "#section" on the same page
            assert not parts.path.endswith("/") and parts.path not in {".", ".."}, f"{name}: links a folder: {value!r}"
            target = (here / unquote(parts.path)).resolve()
            assert target.is_file(), f"{name}: {value!r} names no file in the bundle"
            assert target.is_relative_to(offline_site.resolve()), f"{name}: {value!r} leaves the bundle"
            checked += 1
    assert checked > 100


def test_scripts_and_styles_reach_no_other_host(offline_site):
    for path in [*offline_site.rglob("*.js"), *offline_site.rglob("*.css")]:
        if path.name == "search-index.js":
            continue  # data, checked below
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(fetch|XMLHttpRequest|importScripts|sendBeacon|WebSocket)\b|\bimport\s*\(", text), path.name
        # lunr.min.js names its home page in its licence comment; nothing else may name a host.
        hosts = set(re.findall(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+", text)) - {"http://lunrjs.com"}
        assert not hosts, f"{path.name} names {hosts}"


def test_search_index_is_a_classic_script_holding_only_data(offline_site):
    text = (offline_site / "search-index.js").read_text(encoding="ascii")
    prefix = "window.SEARCH_INDEX = "
    assert text.startswith(prefix) and text.rstrip().endswith(";")
    data = json.loads(text[len(prefix):].rstrip().rstrip(";"))
    assert data["index"]["version"] == "2.3.9"
    pages = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*.html")}
    for ref, doc in data["docs"].items():
        assert doc["url"] == ref and ref in pages and not ref.startswith("/")
        assert doc["title"] and doc["text"], ref
        assert "[@" not in doc["text"], f"{ref}: raw citation keys in the searchable text"
