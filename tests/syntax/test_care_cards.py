"""Care cards (liverguide/syntax/care_cards.py): the `::: care-card` block renders as an NHS-style box that
ends with the clinic's phone when clinic.ini sets one, and otherwise tells readers to use their
own team's number; a malformed block stops the build with one line naming its file and line."""
from __future__ import annotations

import lxml.html
import markdown
import pytest

from liverguide.errors import ContentError
from liverguide.syntax import SourceFile
from liverguide.syntax.care_cards import CareCardExtension, Contact
from tests.helpers import BODY, GOOD, S, article, build, run, write

CARD = """::: care-card urgent
Title: Call your care team straight away if

- you have a temperature
- you feel *unwell* during chemotherapy

Do not wait until the morning.
:::
"""
CLINIC = "[clinic]\nname = Riverside Liver Clinic\nphone = +44 (0)20 7946-0000\n"


def card_article(block: str) -> str:
    # Front matter (10 lines), blank, heading, blank, paragraph, blank, "Some words first.", blank:
    # the block starts on line 18.
    return article(body=BODY + "\nSome words first.\n\n" + block + "\nSome words after.\n")


def built_card(output):
    root = lxml.html.parse(str(output / "treatments" / "surgery.html")).getroot()
    cards = root.findall(".//aside")
    cards = [a for a in cards if "care-card" in (a.get("class") or "").split()]
    assert len(cards) == 1, [lxml.html.tostring(a) for a in cards]
    return cards[0]


def test_card_renders_heading_markdown_and_neutral_contact_line(tmp_path, capsys):
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(CARD)})
    status, lines = run(content, output, capsys)
    assert status == 0, lines
    card = built_card(output)
    assert card.get("class") == "care-card care-card-urgent"
    heading = card.find("h3")
    assert heading.get("class") == "care-card-heading"
    assert heading.find("span[@class='visually-hidden']").text == "Urgent advice: "
    assert " ".join(heading.text_content().split()) == "Urgent advice: Call your care team straight away if"
    content_box = card.find("div[@class='care-card-content']")
    assert [li.text_content() for li in content_box.iterfind("ul/li")] == [
        "you have a temperature", "you feel unwell during chemotherapy"]
    assert content_box.find("ul/li/em").text == "unwell"
    paragraphs = content_box.findall("p")
    assert paragraphs[0].text_content() == "Do not wait until the morning."
    contact = paragraphs[-1]
    assert contact.get("class") == "care-card-contact"
    assert contact.text_content() == "Use the phone number your own care team gave you for this."
    assert not [a for a in card.iter("a") if (a.get("href") or "").startswith("tel:")]
    # The text after the card is back in the article, not inside the card.
    html = (output / "treatments" / "surgery.html").read_text(encoding="utf-8")
    assert html.index("</aside>") < html.index("<p>Some words after.</p>")


def test_card_ends_with_the_clinic_name_and_a_tel_link_when_clinic_ini_sets_a_phone(tmp_path, capsys, monkeypatch):
    (tmp_path / "clinic.ini").write_text(CLINIC, encoding="utf-8")
    monkeypatch.setenv("CLINIC_FILE", str(tmp_path / "clinic.ini"))
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(CARD)})
    status, lines = run(content, output, capsys)
    assert status == 0, lines
    contact = built_card(output).find(".//p[@class='care-card-contact']")
    assert "Riverside Liver Clinic" in contact.text_content()
    (link,) = contact.findall("a")
    assert link.get("href") == "tel:+4402079460000"
    assert link.text == "+44 (0)20 7946-0000"


def test_a_changed_clinic_phone_reaches_cached_pages(tmp_path):
    """The editors' build caches each page's HTML: a new number in clinic.ini must still show."""
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(CARD)})
    ini = tmp_path / "clinic.ini"
    cache = f"CACHE_PATH={tmp_path / 'cache'}"
    for phone, tel in [("0123 456 789", "tel:0123456789"), ("0987 654 321", "tel:0987654321")]:
        ini.write_text(f"[clinic]\nname = Riverside Liver Clinic\nphone = {phone}\n", encoding="utf-8")
        build(output, content=content, extra=["-e", cache], env={"CLINIC_FILE": str(ini)})
        assert built_card(output).find(".//p[@class='care-card-contact']/a").get("href") == tel


