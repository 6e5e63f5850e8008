"""The `::: diagram` block: a Python-Markdown block processor and the extension that adds it."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from liverguide.errors import ContentError

from . import SourceFile

OPEN = re.compile(r"^:::[ \t]*diagram\b[ \t]*(?P<name>.*?)[ \t]*$")
CLOSE = re.compile(r"^:::[ \t]*$")
FIELD = re.compile(r"^(?P<key>alt|caption)[ \t]*:[ \t]*(?P<value>.*)$", re.I)
# Only plain file names: a diagram lives in the diagrams folder, never elsewhere on disk.
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*\.svg$")
NUMBER = r"[0-9.]+"


def svg_size(path: Path) -> tuple[str, str] | None:
    """Width and height from the drawing's viewBox, so the page reserves its space before it loads."""
    root = etree.parse(path).getroot()
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4 and all(re.fullmatch(NUMBER, n) for n in box[2:]):
        return box[2], box[3]
    return None


class DiagramProcessor(BlockProcessor):
    def __init__(self, parser, extension: DiagramExtension):
        super().__init__(parser)
        self.extension = extension
        self.folder = extension.folder
        self.directory = extension.directory

    def test(self, parent, block):
        return bool(OPEN.match(block.split("\n", 1)[0]))

    def fail(self, message: str):
        raise ContentError(*self.where(), message)

    def where(self) -> tuple[str, int | None]:
        """The source file and the line of the current `::: diagram` (the n-th in the file)."""
        source, seen = self.extension.source, self.extension.seen
        openings = source.openings(OPEN)
        return source.path, openings[seen - 1] if seen <= len(openings) else None

    def run(self, parent, blocks):
        self.extension.seen += 1
        lines = blocks.pop(0).split("\n")
        name = OPEN.match(lines.pop(0)).group("name")
        body: list[str] = []
        # Editors may leave blank lines inside the block; gather blocks until the closing `:::`.
        while not any(CLOSE.match(line) for line in lines):
            body.extend(lines)
            if not blocks:
                self.fail("'::: diagram' block is never closed with a line ':::'")
            lines = blocks.pop(0).split("\n")
        end = next(i for i, line in enumerate(lines) if CLOSE.match(line))
        body.extend(lines[:end])
        rest = "\n".join(lines[end + 1:]).strip("\n")
        if rest:
            blocks.insert(0, rest)

        fields = self.fields(body)
        parent.append(self.figure(name, fields))

    def fields(self, body: list[str]) -> dict[str, str]:
        fields: dict[str, list[str]] = {}
        key = None
        for line in body:
            match = FIELD.match(line.strip())
            if match:
                key = match["key"].lower()
                if key in fields:
                    self.fail(f"diagram has two '{key.capitalize()}:' lines")
                fields[key] = [match["value"]]
            elif line.strip():
                if key is None:
                    self.fail(f"diagram line {line.strip()!r} does not start with 'Alt:' or 'Caption:'")
                fields[key].append(line.strip())
        return {k: " ".join(v).strip() for k, v in fields.items()}

    def figure(self, name: str, fields: dict[str, str]) -> etree.Element:
        if not name:
            self.fail("'::: diagram' needs a file name, e.g. '::: diagram hai-pump.svg'")
        if not NAME.match(name):
            self.fail(f"diagram {name!r} must be a plain .svg file name in content/{self.folder}/")
        path = self.directory / name
        if not path.is_file():
            known = ", ".join(sorted(p.name for p in self.directory.glob("*.svg"))) or "none"
            self.fail(f"diagram file content/{self.folder}/{name} does not exist (there are: {known})")
        if not fields.get("alt"):
            self.fail(f"diagram {name} has no 'Alt:' text: say what the picture shows")
        if not fields.get("caption"):
            self.fail(f"diagram {name} has no 'Caption:'")

        figure = etree.Element("figure", {"class": "diagram"})
        img = etree.SubElement(figure, "img", {"src": f"{{static}}/{self.folder}/{name}", "alt": fields["alt"]})
        size = svg_size(path)
        if size:
            img.set("width", size[0])
            img.set("height", size[1])
        caption = etree.SubElement(figure, "figcaption")
        caption.text = fields["caption"]  # inline Markdown (emphasis, links, citations) still applies
        return figure


class DiagramExtension(Extension):
    """Diagrams from `directory` (content/`folder`/), with errors at their line in `source`."""

    def __init__(self, folder: str, directory: Path, source: SourceFile):
        super().__init__()
        self.folder = folder
        self.directory = Path(directory)
        self.source = source
        self.reset()

    def reset(self) -> None:
        """A new file: its first `::: diagram` is the first opening line counted."""
        self.seen = 0  # opening lines handled so far in this file, to find each one's line

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Above the indented-code (90) and paragraph processors, which would otherwise claim it.
        md.parser.blockprocessors.register(DiagramProcessor(md.parser, self), "diagram", 95)
