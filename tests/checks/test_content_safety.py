"""The one allowlist (liverguide/checks/content_safety.py): what it lets through unchanged, what it
stops and with which words, and where in the source it finds the fault. The bad-input catalogue
(tests/build/test_bad_inputs.py) shows each class as an editor meets it in a build; the hostile
snippets that pass are opened in Chromium by tests/browser/test_hostile_snippets.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

from liverguide.checks.content_safety import (CLEANER, TAGS, URL_SCHEMES, Fault, fault_in, locate,
                                              markup_in, unbalanced_tag)
from liverguide.errors import ContentError
from liverguide.reader import GuideReader
from tests.helpers import ROOT

CONTENT_FILES = sorted((ROOT / "content").rglob("*.md"))

# What Markdown, its extensions and the site's own syntax make, and what an editor may write by
# hand: all of it passes, unchanged.
ALLOWED = [
    '<p>Plain &amp; “curly” text, <em>emphasis</em>, <strong>strong</strong>, <code>&lt;script&gt;</code>.</p>',
    '<h2 id="care">Care</h2><h3 class="care-card-heading"><span class="visually-hidden">Urgent advice: </span>Call</h3>',
    '<ul><li>One</li><li>Two<ol start="3" type="a"><li value="3">Three</li></ol></li></ul>',
    '<table class="responsive-table" role="table"><thead role="rowgroup"><tr role="row"><th role="columnheader" '
    'scope="col">A</th></tr></thead><tbody role="rowgroup"><tr role="row"><td role="cell" colspan="2">1</td></tr>'
    '</tbody></table>',
    '<p>See <a href="{filename}/articles/05-surgery.md#risks">surgery</a>, <a href="#ref-1">1</a>, '
    '<a href="https://www.cancer.gov/">NCI</a>, <a href="mailto:team@example.org">mail</a>, '
    '<a href="tel:+442079460000">call</a>, <a href="references.html">sources</a>.</p>',
    '<figure class="diagram"><img alt="A liver" height="200" src="{static}/diagrams/liver.svg" width="360">'
    '<figcaption>A caption<sup class="citation"><a aria-describedby="c1" href="#ref-1" id="cite-1-a">1</a></sup>'
    '</figcaption></figure>',
    '<span class="glossary"><a aria-describedby="glossary-tip-x" class="glossary-term" '
    'href="{filename}/pages/glossary.md#term-x">x<span class="visually-hidden"> (glossary)</span></a>'
    '<span class="glossary-tip" hidden id="glossary-tip-x" role="tooltip">A word.</span></span>',
    '<div class="footnote"><hr><ol><li id="fn:1"><p>Note.&#160;<a class="footnote-backref" href="#fnref:1" '
    'title="Jump back to footnote 1 in the text">&#8617;</a></p></li></ol></div>',
    '<div class="highlight"><pre><span></span><code><span class="p">&lt;script&gt;</span>\n</code></pre></div>',
    '<dl><dt>Term</dt><dd>Its meaning, <abbr title="hepatic arterial infusion">HAI</abbr>.</dd></dl>',
    '<details><summary>More</summary><p>Hidden until opened.</p></details>',
    '<p>Line<br>break, <sub>2</sub>, <sup>3</sup>, <mark>marked</mark>, <time datetime="2026-12-01">today</time>.</p>',
    '<pre>\n\nA first blank line a parser drops.</pre>',
    '<p>' + '<b>' * 300 + 'deep' + '</b>' * 300 + '</p>',
]

# (HTML, words the fault's message must hold)
REFUSED = [
    ('<p>x <script>go()</script> y</p>', "<script> is not allowed"),
    ('<p><a href="java&#9;script:go()">x</a></p>', "link to 'java\\tscript:go()' is not allowed"),
    ('<p><a href="java&Tab;script&colon;go()">x</a></p>', "link to 'java\\tscript:go()' is not allowed"),
    ('<p><a href="\x01javascript:go()">x</a></p>', "link to '\\x01javascript:go()' is not allowed"),
    ('<p><a href="vbscript:go()">x</a></p>', "link to 'vbscript:go()' is not allowed"),
    ('<p><a href="file:///etc/passwd">x</a></p>', "link to 'file:///etc/passwd' is not allowed"),
    ('<img src="data:image/png;base64,AAAA" alt="x">', "image 'data:image/png;base64,AAAA' is not allowed"),
    ('<img src="https://example.org/x.png" alt="x">', "image or media loads from another site"),
    ('<img src="//example.org/x.png" alt="x">', "image or media loads from another site"),
    ('<img src="images/x.png" alt="x">', "must be linked as {static}/images/"),
    ('<noscript><p title="</noscript><img src=x onerror=go()>"></noscript>', "<noscript> is not allowed"),
    ('<svg><a xlink:href="javascript:go()"><text>x</text></a></svg>', "<svg> is not allowed"),
    ('<math><mi>x</mi></math>', "<math> is not allowed"),
    ('<template><img src=x onerror=go()></template>', "<template> is not allowed"),
    ('<p>x<!-- a note --></p>', "an HTML comment"),
    ('<!--><img src=x onerror=go()>-->', "an HTML comment"),
    ('<base href="https://example.org/">', "<base> is not allowed"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "<meta> is not allowed"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', "<link> is not allowed"),
    ('<style>@import url(https://example.org/x.css);</style>', "<style> is not allowed"),
    ('<iframe srcdoc="<script>go()</script>"></iframe>', "<iframe> is not allowed"),
    ('<object data="x.swf"></object>', "<object> is not allowed"),
    ('<form action="/send"><button formaction="/x">Go</button></form>', "<form> is not allowed"),
    ('<video><source src="x.mp4" onerror="go()"></video>', "<video> is not allowed"),
    ('<marquee onstart="go()">x</marquee>', "<marquee> is not allowed"),
    ('<p onclick="go()">x</p>', "onclick= on <p> is not allowed (scripts are not allowed in content)"),
    ('<details open ontoggle="go()"><summary>x</summary></details>', "ontoggle= on <details> is not allowed"),
    ('<p style="background:url(https://example.org/x.png)">x</p>', "style= on <p> is not allowed"),
    ('<table background="https://example.org/x.png"><tr><td>x</td></tr></table>', "background= on <table>"),
    ('<img src="{static}/x.png" alt="x" srcset="{static}/x.png 1x, https://example.org/y.png 2x">', "srcset= on <img>"),
    ('<a href="https://example.org/" target="_blank">x</a>', "target= on <a> is not allowed"),
    ('<a href="https://example.org/" ping="https://example.org/track">x</a>', "ping= on <a> is not allowed"),
    ('<p data-x="1">x</p>', "data-x= on <p> is not allowed"),
    ('<body onload="go()">x', "onload= on <body> is not allowed"),
    ('<p>Some <b>bold words.</p>', "<b> is not closed"),
    ('<p>An unclosed <a href="https://example.org/">link.</p>', "<a> is not closed"),
    ('</div><p>Outside.</p>', "closes an element it did not open"),
    ('<table><tr><td>A table never closed', "leaves one open"),
]


@pytest.mark.parametrize("html", ALLOWED, ids=range(len(ALLOWED)))
def test_what_the_guide_uses_passes_unchanged(html):
    assert fault_in(html) is None


@pytest.mark.parametrize("html, says", REFUSED, ids=[says[:30] for _, says in REFUSED])
def test_what_the_policy_does_not_allow_is_named(html, says):
    fault = fault_in(html)
    assert fault is not None, html
    assert says in fault.message, fault.message


def test_the_policy_is_what_docs_security_md_says():
    docs = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    for tag in TAGS:
        assert f"`{tag}`" in docs, f"<{tag}> is allowed but docs/security.md does not list it"
    for scheme in URL_SCHEMES:
        assert f"`{scheme}:`" in docs
    # nh3 adds nothing of its own (no rel= on links): what is cleaned can be compared as it is.
    assert CLEANER.clean('<a href="https://example.org/">x</a>') == '<a href="https://example.org/">x</a>'


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_a_fault_added_to_a_real_page_is_the_one_reported(content_copy, path):
    """Each page of the guide passes; with one event attribute added at its end, that attribute
    (and not something earlier on the page) is reported, at its line."""
    reader = GuideReader(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content_copy)}))
    copy = content_copy / path.relative_to(ROOT / "content")
    html, _ = reader.read(str(copy))
    assert fault_in(html) is None
    original = copy.read_text(encoding="utf-8")
    text = original.rstrip("\n") + '\n\n<p onclick="go()">Press.</p>\n'
    copy.write_text(text, encoding="utf-8")
    try:
        with pytest.raises(ContentError) as error:
            reader.read(str(copy))
    finally:
        copy.write_text(original, encoding="utf-8")
    assert error.value.line == text.count("\n")
    assert error.value.message.startswith("onclick= on <p> is not allowed"), error.value.message


def test_the_line_is_found_with_entities_decoded_and_urls_joined():
    source = "Title: x\n\nIntro.\n\n<a href=\"java\nscript:go()\">x</a>\n\n<a href=\"&#106;ava&Tab;script:go2()\">y</a>\n"
    assert locate(source, 3, Fault("", "javascript:go\\(\\)", url=True)) == 5
    assert locate(source, 3, Fault("", "javascript:go2\\(\\)", url=True)) == 8
    assert locate(source, 3, Fault("", r"\bonclick\s*=")) == 3, "not found: the part's first line"
    assert locate("Title: onclick=x\n\nBody.\n", 3, Fault("", r"\bonclick\s*=")) == 3, "fields are not the body"


def test_unbalanced_tags_are_found_in_the_source_but_not_in_code():
    assert unbalanced_tag("x\n\nSome <b>bold.\n", 1) == (3, "<b> is not closed: write its </b> in the same block, "
                                                           "or the rest of the page is inside it")
    assert unbalanced_tag("x\n`</div>` is shown\n\n</div>\n", 1)[0] == 4
    assert unbalanced_tag("<p>Fine<br>and <i>closed</i>\n<li>optional end tags\n", 1) is None


def test_markup_in_text_fields():
    assert markup_in("Surgery to <b>cut out</b> a tumor") == ("<b>", 11)
    assert markup_in("A note <!-- hidden -->") == ("<!", 7)
    assert markup_in("Tumors < 3 cm, 5<10, a <-> b") is None
