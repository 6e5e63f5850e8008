"""The offline bundle, built and packed once per test session exactly as `make offline` does."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import ROOT, build

BUNDLE_NAME = "liver-metastases-guide-offline.zip"


def make_bundle(folder: Path) -> Path:
    """Build with offlineconf.py and pack with `python -m liverguide.build.offline_bundle`; return the zip."""
    site = folder / "output-offline"
    build(site, settings="offlineconf.py")
    target = folder / "dist" / BUNDLE_NAME
    subprocess.run([sys.executable, "-m", "liverguide.build.offline_bundle", str(site), str(target)],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return target


def unzip(bundle: Path, folder: Path) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    return folder
