"""What several test modules share: where the project is, a build as `make` runs it, and small
content folders with one good article to plant a mistake beside."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from liverguide.build.__main__ import main as build_main

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def build(output: Path, settings: str = "pelicanconf.py", content: Path | None = None,
          extra: list[str] | None = None, check: bool = True,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build as the Makefile does (liverguide.build: Pelican, every warning fatal, output replaced only
    on success); return the finished process. `extra` takes `-e KEY=VALUE` overrides."""
    extra = list(extra or [])
    if not any(arg.startswith("CACHE_PATH=") for arg in extra):
        # The editors' build caches content: keep each test's cache with its output, not in cache/.
        extra += ["-e", f"CACHE_PATH={Path(output).resolve()}.cache"]
    cmd = [sys.executable, "-m", "liverguide.build", "--settings", str(ROOT / settings), "--output", str(output),
           "--content", str(content or ROOT / "content"), *extra]
    env = {**os.environ, "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"build failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


# --- Small content folders (tests/build/test_bad_inputs.py and others) -------------------------

FIELDS = {
    "Title": "Surgery to remove liver tumors",
    "Slug": "surgery",
    "Summary": "How surgeons remove liver tumors.",
    "Category": "Treatments",
    "Order": "2",
    "Date": "2026-01-01",
    "Modified": "2026-01-01",
    "Last_reviewed": "2026-01-01",
    "Next_review": "2027-01-01",
    "Keywords": "surgery, resection",
}
BODY = "## What is surgery?\n\nA surgeon removes the part of the liver with the tumor.\n"
# What every published article needs (liverguide/checks/structure.py), so a test's own text can
# be as short as it likes: 400 words, three `##` sections, a citation and a last section
# pointing to the care team. It follows the body, so a mistake planted at the end of the body
# keeps its line number.
FILLER = "This sentence stands in for the plain words a real article has in this place. " * 15
ENDING = (f"\n## What happens after surgery?\n\n{FILLER.strip()}\n\n"
          "Most people also have chemotherapy [@kemeny1999].\n\n"
          f"## Living with the changes\n\n{FILLER.strip()}\n\n"
          "## Talk with your care team\n\nAsk your care team what surgery would mean for you.\n")
# The one source ENDING cites; GOOD folders carry it as content/references.bib.
BIB = """@article{kemeny1999,
  author = {Kemeny, Nancy E. and Huang, Y. and Cohen, A. M.},
  title = {Hepatic arterial infusion of chemotherapy after resection of hepatic metastases from colorectal cancer},
  journal = {N Engl J Med},
  year = {1999},
  pmid = {10615075},
}
"""


def article(body: str = BODY, drop: tuple[str, ...] = (), extra: str = "", ending: str = ENDING, **changes: str) -> str:
    """An article's text: the complete front matter with `changes`, fields in `drop` left out
    and `extra` lines added after them, then the body, then `ending` (the sections every
    article needs; "" for none)."""
    fields = {**FIELDS, **changes}
    head = "".join(f"{name}: {value}\n" for name, value in fields.items() if name not in drop)
    return head + extra + "\n" + body + ending


def page(**changes: str) -> str:
    fields = {name: value for name, value in FIELDS.items() if name not in {"Category", "Order", "Keywords"}}
    fields.update({"Title": "About this guide", "Slug": "about", **changes})
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None) + "\nWho this guide is for.\n"


# One good article, the source it cites and the page that lists every cited source.
GOOD = {"articles/01-overview.md": article(Title="Overview", Slug="overview", Order="1", Category="Understanding"),
        "references.bib": BIB, "pages/references.md": page(Title="References", Slug="references")}
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
S = "articles/02-surgery.md"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write(content: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def run(content: Path, output: Path, capsys) -> tuple[int, list[str]]:
    status = build_main(["--settings", str(ROOT / "pelicanconf.py"), "--output", str(output),
                             "--content", str(content)])
    return status, capsys.readouterr().out.splitlines()
