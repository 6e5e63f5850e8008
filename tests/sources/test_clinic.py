"""Clinic details: set once in clinic.ini (or the file CLINIC_FILE names), shown on every page
and on the home page; without them a neutral box and never a made-up number."""
from __future__ import annotations

import re

import lxml.html
import pytest

from tests.helpers import build

DETAILS = """\
# test clinic
[clinic]
name = Riverside Liver Clinic
phone = +44 (0)20 7946-0000
address = Level 2, Riverside Hospital, 1 River Road
website = https://clinic.example.org/liver
"""


def care_team_box(root):
    boxes = root.findall(".//aside[@class='care-team']")
    assert len(boxes) == 1
    return boxes[0]


def test_without_details_the_box_is_neutral_and_has_no_number(pages):
    for name, root in pages.items():
        box = care_team_box(root)
        assert box.find(".//h2").text_content().strip() == "Contact your care team", name
        assert not [a for a in root.iter("a") if (a.get("href") or "").startswith("tel:")], f"{name}: a phone link"
    assert pages["index.html"].find(".//p[@class='clinic-intro']") is None


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clinic")
    (folder / "clinic.ini").write_text(DETAILS, encoding="utf-8")
    out = folder / "site"
    build(out, settings="offlineconf.py", env={"CLINIC_FILE": str(folder / "clinic.ini")})
    return {p.relative_to(out).as_posix(): lxml.html.parse(str(p)).getroot() for p in out.rglob("*.html")}


def test_details_show_in_the_box_on_every_page(clinic_site):
    assert len(clinic_site) > 10
    for name, root in clinic_site.items():
        box = care_team_box(root)
        text = " ".join(box.text_content().split())
        assert "Contact your care team at Riverside Liver Clinic" in text, name
        assert "Level 2, Riverside Hospital, 1 River Road" in text, name
        phone = box.find(".//a[@href]")
        assert phone.text == "+44 (0)20 7946-0000"
        assert phone.get("href") == "tel:+4402079460000", name
        assert box.find(".//a[@href='https://clinic.example.org/liver']") is not None, name


def test_home_page_names_the_clinic_with_a_well_formed_phone_link(clinic_site):
    intro = clinic_site["index.html"].find(".//p[@class='clinic-intro']")
    assert intro is not None and "Riverside Liver Clinic" in intro.text_content()
    tels = [a.get("href") for a in intro.iter("a")]
    assert tels == ["tel:+4402079460000"]
    assert all(re.fullmatch(r"tel:\+?[0-9]+", href) for href in tels)


@pytest.mark.parametrize("ini, message", [
    ("[clinic]\nname = X Clinic\nphone = call us\n", "clinic.ini:3: phone 'call us' is not a phone number"),
    ("[clinic]\nname = X Clinic\nphon = 0123 456\n", "clinic.ini:3: unknown setting 'phon' (did you mean 'phone'?)"),
    ("[clinic]\nname = X Clinic\nphone =\n", "clinic.ini:3: phone is empty: patients need a number to call"),
    ("[clinic]\nname =\nphone = 0123 456\n", "clinic.ini:2: name is empty"),
    ("name = X Clinic\n", "clinic.ini:1: the file must start with the line [clinic]"),
    ("[clinic]\nname = X\nphone = 0123 456\nwebsite = clinic.example.org\n",
     "clinic.ini:4: website 'clinic.example.org' must be a full address starting with https://"),
])
def test_a_wrong_clinic_file_stops_the_build_naming_file_and_line(tmp_path, ini, message):
    (tmp_path / "clinic.ini").write_text(ini, encoding="utf-8")
    proc = build(tmp_path / "out", env={"CLINIC_FILE": str(tmp_path / "clinic.ini")}, check=False)
    assert proc.returncode != 0
    output = " ".join((proc.stdout + proc.stderr).split())
    assert message in output, output[-2000:]
