"""Pack the offline build into one zip a clinic can copy to a USB stick or shared drive.

    python -m liverguide.build.offline_bundle            # output-offline/ -> dist/<site>-offline.zip (offlineconf.py)
    python -m liverguide.build.offline_bundle SRC DEST   # any folder -> any zip

The zip is reproducible: the same site gives the same bytes, whoever builds it and whenever, so
a clinic (or a checksum) can tell two copies are the same guide. Entries are sorted, every
timestamp is fixed (SOURCE_DATE_EPOCH if set, else 1980-01-01, the earliest a zip can hold),
permissions are fixed and compression is always deflate at level 9. index.html sits at the top,
so unzipping gives a folder with index.html straight inside it.
"""
from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
DIR_MODE = 0o040755
UNIX = 3


def fixed_time() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ZIP_EPOCH
    stamp = time.gmtime(int(epoch))[:6]
    return max(stamp, ZIP_EPOCH)


def entry(name: str, mode: int, when) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.create_system = UNIX
    info.external_attr = mode << 16
    if mode == DIR_MODE:
        info.external_attr |= 0x10  # MS-DOS directory flag, for Windows' own unzip
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def pack(source: Path, target: Path) -> Path:
    source, target = Path(source), Path(target)
    if not (source / "index.html").is_file():
        raise SystemExit(f"{source}: no index.html: build the site first (make offline)")
    when = fixed_time()
    paths = sorted(source.rglob("*"), key=lambda p: p.relative_to(source).as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in paths:
            name = path.relative_to(source).as_posix()
            if path.is_dir():
                bundle.writestr(entry(name + "/", DIR_MODE, when), b"")
            else:
                bundle.writestr(entry(name, FILE_MODE, when), path.read_bytes(), compresslevel=9)
    # A half-written zip must never look like a finished one.
    partial.replace(target)
    return target


def configured_paths() -> tuple[Path, Path]:
    from pelican.settings import read_settings

    settings = read_settings("offlineconf.py")  # in the folder make runs in: the project's
    return Path(settings["OUTPUT_PATH"]), Path(settings["OFFLINE_BUNDLE"])


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        source, target = map(Path, argv)
    elif not argv:
        source, target = configured_paths()
    else:
        print(__doc__.strip().splitlines()[2:4], file=sys.stderr)
        return 2
    target = pack(source, target)
    with zipfile.ZipFile(target) as bundle:
        count = sum(1 for info in bundle.infolist() if not info.is_dir())
    size = target.stat().st_size
    shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
    print(f"{shown}: {count} files, {size / 1024:.0f} KiB ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