def test_non_urgent_card_and_a_card_inside_a_code_sample(tmp_path, capsys):
    """A card shown inside a fenced code sample is text: it is neither rendered nor counted when
    a later card's line is reported."""
    sample = "```\n::: care-card urgent\nTitle: Shown as an example\n:::\n```\n\n"
    bad = CARD.replace("::: care-card urgent", "::: care-card soon")
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(sample + CARD.replace("care-card urgent", "care-card non-urgent"))})
    status, lines = run(content, output, capsys)
    assert status == 0, lines
    card = built_card(output)
    assert card.get("class") == "care-card care-card-non-urgent"
    assert card.find("h3/span").text == "Non-urgent advice: "

    write(content, {S: card_article(sample + bad)})
    status, lines = run(content, output, capsys)
    assert status != 0 and len(lines) == 1, lines
    assert lines[0].startswith(f"{content / S}:24: "), lines[0]


@pytest.mark.parametrize("block, says", [
    (CARD.replace("Title: Call your care team straight away if\n", ""), "must start with a 'Title:' line"),
    (CARD.replace("Title: Call your care team straight away if", "Title:"), "empty 'Title:'"),
    ("::: care-card urgent\nTitle: Call your team if\n:::\n", "no text under its title"),
    (CARD.replace("::: care-card urgent", "::: care-card urgnet"), "kind 'urgnet' is not one of: urgent, non-urgent"),
    (CARD.replace("::: care-card urgent", "::: care-card"), "needs a kind"),
    (CARD.rsplit(":::", 1)[0], "never closed"),
], ids=["no-title", "empty-title", "no-text", "unknown-kind", "no-kind", "not-closed"])
def test_malformed_card_stops_the_build_with_file_and_line(block, says, tmp_path, capsys):
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(block)})
    status, lines = run(content, output, capsys)
    assert status != 0
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{content / S}:18: "), lines[0]
    assert says in lines[0], lines[0]


def test_second_card_on_a_page_is_named_by_its_own_line(tmp_path, capsys):
    bad = CARD.replace("::: care-card urgent", "::: care-card urgnet")
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: card_article(CARD + "\nBetween.\n\n" + bad)})
    status, lines = run(content, output, capsys)
    assert status != 0 and len(lines) == 1, lines
    # CARD is 8 lines, then a blank, "Between.", a blank: the second card opens on line 29.
    assert lines[0].startswith(f"{content / S}:29: "), lines[0]


def test_each_file_counts_its_own_cards(tmp_path):
    """One Markdown instance may read many files, reset between them: a card in the second file
    is named by its line in that file, not by a count carried over from the first."""
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(CARD + "\n" + CARD, encoding="utf-8")
    second.write_text("Words.\n\n" + CARD.replace("care-card urgent", "care-card urgnet"), encoding="utf-8")
    source = SourceFile()
    md = markdown.Markdown(extensions=[CareCardExtension(Contact(), source)])
    for path in (first, second):
        md.reset()
        source.start(str(path), path.read_text(encoding="utf-8"))
        if path is first:
            assert md.convert(source.text).count("<aside") == 2
        else:
            with pytest.raises(ContentError) as error:
                md.convert(source.text)
            assert error.value.line == 3, str(error.value)


def test_the_guide_shows_urgent_help_cards(articles):
    """Issue 17: the symptoms and chemotherapy articles tell readers when to call, in a card."""
    shown = {name for name, root in articles.items()
             if root.find(".//aside[@class='care-card care-card-urgent']") is not None}
    assert {"understanding/symptoms.html", "treatments/systemic-chemotherapy.html"} <= shown, shown
