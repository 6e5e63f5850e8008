"""The `::: care-card` block: a Python-Markdown block processor and the extension that adds it."""
from __future__ import annotations

import contextvars
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

from content_errors import ContentError

OPEN = re.compile(r"^:::[ \t]*care-card\b[ \t]*(?P<kind>.*?)[ \t]*$")
CLOSE = re.compile(r"^:::[ \t]*$")
TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.*)$", re.I)
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# The kinds of the NHS design system's care cards this guide uses, and the words a screen
# reader hears before the heading (the colour alone says nothing to someone who cannot see it).
KINDS = {"urgent": "Urgent advice: ", "non-urgent": "Non-urgent advice: "}

# Pelican builds each Markdown instance without telling it which file it reads: the plugin's
# reader sets this around each read. It is not kept on the extension because Pelican's content
# cache pickles the settings that hold the extension, and a ContextVar cannot be pickled.
current_source: contextvars.ContextVar[str | None] = contextvars.ContextVar("care_card_source", default=None)


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    tel: str = ""


def opening_lines(text: str) -> list[int]:
    """Line numbers of every `::: care-card` in a Markdown file, leaving out those shown inside
    fenced code samples (which are text, not cards)."""
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        marker = FENCE.match(line)
        if marker and (fence is None or marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence)):
            fence = marker.group(1) if fence is None else None
        elif fence is None and OPEN.match(line):
            found.append(number)
    return found


class CareCardProcessor(BlockProcessor):
    def __init__(self, parser, contact: Contact):
        super().__init__(parser)
        self.contact = contact
        self.seen = 0  # cards handled so far in this document, to find the current one's line

    def test(self, parent, block):
        return bool(OPEN.match(block.split("\n", 1)[0]))

    def fail(self, message: str):
        path = current_source.get()
        if not path:
            raise ContentError("<markdown>", None, message)
        lines = opening_lines(Path(path).read_text(encoding="utf-8"))
        raise ContentError(path, lines[self.seen - 1] if self.seen <= len(lines) else None, message)

    def run(self, parent, blocks):
        self.seen += 1
        first, _, rest = blocks.pop(0).partition("\n")
        kind = OPEN.match(first).group("kind")
        body = self.gather(rest, blocks)
        if not kind:
            self.fail(f"'::: care-card' needs a kind, e.g. '::: care-card urgent' (one of: {', '.join(KINDS)})")
        if kind not in KINDS:
            self.fail(f"care card kind {kind!r} is not one of: {', '.join(KINDS)}")
        title, text = self.split_title(body)
        parent.append(self.card(kind, title, text))

    def gather(self, first: str, blocks: list[str]) -> list[str]:
        """The card's blocks up to its closing `:::`, blank lines between them kept, so lists and
        paragraphs inside read as they would outside a card."""
        body: list[str] = []
        block = first
        while True:
            lines = block.split("\n")
            end = next((i for i, line in enumerate(lines) if CLOSE.match(line)), None)
            if end is not None:
                body.append("\n".join(lines[:end]))
                after = "\n".join(lines[end + 1:]).strip("\n")
                if after:
                    blocks.insert(0, after)
                return [b for b in body if b.strip()]
            body.append(block)
            if not blocks:
                self.fail("'::: care-card' block is never closed with a line ':::'")
            block = blocks.pop(0)

    def split_title(self, body: list[str]) -> tuple[str, str]:
        text = "\n\n".join(body).strip("\n")
        first, _, rest = text.partition("\n")
        match = TITLE.match(first.strip())
        if not match:
            self.fail("a care card must start with a 'Title:' line")
        if not match["value"].strip():
            self.fail("care card has an empty 'Title:'")
        if not rest.strip():
            self.fail("care card has no text under its title: say what to look out for")
        return match["value"].strip(), rest.strip("\n")

    def card(self, kind: str, title: str, text: str) -> etree.Element:
        aside = etree.Element("aside", {"class": f"care-card care-card-{kind}"})
        heading = etree.SubElement(aside, "h3", {"class": "care-card-heading"})
        hidden = etree.SubElement(heading, "span", {"class": "visually-hidden"})
        hidden.text = AtomicString(KINDS[kind])
        hidden.tail = title  # inline Markdown (emphasis, citations) still applies
        content = etree.SubElement(aside, "div", {"class": "care-card-content"})
        self.parser.parseChunk(content, text)
        content.append(self.contact_line())
        return aside

    def contact_line(self) -> etree.Element:
        line = etree.Element("p", {"class": "care-card-contact"})
        contact = self.contact
        if not contact.tel:
            line.text = AtomicString("Use the phone number your own care team gave you for this.")
            return line
        line.text = AtomicString(f"Your care team: {contact.name}, ")
        link = etree.SubElement(line, "a", {"href": f"tel:{contact.tel}"})
        link.text = AtomicString(contact.phone)
        link.tail = AtomicString(". If your team gave you a different number for this, use that one.")
        return line


class CareCardExtension(Extension):
    def __init__(self, contact: Contact | None = None, **kwargs):
        self.contact = contact or Contact()
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        processor = CareCardProcessor(md.parser, self.contact)
        # Above the indented-code (90) and paragraph processors, which would otherwise claim it.
        md.parser.blockprocessors.register(processor, "care_card", 96)
        # One extension serves every Markdown instance, so the count is reset per instance.
        md.registerExtension(CountReset(processor))


class CountReset:
    """Registered with a Markdown instance so its reset() between files (a reused instance reads
    many) starts each file's count of cards from zero."""

    def __init__(self, processor: CareCardProcessor):
        self.processor = processor

    def reset(self):
        self.processor.seen = 0
