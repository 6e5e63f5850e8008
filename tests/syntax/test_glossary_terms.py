"""liverguide.syntax.glossary_terms: the first use of each term linked, on Markdown of the
test's making."""
from __future__ import annotations

import re

import lxml.html
import markdown

from liverguide.sources import glossary_file
from liverguide.syntax import BODY, SUMMARY, SourceFile
from liverguide.syntax.glossary_terms import GlossaryExtension
from tests.sources.test_glossary_file import write

# --- Linking, on Markdown -----------------------------------------------------------------------

LINKING = """\
- term: resection
  aliases: [resections, hepatic resection]
  definition: Surgery to cut out a tumor.
- term: KRAS
  definition: The name of a gene.
- term: hepatic arterial infusion
  aliases: [HAI]
  definition: Chemotherapy sent into the liver's artery.
- term: infusion
  definition: Giving a drug slowly as a liquid.
- term: citation
  definition: A pointer to a source.
"""


def render(tmp_path, text: str, path: str = "content/articles/x.md", part: str = BODY) -> str:
    source = SourceFile()
    source.start(path, text)
    source.part = part
    extension = GlossaryExtension(glossary_file.load(write(tmp_path, LINKING)), "pages/glossary.md", source)
    md = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.toc",
                                       "markdown.extensions.smarty", extension], output_format="html5")
    return md.convert(text)


def linked(html: str) -> list[str]:
    return re.findall(r'<a aria-describedby="[^"]+" class="glossary-term" href="[^"]+">([^<]+)<span class="visually-hidden"> \(glossary\)</span></a>', html)


def test_first_use_only_and_whole_words(tmp_path):
    html = render(tmp_path, "Resection is one choice. A resection again. KRAS, kras and KRASX and subKRAS.\n\n"
                            "Another resection and KRAS in a new paragraph.")
    assert linked(html) == ["Resection", "KRAS"]
    assert html.count('href="{filename}/pages/glossary.md#term-resection"') == 1


def test_case_aware_matching(tmp_path):
    assert linked(render(tmp_path, "Kras is not KRAS written wrong.")) == ["KRAS"]
    assert linked(render(tmp_path, "RESECTION is shouting.")) == []
    assert linked(render(tmp_path, "Hai is not HAI.")) == ["HAI"]


def test_longest_name_first_and_names_over_line_breaks(tmp_path):
    html = render(tmp_path, "We use hepatic\narterial infusion, then an infusion.")
    assert linked(html) == ["hepatic\narterial infusion", "infusion"]
    assert 'href="{filename}/pages/glossary.md#term-hepatic-arterial-infusion"' in html
    # "hepatic resection" is not a whole word in "hepatic resections"; the plural is.
    assert linked(render(tmp_path, "Two hepatic resections.")) == ["resections"]


def test_excluded_places_stay_untouched(tmp_path):
    text = ("## Resection and KRAS\n\n"
            "See [resection and KRAS](other.html), `KRAS` and *KRAS*{: .citation-ref} [@kras2020].\n\n"
            "A footnote[^HAI] and <sup>HAI</sup> here.\n\n"
            "    resection in code\n\n"
            "[^HAI]: The note.\n\n"
            "Finally: resection, KRAS, HAI.\n")
    html = render(tmp_path, text)
    assert linked(html) == ["resection", "KRAS", "HAI"], html
    body = html.split("Finally:")[0]
    assert "glossary" not in body, body
    assert "[@kras2020]" in html


def test_no_term_inside_another_term(tmp_path):
    html = render(tmp_path, "The hepatic arterial infusion with its infusion and citation.")
    # "citation" is a term, but the definition text of a linked term is never searched.
    assert linked(html) == ["hepatic arterial infusion", "infusion", "citation"]
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert len(tree.findall(".//span[@class='glossary']")) == 3
    for tip in tree.findall(".//span[@class='glossary-tip']"):
        assert len(tip) == 0, "markup inside a definition"


def test_summary_and_other_metadata_are_not_linked(tmp_path):
    assert linked(render(tmp_path, "About resection.")) == ["resection"]
    # The reader converts the Summary with the same instance after the body.
    assert linked(render(tmp_path, "About resection.", part=SUMMARY)) == []


def test_the_glossary_page_does_not_link_to_itself(tmp_path):
    assert linked(render(tmp_path, "About resection.", path="content/pages/glossary.md")) == []
    assert linked(render(tmp_path, "About resection.", path="content/articles/03-surgery.md")) == ["resection"]


