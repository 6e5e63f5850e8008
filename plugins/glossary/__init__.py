"""Glossary: plain-language definitions in content/glossary.yaml, an A–Z glossary page, and the
first use of each term in every Markdown document linked to its definition.

When things happen, once per build (also on every rebuild of `make devserver`):
- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
- `get_generators`: the glossary file is read and checked, its pattern compiled, before any
  content is read. A mistake stops the build with a ContentError naming the file and line.
  If Pelican's content cache is on and the glossary (or this plugin) changed since the cache was
  written, the cache is not loaded this once: cached articles hold the old definitions.
- `page_generator_finalized`: the A–Z list is added to the glossary page, after reading, so it is
  never stale in the cache.
- `finalized`: the glossary's fingerprint is saved next to the content cache.
"""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

from pelican import signals  # noqa: E402

from content_errors import ContentError  # noqa: E402

from . import glossary_file  # noqa: E402
from .markdown_terms import GlossaryExtension  # noqa: E402

HERE = Path(__file__).resolve().parent
STAMP_NAME = "glossary.fingerprint"


@dataclass
class Settings:
    file: Path
    page: str
    template: str
    cache_on: bool
    cache_path: Path


def read_settings(settings) -> Settings:
    """Every setting this plugin reads, in one place."""
    content = Path(settings["PATH"])
    return Settings(
        file=content / settings.get("GLOSSARY_FILE", "glossary.yaml"),
        page=settings.get("GLOSSARY_PAGE", "pages/glossary.md").lstrip("/"),
        template=settings.get("GLOSSARY_TEMPLATE", "partials/glossary_list.html"),
        cache_on=bool(settings.get("CACHE_CONTENT")),
        cache_path=Path(settings["CACHE_PATH"]),
    )


def _extension(settings) -> GlossaryExtension | None:
    for extension in settings["MARKDOWN"].get("extensions", []):
        if isinstance(extension, GlossaryExtension):
            return extension
    return None


def add_markdown_extension(pelican):
    settings = pelican.settings
    if _extension(settings) is None:
        extension = GlossaryExtension(page=read_settings(settings).page)
        # Remembered so that each build can turn cache loading off just once, and back on.
        extension.load_cache_setting = settings.get("LOAD_CONTENT_CACHE", False)
        settings["MARKDOWN"].setdefault("extensions", []).append(extension)


def fingerprint(conf: Settings, glossary) -> str:
    digest = hashlib.sha256(glossary.source.encode("utf-8") if glossary else b"no glossary")
    digest.update(conf.page.encode("utf-8"))
    for code in sorted(HERE.glob("*.py")):
        digest.update(code.read_bytes())
    return digest.hexdigest()


def load_glossary(pelican):
    settings = pelican.settings
    conf = read_settings(settings)
    extension = _extension(settings)
    # A site (or a test's small content folder) without a glossary file simply has no links;
    # a glossary page without its file is caught when the page is filled.
    extension.glossary = glossary_file.load(conf.file) if conf.file.is_file() else None
    extension.fingerprint = fingerprint(conf, extension.glossary)
    stamp = conf.cache_path / STAMP_NAME
    unchanged = stamp.is_file() and stamp.read_text(encoding="utf-8") == extension.fingerprint
    settings["LOAD_CONTENT_CACHE"] = extension.load_cache_setting and unchanged
    return None  # no generator of our own


def fill_glossary_page(generator):
    conf = read_settings(generator.settings)
    extension = _extension(generator.settings)
    page = next((p for p in generator.pages + generator.hidden_pages
                 if Path(p.source_path).as_posix().endswith("/" + conf.page)), None)
    if extension.glossary is None:
        if page is not None:
            raise ContentError(page.source_path, None, f"there is a glossary page but no glossary file "
                                                       f"({conf.file.name} in the content folder)")
        return
    if page is None:
        raise ContentError(conf.file, None, f"the glossary page content/{conf.page} is missing")
    listing = generator.env.get_template(conf.template).render(glossary=extension.glossary)
    page._content = (page._content or "") + listing


def save_fingerprint(pelican):
    conf = read_settings(pelican.settings)
    extension = _extension(pelican.settings)
    if conf.cache_on and extension is not None:
        conf.cache_path.mkdir(parents=True, exist_ok=True)
        (conf.cache_path / STAMP_NAME).write_text(extension.fingerprint, encoding="utf-8")


def register():
    signals.initialized.connect(add_markdown_extension)
    signals.get_generators.connect(load_glossary)
    signals.page_generator_finalized.connect(fill_glossary_page)
    signals.finalized.connect(save_fingerprint)
