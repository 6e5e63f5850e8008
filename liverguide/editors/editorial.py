"""What the editors' commands share: the settings, and every article's checked fields."""
from __future__ import annotations

from pathlib import Path

from liverguide.checks.front_matter import ARTICLE_FIELDS, Checked, check
from liverguide.errors import ContentError  # noqa: F401 (the commands catch it from here)


def load_settings(settings_file: str | Path = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    return read_settings(str(settings_file))


def article_files(settings: dict) -> list[Path]:
    content = Path(settings["PATH"])
    return sorted(p for folder in settings["ARTICLE_PATHS"] for p in (content / folder).glob("*.md"))


def checked_articles(settings: dict) -> list[tuple[Path, Checked]]:
    """(file, checked front matter: values and the line of each field) for every article,
    drafts included, in reading order; ContentError if one is bad."""
    found = [(path, check(str(path), path.read_text(encoding="utf-8"), ARTICLE_FIELDS, settings))
             for path in article_files(settings)]
    return sorted(found, key=lambda item: item[1].values["order"])


def articles(settings: dict) -> list[tuple[Path, dict]]:
    """(file, checked fields) for every article, in reading order; ContentError if one is bad."""
    return [(path, checked.values) for path, checked in checked_articles(settings)]
