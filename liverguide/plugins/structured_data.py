"""schema.org `MedicalWebPage` JSON-LD for every article and page of the hosted site, so search
engines can tell a patient guide from any other page: what it is about, who it is for, when it
was last reviewed and which sources it cites.

The data is built here in Python, not pieced together in a template, so it is always valid JSON;
the template only drops `json_ld` into a `<script type="application/ld+json">` data block
(a data block is never run, so the site's Content-Security-Policy allows it).

Settings (publishconf.py): STRUCTURED_DATA_ABOUT, STRUCTURED_DATA_AUDIENCE.
"""
from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as etree

import lxml.html
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from liverguide.sources import ama


def _settings(settings: dict) -> dict:
    return {
        "about": settings["STRUCTURED_DATA_ABOUT"],
        "audience": settings["STRUCTURED_DATA_AUDIENCE"],
        "siteurl": settings["SITEURL"],
        "sitename": settings["SITENAME"],
        "lang": settings["DEFAULT_LANG"],
    }


def _iso(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat()


def citations_of(item) -> list[dict]:
    """The page's references (`references`, from liverguide.plugins.citations) as schema.org
    CreativeWorks: each named by its AMA reference as a reader sees it, with its first link."""
    works = []
    for reference in getattr(item, "references", None) or []:
        text = " ".join("".join(ama.format_into(etree.Element("span"), reference).itertext()).split())
        work = {"@type": "CreativeWork", "name": text}
        links = ama.identifiers(reference)
        if links:
            work["url"] = links[0][2]
        works.append(work)
    return works


def medical_web_page(item, settings: dict) -> dict:
    conf = _settings(settings)
    url = f"{conf['siteurl']}/{item.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": lxml.html.fromstring(f"<p>{item.title}</p>").text_content(),
        "description": lxml.html.fromstring(f"<div>{item.summary}</div>").text_content().strip(),
        "inLanguage": getattr(item, "lang", None) or conf["lang"],
        "datePublished": _iso(item.date),
        "dateModified": _iso(getattr(item, "modified", None) or item.date),
        "lastReviewed": _iso(item.last_reviewed),
        "about": conf["about"],
        "audience": conf["audience"],
        "isPartOf": {"@type": "WebSite", "name": conf["sitename"], "url": f"{conf['siteurl']}/index.html"},
    }
    keywords = getattr(item, "keywords", None)
    if keywords:
        data["keywords"] = ", ".join(keywords) if isinstance(keywords, list) else str(keywords)
    citations = citations_of(item)
    if citations:
        data["citation"] = citations
    return data


def script_data(data: dict) -> str:
    """JSON safe to place inside <script>: '<', '>' and '&' escaped, so no text in the data
    (a title, a reference) can close the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def attach(generators) -> None:
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items = generator.articles + generator.translations
        elif isinstance(generator, PagesGenerator):
            items = generator.pages + generator.translations
        else:
            continue
        for item in items:
            item.json_ld = script_data(medical_web_page(item, generator.settings))


def register():
    signals.all_generators_finalized.connect(attach)
