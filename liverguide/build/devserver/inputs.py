"""Everything a build reads, watched for changes (watchfiles: the system's own change
notifications, no polling).

- folders, with everything in them: the content folder, the theme, the site's code (this
  package), and any folder the reader declares (liverguide.reader.cache_inputs: the diagrams)
  outside the content folder;
- single files, through the folder they are in: the settings files (every .py beside the one
  given, since they load each other), the clinic's file (CLINIC_FILE), and the bibliography and
  glossary when the settings put them outside the content folder. Watching the folder, not the
  file, keeps working when an editor saves by writing a new file and renaming it over the old.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import watchfiles

import liverguide
from liverguide.errors import ContentError

CODE = Path(liverguide.__file__).resolve().parent


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass
class Inputs:
    folders: list[Path]
    files: set[Path]
    settings_folder: Path

    @classmethod
    def of(cls, settings_file: Path, overrides: dict) -> Inputs:
        from pelican.settings import read_settings

        from liverguide.reader import cache_inputs

        settings = read_settings(str(settings_file), override=overrides)
        folders = [Path(settings["PATH"]).resolve(), Path(settings["THEME"]).resolve(), CODE]
        files = {Path(settings["CLINIC_FILE"]).resolve()}
        try:
            declared = cache_inputs(settings)[0]
        except ContentError:  # a broken clinic file: the build says so; its folder is watched already
            declared = []
        for path in declared:
            path = path.resolve()
            if any(_inside(path, folder) for folder in folders):
                continue
            if path.is_dir():
                folders.append(path)
            else:
                files.add(path)
        return cls(folders, files, settings_file.parent)

    def is_settings(self, path: Path) -> bool:
        return path.parent == self.settings_folder and path.suffix == ".py"

    def needs_fresh_process(self, changed: set[str]) -> bool:
        """Code and settings cannot be reloaded into the build process: it is replaced."""
        return any(_inside(Path(p), CODE) or self.is_settings(Path(p)) for p in changed)

    def watch(self, report, stop: threading.Event) -> None:
        """Call `report(set of changed paths)` from background threads until `stop` is set."""
        single = self.files
        file_folders = sorted({path.parent for path in single} | {self.settings_folder})

        def one_of_ours(change, path: str) -> bool:
            path_ = Path(path)
            return path_ in single or self.is_settings(path_)

        for paths, recursive, keep in ((self.folders, True, watchfiles.DefaultFilter()),
                                       (file_folders, False, one_of_ours)):
            existing = [str(p) for p in paths if p.exists()]
            if existing:
                threading.Thread(target=_watch, args=(existing, recursive, keep, report, stop), daemon=True,
                                 name="liverguide-preview-watch").start()


def _watch(paths, recursive, keep, report, stop) -> None:
    # step: how long the folder must be quiet before the changes are handed over (an editor's
    # save is several events within a millisecond or two); debounce: the most ever waited.
    for changes in watchfiles.watch(*paths, watch_filter=keep, recursive=recursive, stop_event=stop,
                                    step=30, debounce=500, raise_interrupt=False):
        report({path for _, path in changes})
