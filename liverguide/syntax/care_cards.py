"""Care cards: an NHS-style box that tells readers when to get help, and how.

    ::: care-card urgent
    Title: Call your care team's 24-hour line straight away if
    - you have a temperature
    - you feel unwell during chemotherapy
    :::

becomes `<aside class="care-card care-card-urgent">` with the title as its heading, the Markdown
inside (lists, links and [@key] citations work), and at its end the clinic's name and phone as a
`tel:` link when clinic.ini sets one, or else a line telling readers to use the number their own
team gave them. A malformed block stops the build with the Markdown file and line.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

from liverguide.errors import ContentError

from . import SourceFile

OPEN = re.compile(r"^:::[ \t]*care-card\b[ \t]*(?P<kind>.*?)[ \t]*$")
CLOSE = re.compile(r"^:::[ \t]*$")
TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.*)$", re.I)
# The kinds of the NHS design system's care cards this guide uses, and the words a screen
# reader hears before the heading (the colour alone says nothing to someone who cannot see it).
KINDS = {"urgent": "Urgent advice: ", "non-urgent": "Non-urgent advice: "}

@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    tel: str = ""


class CareCardProcessor(BlockProcessor):
    def __init__(self, parser, extension: CareCardExtension):
        super().__init__(parser)
        self.extension = extension
        self.contact = extension.contact

    def test(self, parent, block):
        return bool(OPEN.match(block.split("\n", 1)[0]))

    def fail(self, message: str):
        source, seen = self.extension.source, self.extension.seen
        lines = source.openings(OPEN)
        raise ContentError(source.path, lines[seen - 1] if seen <= len(lines) else None, message)

    def run(self, parent, blocks):
        self.extension.seen += 1
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
    """Care cards ending with `contact`, with errors at their line in `source`."""

    def __init__(self, contact: Contact, source: SourceFile):
        super().__init__()
        self.contact = contact
        self.source = source
        self.reset()

    def reset(self) -> None:
        """A new file: its first card is the first opening line counted."""
        self.seen = 0  # cards handled so far in this file, to find the current one's line

    def extendMarkdown(self, md):
        md.registerExtension(self)
        # Above diagrams (95), indented code (90) and paragraphs, which would otherwise claim it.
        md.parser.blockprocessors.register(CareCardProcessor(md.parser, self), "care_card", 96)
