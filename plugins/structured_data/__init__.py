"""schema.org `MedicalWebPage` JSON-LD for every article of the hosted site, so search engines
can tell a reviewed patient guide from any other page: what it is about, who it is for, when a
clinician last reviewed it and which sources it cites.

The data is built here in Python, not pieced together in a template, so it is always valid JSON;
the template only drops `article.json_ld` into a `<script type="application/ld+json">` data block
(a data block is never run, so the site's Content-Security-Policy allows it).

Settings (publishconf.py): STRUCTURED_DATA_ABOUT, STRUCTURED_DATA_AUDIENCE.
"""
from __future__ import annotations

import datetime
import json

import lxml.html
from pelican import signals
from pelican.generators import ArticlesGenerator


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


def citations_of(article) -> list[dict]:
    """The article's references as schema.org CreativeWorks.

    Read from `article.citations` when a plugin provides it (each with `text` and optionally
    `url`, as attributes or keys); otherwise from the rendered reference list (`article.
    reference_list`, `<li><span class="reference">…</span>`), so the JSON-LD lists exactly the
    references a reader sees."""
    items = getattr(article, "citations", None)
    if items:
        found = [(_field(item, "text"), _field(item, "url")) for item in items]
    else:
        found = _from_reference_list(getattr(article, "reference_list", "") or "")
    works = []
    for text, url in found:
        work = {"@type": "CreativeWork", "name": text}
        if url:
            work["url"] = url
        works.append(work)
    return works


def _field(item, name: str):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _from_reference_list(html: str) -> list[tuple[str, str | None]]:
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = []
    for item in root.xpath(".//ol//li | .//ul//li"):
        reference = item.find(".//span[@class='reference']")
        source = reference if reference is not None else item
        text = " ".join(source.text_content().split())
        links = [a.get("href") for a in source.iter("a") if (a.get("href") or "").startswith(("http://", "https://"))]
        if text:
            found.append((text, links[0] if links else None))
    return found


def medical_web_page(article, settings: dict) -> dict:
    conf = _settings(settings)
    url = f"{conf['siteurl']}/{article.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": lxml.html.fromstring(f"<p>{article.title}</p>").text_content(),
        "description": lxml.html.fromstring(f"<div>{article.summary}</div>").text_content().strip(),
        "inLanguage": getattr(article, "lang", None) or conf["lang"],
        "datePublished": _iso(article.date),
        "dateModified": _iso(getattr(article, "modified", None) or article.date),
        "lastReviewed": _iso(article.last_reviewed),
        "about": conf["about"],
        "audience": conf["audience"],
        "isPartOf": {"@type": "WebSite", "name": conf["sitename"], "url": f"{conf['siteurl']}/index.html"},
    }
    keywords = getattr(article, "keywords", None)
    if keywords:
        data["keywords"] = ", ".join(keywords) if isinstance(keywords, list) else str(keywords)
    citations = citations_of(article)
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
            for article in generator.articles + generator.translations:
                article.json_ld = script_data(medical_web_page(article, generator.settings))


def register():
    signals.all_generators_finalized.connect(attach)
