"""Links the first use of each glossary term in a Markdown document to its definition.

A tree processor, registered below Python-Markdown's inline processor (priority 20), so it sees
the finished element tree: links, code, emphasis and any citation markup already exist as
elements and can be stepped around instead of guessed at in the source text.

Each linked term becomes

    <span class="glossary">
      <a class="glossary-term" href="{filename}/pages/glossary.md#term-x"
         aria-describedby="glossary-tip-x">term<span class="visually-hidden"> (glossary)</span></a>
      <span class="glossary-tip" id="glossary-tip-x" role="tooltip" hidden>definition</span>
    </span>

The href uses Pelican's {filename} syntax so Pelican writes the right relative address for each
page (and stops the build if the glossary page is missing). The definition is `hidden` so that it
is neither shown nor read twice by default; the stylesheet shows it on hover and keyboard focus,
and screen readers announce it as the link's description.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from liverguide.sources.glossary_file import Glossary

from . import BODY, SourceFile

# Places a term is never linked: other links and interactive elements (no nesting), code,
# headings (they are the page's outline and its "On this page" list), and superscripts, which
# hold citation and footnote markers.
SKIP_TAGS = {"a", "button", "label", "code", "pre", "kbd", "samp", "script", "style", "svg",
             "math", "sup", "sub", "abbr", "dfn", "h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_CLASSES = ("citation", "glossary")
OPEN_TAG = re.compile(r"<\s*([a-zA-Z][\w-]*)([^>]*?)(?<!/)>", re.S)
CLOSE_TAG = re.compile(r"<\s*/\s*([a-zA-Z][\w-]*)\s*>")


class GlossaryExtension(Extension):
    """Links to the entries of `glossary` on the glossary page (`page`, a {filename} path)."""

    def __init__(self, glossary: Glossary | None, page: str, source: SourceFile):
        super().__init__()
        self.glossary = glossary
        self.page = page.lstrip("/")
        self.source = source

    def extendMarkdown(self, md):
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 3)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension
        self.used: set[str] = set()

    def run(self, root):
        extension = self.extension
        # Only a file's body gets links: the Summary is shown as plain text. The glossary page
        # is not linked to itself.
        if (extension.glossary is None or extension.source.part != BODY
                or extension.source.path.replace("\\", "/").endswith("/" + extension.page)):
            return
        self.glossary = extension.glossary
        self.href = "{filename}/" + extension.page
        self.used = set()
        self.raw_open: list[str] = []
        self._walk(root)

    def _walk(self, element):
        if _skipped(element):
            return
        lead, nodes = self._link(element.text)
        if nodes:
            element.text = lead
            for i, node in enumerate(nodes):
                element.insert(i, node)
        for child in [c for c in element if not _is_ours(c)]:
            self._walk(child)
            lead, nodes = self._link(child.tail)
            if nodes:
                child.tail = lead
                at = list(element).index(child) + 1
                for i, node in enumerate(nodes):
                    element.insert(at + i, node)

    def _link(self, text):
        """Split text into what stays text and the new term elements (each carrying its tail)."""
        if not text or isinstance(text, AtomicString):
            return text, []
        nodes, lead, last = [], None, 0
        for start, end, skipped, name in self.glossary.scan(text, self.used):
            if skipped:
                self._follow_raw_html(skipped)
                continue
            if self.raw_open:
                continue
            entry = self.glossary.entry_for(name)
            if entry.term in self.used:
                continue
            self.used.add(entry.term)
            before = text[last:start]
            if nodes:
                nodes[-1].tail = before
            else:
                lead = before
            nodes.append(self._term(entry, name))
            last = end
        if not nodes:
            return text, []
        nodes[-1].tail = text[last:]
        return lead, nodes

    def _follow_raw_html(self, placeholder):
        """Inline raw HTML ("<sup>HAI</sup>" in the source) reaches us as a placeholder per tag
        with plain text between them; keep count of excluded tags left open, in document order."""
        index = HTML_PLACEHOLDER_RE.fullmatch(placeholder)
        if not index or int(index.group(1)) >= len(self.md.htmlStash.rawHtmlBlocks):
            return
        raw = str(self.md.htmlStash.rawHtmlBlocks[int(index.group(1))]).strip()
        opening, closing = OPEN_TAG.fullmatch(raw), CLOSE_TAG.fullmatch(raw)
        if opening and _excluded(opening.group(1), opening.group(2)):
            self.raw_open.append(opening.group(1).lower())
        elif closing and self.raw_open and closing.group(1).lower() == self.raw_open[-1]:
            self.raw_open.pop()

    def _term(self, entry, shown):
        tip_id = f"glossary-tip-{entry.slug}"
        wrapper = etree.Element("span", {"class": "glossary"})
        link = etree.SubElement(wrapper, "a", {
            "class": "glossary-term",
            "href": f"{self.href}#{entry.anchor}",
            "aria-describedby": tip_id,
        })
        link.text = AtomicString(shown)
        # The same word may also link to the article about it on this page; screen readers list
        # links by name, so this one is named "… (glossary)" to tell the two apart.
        hint = etree.SubElement(link, "span", {"class": "visually-hidden"})
        hint.text = AtomicString(" (glossary)")
        tip = etree.SubElement(wrapper, "span", {
            "class": "glossary-tip", "id": tip_id, "role": "tooltip", "hidden": "hidden",
        })
        tip.text = AtomicString(entry.definition)
        return wrapper


def _skipped(element) -> bool:
    return not isinstance(element.tag, str) or _excluded(element.tag, element.get("class", ""))


def _excluded(tag: str, classes: str) -> bool:
    return tag.lower() in SKIP_TAGS or any(name in classes for name in SKIP_CLASSES)


def _is_ours(element) -> bool:
    return "glossary" in element.get("class", "").split()
