"""The clinic's contact details, read from one small file (clinic.ini by default, or the file
named by the CLINIC_FILE environment variable) so a clinic can brand its copy of the guide
without touching Python settings.

The details become the CLINIC setting (liverguide.plugins.clinic) templates use: the "contact your care team" box on every
page and the note on the home page. With the file's values left empty the box stays neutral;
a half-filled or mistyped file stops the build, because a wrong phone number handed to patients
is worse than none.
"""
from __future__ import annotations

import configparser
import re
from pathlib import Path

from liverguide.checks import content_safety
from liverguide.errors import ContentError, did_you_mean, read_utf8

SECTION = "clinic"
KEYS = ("name", "phone", "address", "website")
PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
WEBSITE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def neutral() -> dict:
    return {**dict.fromkeys(KEYS, ""), "tel": ""}


def line_of(text: str, key: str | None) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*[=:]" if key else rf"^\s*\[{SECTION}\]", re.I)
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def tel_uri(phone: str) -> str:
    """tel: wants digits only (and a leading + for an international number)."""
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def load_clinic(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise ContentError(path, None, "clinic details file not found (set CLINIC_FILE or create it)")
    text = read_utf8(path)
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        parser.read_string(text, source=str(path))
    except configparser.MissingSectionHeaderError as error:
        raise ContentError(path, error.lineno, f"the file must start with the line [{SECTION}]") from None
    except configparser.Error as error:
        raise ContentError(path, getattr(error, "lineno", None), error.message.splitlines()[0]) from None
    for section in parser.sections():
        if section != SECTION:
            raise ContentError(path, line_of(text, None) or 1, f"unknown section [{section}] (expected [{SECTION}])")
    if not parser.has_section(SECTION):
        raise ContentError(path, 1, f"no [{SECTION}] section")

    values = dict(parser.items(SECTION))
    for key in values:
        if key not in KEYS:
            hint = did_you_mean(key, KEYS, f" (expected one of: {', '.join(KEYS)})")
            raise ContentError(path, line_of(text, key), f"unknown setting '{key}'{hint}")
    clinic = neutral()
    clinic.update({key: " ".join(value.split()) for key, value in values.items()})
    for key in KEYS:
        content_safety.plain_text(clinic[key], path, line_of(text, key), f"the clinic's {key}")

    if not any(clinic[key] for key in KEYS):
        return clinic
    if not clinic["name"]:
        raise ContentError(path, line_of(text, "name"), "name is empty: the care team box needs the clinic's name")
    if not clinic["phone"]:
        raise ContentError(path, line_of(text, "phone"), "phone is empty: patients need a number to call")
    phone = clinic["phone"]
    if not PHONE.match(phone) or len(re.sub(r"\D", "", phone)) < 3:
        raise ContentError(path, line_of(text, "phone"),
                           f"phone '{phone}' is not a phone number (digits, spaces, + ( ) - . only)")
    clinic["tel"] = tel_uri(phone)
    if clinic["website"] and not WEBSITE.match(clinic["website"]):
        raise ContentError(path, line_of(text, "website"),
                           f"website '{clinic['website']}' must be a full address starting with https://")
    return clinic

