"""A Python-Markdown tree processor that marks up every table for the stacked narrow-screen layout.

Explicit ARIA table roles are added because browsers drop a table's semantics once CSS changes its
`display`, which the stacked layout does; the copied headings are `aria-hidden` because screen
readers already announce each cell's column heading."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ROLES = {"thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"}


def plain_text(element: etree.Element) -> str:
    """The words of a heading cell, without citation markers or other superscripts."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "sup":
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


class ResponsiveTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            table.set("class", " ".join(filter(None, [table.get("class"), "responsive-table"])))
            table.set("role", "table")
            for element in table.iter():
                if element.tag in ROLES:
                    element.set("role", ROLES[element.tag])
            headings = [plain_text(th) for th in table.iterfind("thead/tr/th")]
            for th in table.iterfind("thead/tr/th"):
                th.set("scope", "col")
            for row in table.iterfind("tbody/tr"):
                for heading, cell in zip(headings, row.findall("td")):
                    if not heading:
                        continue
                    label = etree.Element("span", {"class": "cell-heading", "aria-hidden": "true"})
                    label.text = heading
                    label.tail = cell.text
                    cell.text = None
                    cell.insert(0, label)


class ResponsiveTablesExtension(Extension):
    def extendMarkdown(self, md):
        # After the inline patterns (20) and smarty (6), so headings hold their final text.
        md.treeprocessors.register(ResponsiveTables(md), "responsive_tables", 4)
