"""The devserver without a browser: what it watches, what it serves, what its event stream says,
and that drafts are built only for it (tests/browser/test_devserver.py drives it in Chromium)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from liverguide.build.devserver.__main__ import DRAFT_SETTINGS
from liverguide.build.devserver.inputs import CODE, Inputs
from tests.helpers import GOOD, ROOT, S, article, build, write


def test_every_input_is_watched(tmp_path, monkeypatch):
    clinic = tmp_path / "elsewhere" / "clinic.ini"
    clinic.parent.mkdir()
    clinic.write_text("[clinic]\nname =\nphone =\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_FILE", str(clinic))
    content = tmp_path / "content"
    content.mkdir()
    inputs = Inputs.of(ROOT / "pelicanconf.py", {"PATH": str(content), "CITATIONS_BIBLIOGRAPHY": str(tmp_path / "refs.bib")})
    assert set(inputs.folders) == {content, ROOT / "theme", CODE}
    assert inputs.files == {clinic, tmp_path / "refs.bib"}
    # The settings files load each other: every .py beside the one given.
    assert inputs.is_settings(ROOT / "publishconf.py") and not inputs.is_settings(ROOT / "clinic.ini")
    assert inputs.needs_fresh_process({str(CODE / "plugins" / "links.py")})
    assert inputs.needs_fresh_process({str(ROOT / "pelicanconf.py")})
    assert not inputs.needs_fresh_process({str(content / S), str(ROOT / "theme" / "templates" / "base.html")})


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_drafts_are_never_in_a_published_build(tmp_path, settings):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(Title="A secret draft", Status="draft"),
                    "pages/plans.md": GOOD["pages/references.md"].replace("Title: References", "Title: Plans")
                                                              .replace("Slug: references", "Slug: plans\nStatus: draft")})
    build(tmp_path / "out", settings=settings, content=content, env={"SITEURL": "https://guide.example.org"})
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix in {".html", ".js", ".xml", ".txt"}]
    assert files and not [p for p in files if "drafts" in p.parts]
    assert not [p for p in files if "secret draft" in p.read_text(encoding="utf-8", errors="replace").lower()
                or "Plans" in p.read_text(encoding="utf-8", errors="replace")]


def test_drafts_are_built_marked_and_listed_for_the_preview(tmp_path):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(Title="A secret draft", Status="draft")})
    build(tmp_path / "out", content=content, extra=[arg for name, value in DRAFT_SETTINGS.items()
                                                    for arg in ("-e", f"{name}={json.dumps(value)}")])
    draft = (tmp_path / "out" / "drafts" / "surgery.html").read_text(encoding="utf-8")
    assert 'class="draft-mark"' in draft and "Topic" not in draft.split("<h1")[0].split('class="draft-mark"')[1]
    assert 'class="reference-list"' in draft
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="./drafts/surgery.html">A secret draft' in home
    index = (tmp_path / "out" / "references.html").read_text(encoding="utf-8")
    assert "drafts/" not in index, "the References page links a draft"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


class Events:
    """The devserver's event stream, read as a browser's EventSource would."""

    def __init__(self, url: str):
        self.response = urllib.request.urlopen(url, timeout=30)

    def next(self) -> dict:
        data = []
        for raw in self.response:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data: "):
                data.append(line[len("data: "):])
            elif not line and data:
                return json.loads("\n".join(data))
        raise AssertionError("the stream ended")


def test_the_devserver_serves_pages_with_its_tags_and_streams_every_build(tmp_path):
    content, output, port = tmp_path / "content", tmp_path / "preview", free_port()
    write(content, GOOD)
    log = tmp_path / "devserver.log"
    with open(log, "w") as sink:
        server = subprocess.Popen([sys.executable, "-m", "liverguide.build.devserver", "--content", str(content),
                                   "--output", str(output), "--port", str(port)],
                                  cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        page = wait_for(lambda: fetch(f"{base}/understanding/overview.html"), "the first build to be served")
        assert '<meta name="devserver-build" content="1">' in page
        assert '<script src="/__devserver__/preview.js" defer></script>' in page
        assert "<script>" not in page, "an inline script would break the site's Content-Security-Policy"
        assert "devserver" not in (output / "understanding" / "overview.html").read_text(encoding="utf-8")
        assert "EventSource" in fetch(f"{base}/__devserver__/preview.js")
        assert "devserver-problems" in fetch(f"{base}/__devserver__/preview.css")
        missing = urllib.request.Request(f"{base}/treatments/not-yet.html")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(missing, timeout=5)
        assert error.value.code == 404 and b"/__devserver__/preview.js" in error.value.read()

        events = Events(f"{base}/__devserver__/events")
        assert events.next() == {"build": 1, "problems": []}

        write(content, {"articles/02-x.md": article(Slug="x", Order="2", Order_="3")})
        state = events.next()
        assert state["build"] == 1
        assert state["problems"] == [{"file": str(content / "articles" / "02-x.md"), "line": 11,
                                      "message": "unknown field 'order_' (did you mean 'order'?)"}]
        assert "Overview" in fetch(f"{base}/understanding/overview.html")  # the last good site, still served

        write(content, {"articles/02-x.md": article(Slug="x", Order="2", Title="Fixed")})
        assert events.next() == {"build": 2, "problems": []}
        assert "Fixed" in fetch(f"{base}/treatments/x.html")
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "02-x.md:11: unknown field 'order_'" in log.read_text()
