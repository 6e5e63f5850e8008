"""What a reader on a slow phone connection downloads, and pictures of the pages for review."""
from __future__ import annotations

import gzip
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.browsing import new_page
from tests.browser.browsing import ROOT

pytestmark = pytest.mark.browser

BUDGET = 25 * 1024  # bytes, gzipped: HTML + CSS + JS of one page
SCREENSHOTS = ROOT / "screenshots"  # gitignored


def biggest_article(site: Path, articles) -> str:
    return max(articles, key=lambda name: (site / name).stat().st_size)


def loaded_files(browser, url: str) -> list[Path]:
    """The page and every stylesheet and script the browser fetched to show it."""
    context, tab = new_page(browser)
    fetched: list[str] = []
    tab.on("requestfinished", lambda request: fetched.append(request.url)
           if request.resource_type in ("document", "stylesheet", "script") else None)
    tab.goto(url, wait_until="networkidle")
    context.close()
    return [Path(unquote(urlsplit(address).path)) for address in dict.fromkeys(fetched)]


def test_home_page_and_biggest_article_fit_the_page_weight_budget(browser, site, articles, page_urls, pages):
    rows, over = [], []
    for name in ("index.html", biggest_article(site, articles)):
        files = loaded_files(browser, page_urls[name])
        # The browser's list must include everything the HTML links, or the count is short.
        linked = {(site / name).parent.joinpath(ref).resolve() for ref in
                  pages[name].xpath("//link[@rel='stylesheet']/@href | //script/@src")}
        assert linked <= {f.resolve() for f in files}, f"{name}: not loaded: {linked - set(files)}"
        # Level 9 is what pelican-precompress (pinned in requirements.txt) writes for servers.
        sizes = [(f, f.stat().st_size, len(gzip.compress(f.read_bytes(), 9))) for f in files]
        total = sum(z for _, _, z in sizes)
        for f, raw, zipped in sizes:
            rows.append(f"{name:<28} {f.relative_to(site).as_posix():<32} {raw:>8} {zipped:>8}")
        rows.append(f"{name:<28} {'TOTAL':<32} {sum(r for _, r, _ in sizes):>8} {total:>8}  (budget {BUDGET})")
        if total > BUDGET:
            over.append(f"{name}: {total} bytes gzipped, over the {BUDGET} byte budget")
    print("\n" + f"{'page':<28} {'file':<32} {'bytes':>8} {'gzipped':>8}\n" + "\n".join(rows))
    assert not over, "\n".join(over)


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_home_page_and_an_article(browser, site, articles, page_urls, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context, tab = new_page(browser, width, 844 if width == 390 else 900)
    for name in ("index.html", biggest_article(site, articles)):
        target = SCREENSHOTS / f"{Path(name).stem}-{width}.png"
        target.unlink(missing_ok=True)
        tab.goto(page_urls[name])
        tab.screenshot(path=str(target), full_page=True)
        shot_width, shot_height = png_size(target)
        assert shot_width == width and shot_height >= tab.evaluate("innerHeight"), (target, shot_width, shot_height)
    context.close()
