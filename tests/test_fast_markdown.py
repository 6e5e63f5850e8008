"""plugins/fast_markdown skips text no inline pattern can change and text holding no escape;
the HTML must be exactly Python-Markdown's own."""
from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from fast_markdown import FastMarkdownExtension  # noqa: E402
from fast_markdown.inline import PrefilteredInlineProcessor, trigger_for  # noqa: E402
from fast_markdown.unescape import FastUnescapeTreeprocessor  # noqa: E402

EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.toc", "markdown.extensions.smarty"]

SAMPLES = [
    "Plain text with no quotes, dashes or dots at all",
    "The surgeon's plan -- and the oncologist's --- were \"agreed\" at the 'meeting'...",
    "*'Quoted emphasis'* and **\"strong\"** then `code 'kept' -- as is`",
    "A [link 'title'](https://example.org/a--b) and <<angled>> quotes, '90s and 1960's",
    "| a | b |\n|---|---|\n| it's | \"x\" -- y |\n\n- item 'one'\n- item \"two\"...\n",
    "Nested *emphasis with 'quotes' inside* and __bold -- dash__ after; ellipsis . . . and ....",
    "Escaped \\'quote\\' and \\\"double\\\" and a trailing apostrophe's",
    "Line ending in two spaces  \nthen a break, <https://example.org> and <a@b.org>",
    "Footnote[^1] and ![image](x.png) and [ref][r] and [short]\n\n[r]: https://example.org\n[^1]: Note *here*.",
    "Underscored _em_ and __strong__ and ***both*** and snake_case_word and 2 * 3 * 4",
    "Text before<br>inline html 'here' and &amp; entity \"there\"",
    "Escapes \\*not em\\* and \\[not a link\\] and \\`tick\\` in *em \\* text* and a tail\\!",
    "[A link](https://example.org/\\_x \"Title \\*starred\\*\") and ![alt \\_](i.png) and `code \\* kept`",
    "| a \\| b | c |\n|---|---|\n| \\*x\\* | y\\_z |\n\nTerm\n: def \\#1 {: #id-\\_x }\n",
]


def convert(text: str, fast: bool, **smarty) -> str:
    configs = {"markdown.extensions.smarty": smarty}
    extensions = [*EXTENSIONS, *([FastMarkdownExtension()] if fast else [])]
    md = markdown.Markdown(extensions=extensions, extension_configs=configs, output_format="html5")
    if fast:
        assert isinstance(md.treeprocessors["smarty"], PrefilteredInlineProcessor)
        assert isinstance(md.treeprocessors["inline"], PrefilteredInlineProcessor)
        assert isinstance(md.treeprocessors["unescape"], FastUnescapeTreeprocessor)
    return md.convert(text)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("config", [{}, {"smart_angled_quotes": True}])
def test_same_output_as_python_markdown(text, config):
    assert convert(text, fast=True, **config) == convert(text, fast=False, **config)


def test_it_still_changes_what_smarty_changes():
    html = convert("It's \"done\" -- now...", fast=True)
    assert "&rsquo;" in html and "&ldquo;" in html and "&ndash;" in html and "&hellip;" in html


def test_an_unknown_pattern_turns_the_filter_off():
    assert trigger_for(["backtick", "link"]).search("a `b`")
    assert not trigger_for(["backtick", "link"]).search("plain words")
    assert trigger_for(["backtick", "someone-elses-pattern"]) is None


def test_the_guide_itself_is_the_same(tmp_path):
    """Every Markdown file in content/ converts to the same HTML with and without the filter."""
    files = sorted((ROOT / "content").rglob("*.md"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert convert(text, fast=True) == convert(text, fast=False), path


def test_generated_articles_are_the_same(tmp_path):
    """The benchmark's generated articles (headings, lists, a table, links, citations, glossary
    terms) convert to the same HTML with and without the faster passes."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate_corpus import SUBFOLDER, generate

    generate(30, 7, tmp_path / "corpus")
    files = sorted((tmp_path / "corpus" / "articles" / SUBFOLDER).glob("*.md"))
    assert len(files) == 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert convert(text, fast=True) == convert(text, fast=False), path
