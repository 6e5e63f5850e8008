"""The editors' commands: `make review`, `make readability`, `make new-article`, `make devserver`."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from liverguide.build import build
from liverguide.editors import new_article, readability, review
from tests.helpers import GOOD, ROOT, article, write


def settings_for(tmp_path: Path, content: Path, **extra) -> Path:
    """A settings file that is pelicanconf.py with another content folder and `extra` settings."""
    lines = ["from pelican.settings import get_settings_from_file",
             f"globals().update(get_settings_from_file({str(ROOT / 'pelicanconf.py')!r}))",
             f"PATH = {str(content)!r}", *(f"{k} = {v!r}" for k, v in extra.items())]
    path = tmp_path / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_review_marks_overdue_and_due_soon(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {
        **GOOD,
        "articles/02-late.md": article(Slug="late", Order="2", Last_reviewed="2025-01-01", Next_review="2026-01-01"),
        "articles/03-soon.md": article(Slug="soon", Order="3", Next_review="2026-07-10"),
        "articles/04-edge.md": article(Slug="edge", Order="4", Next_review="2026-07-31"),
        "articles/05-later.md": article(Slug="later", Order="5", Next_review="2026-08-01"),
    })
    assert review.main(["--settings", str(settings_for(tmp_path, content)), "--today", "2026-06-01"]) == 0
    rows = {line.split()[1].rsplit("/", 1)[-1]: line for line in capsys.readouterr().out.splitlines()
            if line.strip()[:2].strip().isdigit()}
    assert "OVERDUE by 151 days" in rows["02-late.md"]
    assert "DUE SOON (in 39 days)" in rows["03-soon.md"]
    assert "DUE SOON (in 60 days)" in rows["04-edge.md"]
    assert "DUE" not in rows["05-later.md"] and "OVERDUE" not in rows["01-overview.md"]


def test_review_reports_a_bad_date_as_one_line(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, "articles/02-x.md": article(Slug="x", Order="2", Next_review="2027-02-30")})
    assert review.main(["--settings", str(settings_for(tmp_path, content))]) == 1
    assert capsys.readouterr().out.strip().endswith("02-x.md:9: 'next_review' is not a date (got '2027-02-30'; write it as YYYY-MM-DD, such as 2027-01-31)")


def test_every_article_is_within_the_reading_grade_limit(capsys):
    status = readability.main(["--settings", str(ROOT / "pelicanconf.py")])
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert status == 0, report
    for path in (ROOT / "content" / "articles").glob("*.md"):
        assert path.name in report


def test_readability_fails_above_the_limit(tmp_path, capsys):
    settings = settings_for(tmp_path, ROOT / "content", READING_GRADE_LIMIT=2)
    assert readability.main(["--settings", str(settings)]) == 1
    assert "ABOVE LIMIT" in capsys.readouterr().out


def test_new_article_has_every_field_and_builds(tmp_path, capsys, monkeypatch):
    # Built on the day it was written: a review date after the build's day stops the build.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1835395200")  # 2028-02-29
    content = tmp_path / "content"
    write(content, GOOD)
    settings = settings_for(tmp_path, content)
    args = ["Living with a stoma", "--category", "Support", "--settings", str(settings), "--today", "2028-02-29"]
    assert new_article.main(args) == 0
    created = content / "articles" / "02-living-with-a-stoma.md"
    text = created.read_text(encoding="utf-8")
    assert "Order: 2\n" in text and "Last_reviewed: 2028-02-29\n" in text and "Next_review: 2029-02-28\n" in text
    # The schema accepts it as it is: the new file builds.
    assert build(settings, tmp_path / "out") == []
    assert (tmp_path / "out" / "support" / "living-with-a-stoma.html").is_file()
    # A second time: refused, the file untouched.
    created.write_text(text + "Edited.\n", encoding="utf-8")
    assert new_article.main(args) == 1
    assert created.read_text(encoding="utf-8").endswith("Edited.\n")
    capsys.readouterr()


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
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_devserver_reloads_after_good_builds_and_keeps_the_last_good_site(tmp_path):
    content, output, port = tmp_path / "content", tmp_path / "output", free_port()
    write(content, GOOD)
    log = tmp_path / "devserver.log"
    with open(log, "w") as sink:
        server = subprocess.Popen([sys.executable, "-m", "liverguide.build.devserver", "--content", str(content),
                                   "--output", str(output), "--port", str(port)],
                                  cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        page = wait_for(lambda: fetch(f"{base}/understanding/overview.html"), "the first build to be served")
        assert '<script src="/__devserver__/reload.js" defer></script>' in page
        assert "reload.js" not in (output / "understanding" / "overview.html").read_text(encoding="utf-8")
        assert "window.location.reload" in fetch(f"{base}/__devserver__/reload.js")
        assert fetch(f"{base}/__devserver__/build") == "1"

        write(content, {"articles/02-x.md": article(Slug="x", Order="2", Order_="3")})
        wait_for(lambda: "02-x.md:11: unknown field 'order_'" in log.read_text(), "the error line")
        assert fetch(f"{base}/__devserver__/build") == "1"
        assert "Overview" in fetch(f"{base}/understanding/overview.html")

        write(content, {"articles/02-x.md": article(Slug="x", Order="2", Title="Fixed")})
        wait_for(lambda: fetch(f"{base}/__devserver__/build") == "2", "the fixed build")
        assert "Fixed" in fetch(f"{base}/treatments/x.html")
    finally:
        server.terminate()
        server.wait(timeout=10)
