"""The catalogue of editors' mistakes: each one must stop the build with exit status 1 and
exactly one line `file:line: message` naming where it is, and leave the previous output folder
exactly as it was.

Each case builds a tiny content folder (one good article plus the mistake), through the build
wrapper's own entry point (`python -m liverguide.build`), in-process to stay fast. To add a case,
append a `Bad(...)` to CASES: the files it writes, the file and line the error must name, and
a few words the message must contain.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import BIB, BODY, ENDING, GOOD, PNG, ROOT, S, article, page, run, snapshot, write


@dataclass
class Bad:
    id: str
    files: dict[str, str | bytes]
    where: str  # "articles/02-surgery.md:4": the file (under content/) and line the error names
    says: str  # words the message must contain
    keep_good: bool = True
    more: dict[str, str | bytes] = field(default_factory=dict)


G = "glossary.yaml"
B = "references.bib"
GLOSSARY_PAGE = {"pages/glossary.md": page().replace("Title: About this guide", "Title: Glossary")
                                             .replace("Slug: about", "Slug: glossary")}
CASES = [
    # Front matter: fields, types, values
    Bad("missing-title", {S: article(drop=("Title",))}, f"{S}:10", "missing required field 'title'"),
    Bad("missing-next-review", {S: article(drop=("Next_review",))}, f"{S}:10", "'next_review'"),
    Bad("impossible-date", {S: article(Next_review="2027-13-01")}, f"{S}:9",
        "'next_review' is not a date (got '2027-13-01'; write it as YYYY-MM-DD"),
    Bad("date-not-iso", {S: article(Last_reviewed="1 March 2026")}, f"{S}:8", "'last_reviewed' is not a date"),
    Bad("order-not-a-number", {S: article(Order="three")}, f"{S}:5", "'order' is not a whole number"),
    Bad("summary-too-long", {S: article(Summary="word " * 40)}, f"{S}:3", "keep it to 160"),
    Bad("unknown-field-typo", {S: article(extra="Reviwed: 2026-01-01\n")}, f"{S}:11",
        "unknown field 'reviwed' (did you mean 'last_reviewed'?)"),
    Bad("unknown-category", {S: article(Category="Treatment")}, f"{S}:4", "did you mean 'Treatments'?"),
    Bad("empty-field", {S: article(Summary="")}, f"{S}:3", "'summary' is empty"),
    Bad("field-given-twice", {S: article(extra="Title: Again\n")}, f"{S}:11", "'title' is given twice (first on line 1)"),
    Bad("bad-slug", {S: article(Slug="Liver Surgery")}, f"{S}:2", "'slug' must be lowercase"),
    Bad("empty-keyword", {S: article(Keywords="surgery,, resection")}, f"{S}:10", "empty keyword"),
    Bad("next-review-before-last-review", {S: article(Next_review="2025-06-01")}, f"{S}:9",
        "must be after 'last_reviewed'"),
    Bad("modified-before-date", {S: article(Modified="2025-12-01")}, f"{S}:7", "before 'date'"),
    # Review dates patients are shown: not in the future, next review within five years
    Bad("reviewed-in-the-future", {S: article(Last_reviewed="2099-01-01", Next_review="2100-01-01")}, f"{S}:8",
        "'last_reviewed' (2099-01-01) is after the day of the build"),
    Bad("next-review-too-far", {S: article(Next_review="2031-01-02")}, f"{S}:9",
        "'next_review' (2031-01-02) is more than 5 years after 'last_reviewed' (2026-01-01)"),
    Bad("line-without-colon", {S: article(extra="Next review 2027\n")}, f"{S}:11", "expected 'Name: value'"),
    Bad("no-front-matter", {S: "Surgery removes tumors.\n\nMore text.\n"}, f"{S}:1", "must start with its fields"),
    Bad("empty-file", {S: ""}, f"{S}:1", "the file is empty"),
    Bad("wrong-encoding", {S: article(body="## Care\n\nA caf\xe9 nearby.\n").encode("latin-1")}, f"{S}:14",
        "not saved as UTF-8"),
    Bad("nul-byte", {S: article(body=BODY + "\nPasted from a PDF:\x00 text.\n")}, f"{S}:16",
        "invisible control character (NUL) at column 19"),
    Bad("only-front-matter", {S: article(body="", ending="")}, f"{S}:11", "has no text after its fields"),
    Bad("only-blank-lines-after-fields", {S: article(body="\n\n   \n", ending="")}, f"{S}:12", "has no text after its fields"),
    Bad("page-missing-summary", {"pages/about.md": page(Summary=None)}, "pages/about.md:7", "missing required field 'summary'"),
    Bad("page-unknown-field", {"pages/about.md": page(Categroy="Support")}, "pages/about.md:8",
        "unknown field 'categroy'"),
    # Two files that clash
    Bad("duplicate-slug", {S: article(Slug="overview")}, f"{S}:2", "slug 'overview' is already used by"),
    Bad("duplicate-order", {S: article(Order="1")}, f"{S}:5", "order 1 is already used by"),
    # Links and images
    Bad("broken-filename-link", {S: article(body=BODY + "\nSee [the overview]({filename}/articles/01-overviw.md).\n")},
        f"{S}:16", "'{filename}/articles/01-overviw.md', which does not exist"),
    Bad("link-by-address", {S: article(body=BODY + "\nSee [the overview](overview.html).\n")}, f"{S}:16",
        "links to 'overview.html' by its address, which differs between builds: link the page's file instead, "
        "({filename}/articles/01-overview.md)"),
    Bad("link-by-relative-address", {S: article(body=BODY + "\nSee [the overview](../understanding/overview.html#what-is-surgery).\n")},
        f"{S}:16", "({filename}/articles/01-overview.md#what-is-surgery)"),
    Bad("link-to-markdown-file-without-filename", {S: article(body=BODY + "\nSee [the overview](01-overview.md).\n")},
        f"{S}:16", "link the page's file instead, ({filename}/articles/01-overview.md)"),
    Bad("link-to-no-page", {S: article(body=BODY + "\nSee [the pump](hai-pump.html).\n")}, f"{S}:16",
        "links to 'hai-pump.html', which is not a page of the guide"),
    Bad("link-to-missing-fragment", {S: article(body=BODY + "\nSee [risks]({filename}/articles/01-overview.md#risks).\n")},
        f"{S}:16", "links to '{filename}/articles/01-overview.md#risks', but 01-overview.md has no '#risks'"),
    Bad("link-to-missing-fragment-on-the-same-page", {S: article(body=BODY + "\nSee [above](#what-is-surgry).\n")},
        f"{S}:16", "but 02-surgery.md has no '#what-is-surgry' (did you mean '#what-is-surgery'?)"),
    Bad("missing-image", {S: article(body=BODY + "\n![A liver diagram]({static}/images/liver.png)\n")},
        f"{S}:16", "'{static}/images/liver.png', which does not exist"),
    Bad("image-without-static", {S: article(body=BODY + "\n![A liver diagram](../images/liver.png)\n")},
        f"{S}:16", "must be linked as {static}/images/", more={"images/liver.png": PNG}),
    Bad("image-without-alt-text", {S: article(body=BODY + "\n![]({static}/images/liver.png)\n")},
        f"{S}:16", "has no alt text", more={"images/liver.png": PNG}),
    Bad("image-from-another-site", {S: article(body=BODY + "\n![Scan](https://example.org/scan.png)\n")},
        f"{S}:16", "loads from another site"),
    # Raw HTML that would run code, style the page or load another site
    Bad("raw-script", {S: article(body=BODY + "\n<script>alert('hi')</script>\n")}, f"{S}:16", "<script>"),
    Bad("script-src", {S: article(body=BODY + '\n<script src="x.js"></script>\n')}, f"{S}:16", "<script>"),
    Bad("onclick-attribute", {S: article(body=BODY + '\n<p onclick="steal()">Press</p>\n')}, f"{S}:16", "onclick="),
    Bad("onerror-on-image", {S: article(body=BODY + '\nText\n\n<img src="{static}/images/liver.png" alt="x" onerror="go()">\n')},
        f"{S}:18", "onerror=", more={"images/liver.png": PNG}),
    Bad("javascript-link", {S: article(body=BODY + "\n[Press here](javascript:alert(1))\n")}, f"{S}:16", "javascript:"),
    Bad("style-attribute", {S: article(body=BODY + '\n<p style="color:red">Warning</p>\n')}, f"{S}:16", "style="),
    Bad("iframe", {S: article(body=BODY + '\n<iframe src="https://example.org/video"></iframe>\n')}, f"{S}:16", "<iframe>"),
    # Spelled the ways HTML allows: any case, spaces before a scheme (browsers drop them; a space
    # before the colon is not a scheme at all), an image made of data
    Bad("upper-case-script", {S: article(body=BODY + "\n<SCRIPT>alert('hi')</SCRIPT>\n")}, f"{S}:16", "<script>"),
    Bad("mixed-case-event", {S: article(body=BODY + '\n<p OnMouseOver="steal()">Press</p>\n')}, f"{S}:16", "onmouseover="),
    Bad("spaced-script-link", {S: article(body=BODY + '\n<a href="  JavaScript:go()">Press</a>\n')}, f"{S}:16", "JavaScript:"),
    # A space before the colon, or a look-alike letter, makes a relative link, not a scheme
    Bad("scheme-with-a-space", {S: article(body=BODY + '\n<a href="JavaScript :alert(1)">Press</a>\n')},
        f"{S}:16", "links to 'JavaScript :alert(1)', which is not a page of the guide"),
    Bad("look-alike-scheme", {S: article(body=BODY + "\n[Press](ｊavascript:alert(1))\n")},
        f"{S}:16", "which is not a page of the guide"),
    Bad("data-image", {S: article(body=BODY + '\n<img src="data:image/png;base64,AAAA" alt="x">\n')}, f"{S}:16", "data:"),
    Bad("form", {S: article(body=BODY + '\n<form action="/send"><input name="q"></form>\n')}, f"{S}:16", "<form>"),
    # What only a browser reads as a script: a scheme split by a tab, a line break or a control
    # character, or spelled with character references; each is found at its own line
    Bad("tab-in-scheme", {S: article(body=BODY + '\n<a href="java&Tab;script:go()">Press</a>\n')}, f"{S}:16",
        "link to 'java\\tscript:go()' is not allowed"),
    Bad("entity-tab-in-scheme", {S: article(body=BODY + '\nText\n\n[Press](java&#x09;script:go())\n')}, f"{S}:18",
        "is not allowed (links go to pages and files of the guide, or to https:, http:, mailto: or tel: addresses)"),
    Bad("line-break-in-scheme", {S: article(body=BODY + '\n<a href="java\nscript:go()">Press</a>\n')}, f"{S}:16",
        "link to 'java\\nscript:go()' is not allowed"),
    Bad("entity-encoded-scheme", {S: article(body=BODY + '\nText\n\n<a href="&#106;avascript&colon;go()">Press</a>\n')},
        f"{S}:18", "link to 'javascript:go()' is not allowed"),
    Bad("control-before-scheme", {S: article(body=BODY + '\n<a href="&#1;javascript:go()">Press</a>\n')}, f"{S}:16",
        "is not allowed"),
    Bad("reference-link-to-script", {S: article(body=BODY + '\nSee [this][x].\n\n[x]: javascript:go()\n')}, f"{S}:18",
        "link to 'javascript:go()' is not allowed"),
    Bad("data-link", {S: article(body=BODY + '\n[Open](data:text/html;base64,PHNjcmlwdD4=)\n')}, f"{S}:16",
        "link to 'data:text/html;base64,PHNjcmlwdD4=' is not allowed"),
    Bad("noscript", {S: article(body=BODY + '\n<noscript><p title="</noscript><img src=x onerror=go()>"></noscript>\n')},
        f"{S}:16", "<noscript> is not allowed"),
    Bad("svg-link", {S: article(body=BODY + '\n<svg><a xlink:href="javascript:go()"><text>Press</text></a></svg>\n')},
        f"{S}:16", "<svg> is not allowed"),
    Bad("svg-animate", {S: article(body=BODY + '\nText\n\n<svg><a><animate attributeName="href" values="javascript:go()"/>'
                                               '<text>Press</text></a></svg>\n')}, f"{S}:18", "<svg> is not allowed"),
    Bad("math", {S: article(body=BODY + '\n<math><mi xlink:href="javascript:go()">x</mi></math>\n')}, f"{S}:16",
        "<math> is not allowed"),
    Bad("template", {S: article(body=BODY + '\n<template><img src=x onerror=go()></template>\n')}, f"{S}:16",
        "<template> is not allowed"),
    Bad("backslash-is-not-an-escape", {S: article(body=BODY + "\nText\n\nShown as code? \\<script>go()\\</script>\n")},
        f"{S}:18", "<script> is not allowed"),
    Bad("html-comment", {S: article(body=BODY + '\nText\n\n<!--><img src=x onerror=go()>-->\n')}, f"{S}:18",
        "an HTML comment <!-- … --> is not allowed"),
    Bad("attribute-from-markdown", {S: article(body=BODY + '\nA paragraph.\n{: onclick="go()" }\n')}, f"{S}:17",
        "onclick= on <p> is not allowed"),
    Bad("body-onload", {S: article(body=BODY + '\n<body onload="go()">\n')}, f"{S}:16", "<body> is not allowed"),
    # Loading from elsewhere, or sending the reader elsewhere, without a click
    Bad("base", {S: article(body=BODY + '\n<base href="https://example.org/">\n')}, f"{S}:16", "<base> is not allowed"),
    Bad("meta-refresh", {S: article(body=BODY + '\n<meta http-equiv="refresh" content="0;url=https://example.org/">\n')},
        f"{S}:16", "<meta> is not allowed"),
    Bad("stylesheet-link", {S: article(body=BODY + '\n<link rel="stylesheet" href="https://example.org/x.css">\n')},
        f"{S}:16", "<link> is not allowed"),
    Bad("svg-image", {S: article(body=BODY + '\n<svg><image href="https://example.org/x.png"/></svg>\n')}, f"{S}:16",
        "<svg> is not allowed"),
    Bad("background-attribute", {S: article(body=BODY + '\n<table background="https://example.org/x.png"><tr><td>x</td></tr></table>\n')},
        f"{S}:16", "background= on <table> is not allowed"),
    Bad("srcset", {S: article(body=BODY + '\n<img src="{static}/images/liver.png" alt="A liver" srcset="{static}/images/liver.png 1x, '
                                          'https://example.org/x.png 2x">\n')},
        f"{S}:16", "srcset= on <img> is not allowed", more={"images/liver.png": PNG}),
    Bad("new-tab-link", {S: article(body=BODY + '\n<a href="https://example.org/" target="_blank">Press</a>\n')}, f"{S}:16",
        "target= on <a> is not allowed"),
    # Markup left open spills into the rest of the page; an end tag closes the page's own box
    Bad("unclosed-tag", {S: article(body=BODY + '\nSome <b>bold words.\n')}, f"{S}:16", "<b> is not closed"),
    Bad("stray-end-tag", {S: article(body=BODY + '\n</div></main>Outside the article.\n')}, f"{S}:16",
        "</div> closes an element it did not open"),
    # The Summary, a caption, a care card: every piece of HTML is held to the same policy
    Bad("summary-with-script", {S: article(Summary="How surgeons <script>go()</script> remove tumors.")}, f"{S}:3",
        "<script> is not allowed"),
    Bad("summary-with-script-link", {S: article(Summary="See [this](javascript:go()).")}, f"{S}:3",
        "link to 'javascript:go()' is not allowed"),
    Bad("caption-with-event", {S: article(body=BODY + "\n::: diagram liver.svg\nAlt: A liver with two tumors.\n"
                                                      'Caption: A liver <span onmouseover="go()">here</span>.\n:::\n'),
                               "diagrams/liver.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'},
        f"{S}:18", "onmouseover= on <span> is not allowed"),
    # Links within the guide stay inside content/
    Bad("static-outside-content", {S: article(body=BODY + "\n[Notes]({static}/../notes.txt)\n")}, f"{S}:16",
        "links to '{static}/../notes.txt', which is outside the content folder"),
    Bad("relative-static-outside-content", {S: article(body=BODY + "\nText\n\n![Scan]({static}../../../etc/scan.png)\n")},
        f"{S}:18", "links to '{static}../../../etc/scan.png', which is outside the content folder"),
    Bad("attach-outside-content", {S: article(body=BODY + '\n<a href="{attach}/images/%2e%2e/%2e%2e/notes.txt">Notes</a>\n')},
        f"{S}:16", "which is outside the content folder"),
    # Only Markdown pages, images and self-contained drawings in the content folders
    Bad("restructuredtext-page", {"pages/include.rst": "Secrets\n=======\n\n.. include:: /etc/passwd\n"},
        "pages/include.rst:1", "is a .rst file: only Markdown files"),
    Bad("html-page", {"pages/evil.html": "<html><body><script>go()</script></body></html>"}, "pages/evil.html:1",
        "is a .html file: only Markdown files"),
    Bad("text-file-with-articles", {"articles/notes.txt": "Notes to self."}, "articles/notes.txt:1", "is a .txt file"),
    Bad("page-among-the-images", {"images/evil.html": "<script>go()</script>"}, "images/evil.html:1",
        "images/ is published as it is and may hold images only"),
    Bad("diagram-with-script", {"diagrams/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
                                                     '  <script>go()</script>\n</svg>\n'},
        "diagrams/evil.svg:2", "<script> is not allowed in a diagram"),
    Bad("diagram-with-event", {"diagrams/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"\n'
                                                    '     onload="go()"/>\n'},
        "diagrams/evil.svg:2", "onload= on <svg> is not allowed in a diagram"),
    Bad("diagram-with-web-page", {"diagrams/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
                                                       '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
                                                       '</foreignObject></svg>\n'},
        "diagrams/evil.svg:2", "<foreignObject> is not allowed in a diagram"),
    Bad("diagram-loading-a-file", {"diagrams/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n'
                                                        '<rect width="5" height="5"/>\n'
                                                        '<use href="https://example.org/x.svg#a"/></svg>\n'},
        "diagrams/evil.svg:3", "refers outside the drawing"),
    Bad("diagram-with-entities", {"diagrams/evil.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM '
                                                       '"file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">'
                                                       '<text>&x;</text></svg>\n'},
        "diagrams/evil.svg:2", "<!DOCTYPE> is not allowed in a diagram"),
    # A page saved where the site writes a file of its own
    Bad("slug-of-the-search-page", {"pages/find.md": page().replace("Slug: about", "Slug: search")}, "pages/find.md:2",
        "slug 'search' would save this page as search.html, which is the search page"),
    # Citations (content/references.bib)
    Bad("unknown-citation-key", {S: article(body=BODY + "\nSurgery may help [@kemeny1998].\n"), B: BIB},
        f"{S}:16", "unknown citation key 'kemeny1998' (did you mean 'kemeny1999'?)"),
    Bad("malformed-citation", {S: article(body=BODY + "\nSurgery may help [see @kemeny1999].\n"), B: BIB},
        f"{S}:16", "malformed citation"),
    Bad("duplicate-bib-key", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"), B: BIB + BIB},
        f"{B}:8", "duplicate citation key 'kemeny1999'"),
    Bad("malformed-bibtex", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                             B: BIB + "@article{broken,\n  title = {no closing brace\n"},
        f"{B}:9", "malformed BibTeX"),
    Bad("bib-entry-without-year", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                                   B: BIB.replace("  year = {1999},\n", "")},
        f"{B}:1", "entry 'kemeny1999' has no year"),
    Bad("malformed-pmid", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                           B: BIB.replace("{10615075}", "{1061507x}")},
        f"{B}:6", "malformed PMID"),
    Bad("citation-before-a-colon-with-unknown-key", {S: article(body=BODY + "\nThese include [@kemeny1998]:\n\n- one\n"),
                                                      B: BIB},
        f"{S}:16", "unknown citation key 'kemeny1998'"),
    Bad("empty-citation", {S: article(body=BODY + "\nSurgery may help [@].\n"), B: BIB}, f"{S}:16", "empty citation '[@]'"),
    Bad("citation-in-a-heading", {S: article(body=BODY + "\n## Results [@kemeny1999]\n\nText.\n"), B: BIB},
        f"{S}:16", "'[@kemeny1999]' is in a heading"),
    Bad("citation-in-link-text", {S: article(body=BODY + "\nRead [the trial [@kemeny1999]](https://example.org).\n"),
                                  B: BIB},
        f"{S}:16", "'[@kemeny1999]' is inside a link's text"),
    Bad("citation-as-link-text", {S: article(body=BODY + "\nRead [@kemeny1999](https://example.org).\n"), B: BIB},
        f"{S}:16", "'[@kemeny1999]' is written as a link's text"),
    Bad("citation-in-the-title", {S: article(Title="Surgery [@kemeny1999]"), B: BIB},
        f"{S}:1", "citations belong in the text, not in the Title"),
    Bad("citation-in-the-summary", {S: article(Summary="How surgeons remove tumors [@kemeny1999]."), B: BIB},
        f"{S}:3", "not in the metadata (Summary)"),
    Bad("citation-in-raw-html", {S: article(body=BODY + "\n<p>Surgery may help [@kemeny1999].</p>\n"), B: BIB},
        f"{S}:16", "'[@kemeny1999]' would show as text"),
    Bad("citation-key-without-at", {S: article(body=BODY + "\nSurgery may help [kemeny1999].\n"), B: BIB},
        f"{S}:16", "'[kemeny1999]' names a source without its '@': write [@kemeny1999]"),
    Bad("citation-without-brackets", {S: article(body=BODY + "\nAs @kemeny1999 found, surgery may help.\n"), B: BIB},
        f"{S}:16", "'@kemeny1999' would show as text, not as a citation: write [@kemeny1999]"),
    # The shape of a page (liverguide/checks/structure.py)
    Bad("second-page-title", {S: article(body=BODY + "\n# More about surgery\n\nText.\n")}, f"{S}:16",
        "'# More about surgery' is a second page title"),
    Bad("underlined-page-title", {S: article(body=BODY + "\nMore about surgery\n==================\n\nText.\n")},
        f"{S}:16", "'# More about surgery' is a second page title"),
    Bad("skipped-heading-level", {S: article(body=BODY + "\n#### Before the operation\n\nText.\n")}, f"{S}:16",
        "'#### Before the operation' skips a heading level: it comes after the ## heading on line 12, so make it ###"),
    Bad("first-heading-skips-a-level", {S: article(body="### What is surgery?\n\nA surgeon removes it.\n")},
        f"{S}:12", "comes after the page title, so make it ##"),
    Bad("placeholder-left-in", {S: article(body=BODY + "\nTODO: say who can have it.\n")}, f"{S}:16",
        "placeholder text from make new-article is still here ('TODO: say who can have it.')"),
    Bad("placeholder-summary", {S: article(Summary="TODO: one or two plain sentences.")}, f"{S}:3",
        "placeholder text from make new-article"),
    Bad("article-too-short", {S: article(ending="\n## Risks\n\nSome.\n\n## Talk with your care team\n\nAsk [@kemeny1999].\n")},
        f"{S}:12", "the article has 22 words; an article needs at least 400"),
    Bad("article-too-few-sections", {S: article(body="Intro.\n\n" + "Words here. " * 200 + "\n",
                                                ending="\n## Talk with your care team\n\nAsk [@kemeny1999].\n")},
        f"{S}:16", "the article has 1 ## section; it needs at least 3"),
    Bad("article-cites-nothing", {S: article(ending=ENDING.replace(" [@kemeny1999]", ""))}, f"{S}:12",
        "the article cites no source"),
    Bad("article-does-not-end-with-the-care-team", {S: article(ending=ENDING + "\n## Costs\n\nSome.\n")}, f"{S}:30",
        "the last ## section is 'Costs': an article ends with a section pointing to the care team"),
    Bad("bib-unknown-field", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                              B: BIB.replace("  year = {1999},\n", "  year = {1999},\n  volumee = {341},\n")},
        f"{B}:6", "unknown field 'volumee' (did you mean 'volume'?)"),
    Bad("bib-field-with-markup", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                                  B: BIB.replace("title = {Hepatic", "title = {<i>Hepatic</i>")},
        f"{B}:3", "<i> is not allowed in entry 'kemeny1999' field 'title'"),
    Bad("bib-wrong-encoding", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                               B: BIB.replace("Kemeny", "K\xe9meny").encode("latin-1")},
        f"{B}:2", "not saved as UTF-8"),
    # One mistake, one line: a deleted entry cited by three pages (one linking to another)
    Bad("deleted-bib-entry", {S: article(body=BODY + "\nSurgery may help [@kemeny1999].\n"),
                              "articles/03-pump.md": article(Slug="pump", Order="3", body=BODY +
                                                             "\nSee [surgery]({filename}/articles/02-surgery.md) [@kemeny1999].\n"),
                              B: BIB.replace("kemeny1999", "kemeny2005")},
        # Every article of the folder cites it (the good one in its ending): the first in file
        # order is named, with how many more.
        "articles/01-overview.md:20", "unknown citation key 'kemeny1999' (did you mean 'kemeny2005'?) (and in 2 other places)"),
    # The glossary (content/glossary.yaml)
    Bad("glossary-term-without-definition", {G: "- term: resection\n  aliases: [hepatic resection]\n"},
        f"{G}:1", "glossary term 'resection' has no definition", more=GLOSSARY_PAGE),
    Bad("glossary-duplicate-alias", {G: "- term: resection\n  definition: Surgery to cut out a tumor.\n"
                                        "- term: liver surgery\n  aliases: [Resection]\n  definition: An operation.\n"},
        f"{G}:4", "duplicate glossary term or alias 'Resection' (already used by 'resection' on line 1)",
        more=GLOSSARY_PAGE),
    Bad("glossary-unknown-related-term", {G: "- term: resection\n  definition: Surgery.\n  related: [ablaton]\n"
                                             "- term: ablation\n  definition: Killing a tumor in place.\n"},
        f"{G}:3", "related term 'ablaton' is not in the glossary (did you mean 'ablation'?)", more=GLOSSARY_PAGE),
    Bad("glossary-yaml-syntax", {G: "- term: resection\n  definition: [Surgery\n"}, f"{G}:3", "not valid YAML",
        more=GLOSSARY_PAGE),
    Bad("glossary-page-without-glossary", GLOSSARY_PAGE, "pages/glossary.md:1", "no glossary file"),
    Bad("glossary-definition-with-markup", {G: "- term: resection\n  definition: >-\n    Surgery to <b>cut out</b> a tumor.\n"},
        f"{G}:3", "<b> is not allowed in a glossary 'definition'", more=GLOSSARY_PAGE),
    Bad("glossary-wrong-encoding", {G: "- term: resection\n  definition: Surgery caf\xe9.\n".encode("latin-1")},
        f"{G}:2", "not saved as UTF-8", more=GLOSSARY_PAGE),
]


@pytest.fixture
def previous_output(tmp_path) -> Path:
    """An output folder from an earlier build, which a failed build must not touch."""
    output = tmp_path / "output"
    (output / "treatments").mkdir(parents=True)
    (output / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (output / "treatments" / "surgery.html").write_text("<p>yesterday's surgery page</p>", encoding="utf-8")
    return output


def test_catalogue_is_large_enough():
    assert len(CASES) >= 20
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input_stops_the_build_with_one_line(case, tmp_path, previous_output, capsys):
    content = tmp_path / "content"
    write(content, {**(GOOD if case.keep_good else {}), **case.more, **case.files})
    before = snapshot(previous_output)

    status, lines = run(content, previous_output, capsys)

    assert status != 0, f"{case.id}: the build succeeded"
    assert len(lines) == 1, f"{case.id}: expected one line, got:\n" + "\n".join(lines)
    file, line = case.where.rsplit(":", 1)
    assert lines[0].startswith(f"{content / file}:{line}: "), f"{case.id}: {lines[0]}"
    assert case.says in lines[0], f"{case.id}: {lines[0]}"
    assert snapshot(previous_output) == before, f"{case.id}: the previous output was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"], "a build folder was left behind"


def test_the_good_content_builds_and_replaces_the_previous_output(tmp_path, previous_output, capsys):
    """The other side of every case: without the mistake the same folder builds, and the old
    output (including files the new build does not write) is gone."""
    content = tmp_path / "content"
    write(content, {**GOOD, S: article()})
    status, lines = run(content, previous_output, capsys)
    assert status == 0 and lines == []
    assert (previous_output / "treatments" / "surgery.html").read_text(encoding="utf-8") != "<p>yesterday's surgery page</p>"
    assert "the site as it was" not in (previous_output / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_links_to_sections_and_references_that_exist_build(tmp_path, previous_output, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(body=BODY + "\nSee [the overview]({filename}/articles/01-overview.md#what-is-surgery), "
                                                   "[above](#what-is-surgery), [the source](#ref-1) and "
                                                   "[every source]({filename}/pages/references.md).\n")})
    status, lines = run(content, previous_output, capsys)
    assert (status, lines) == (0, [])


def test_code_samples_showing_html_are_not_mistaken_for_html(tmp_path, previous_output, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(body=BODY + "\nWrite `<script>` or `onclick=` in code, it is text.\n")})
    status, lines = run(content, previous_output, capsys)
    assert status == 0, lines


def test_command_line_exit_status_and_output(tmp_path, previous_output):
    """The same through a real `python -m liverguide.build` process, as make runs it: exit 1, the one
    line on stdout, no traceback."""
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(Next_review="2027-13-01")})
    proc = subprocess.run([sys.executable, "-m", "liverguide.build", "--settings", "pelicanconf.py",
                           "--output", str(previous_output), "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [f"{content / S}:9: 'next_review' is not a date (got '2027-13-01'; "
                                        "write it as YYYY-MM-DD, such as 2027-01-31)"]
    assert "Traceback" not in proc.stderr and "left as it was" in proc.stderr
