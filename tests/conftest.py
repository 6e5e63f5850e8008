"""Shared fixtures: the site is built once per test session, into a temporary folder, exactly
as `make html` builds it (warnings are fatal), and every page is parsed once."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def build(output: Path, settings: str = "pelicanconf.py", content: Path | None = None,
          extra: list[str] | None = None, check: bool = True,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build as the Makefile does (sitebuild: Pelican, every warning fatal, output replaced only
    on success); return the finished process. `extra` takes `-e KEY=VALUE` overrides."""
    extra = list(extra or [])
    if not any(arg.startswith("CACHE_PATH=") for arg in extra):
        # The editors' build caches content: keep each test's cache with its output, not in cache/.
        extra += ["-e", f"CACHE_PATH={Path(output).resolve()}.cache"]
    cmd = [sys.executable, "-m", "sitebuild", "--settings", str(ROOT / settings), "--output", str(output),
           "--content", str(content or ROOT / "content"), *extra]
    env = {**os.environ, "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


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
    """dist/<site>-offline.zip as `make offline` makes it (tests/offline_fixtures.py)."""
    from offline_fixtures import make_bundle
    return make_bundle(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="session")
def offline_site(offline_zip, tmp_path_factory) -> Path:
    """The bundle unzipped, as a clinic's computer would have it."""
    from offline_fixtures import unzip
    return unzip(offline_zip, tmp_path_factory.mktemp("unzipped"))
