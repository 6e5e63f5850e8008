"""Hostile snippets that pass the content checks, opened in Chromium from disk.

The snippets the checks refuse are in the bad-input catalogue (tests/build/test_bad_inputs.py).
These are the ones they let through, because as the policy reads them they are text, code or
plain links: each is built into a page of its own and opened from file://, once with the page's
Content-Security-Policy and once with it bypassed (so the checks alone are tested), hovering
and focusing everything in the article. No dialog may open, nothing may be requested from off
the machine, and the page may not navigate away. Each snippet carries a marker word, so a test
that found nothing on the page would fail rather than pass.
"""
from __future__ import annotations

import re

import pytest

from tests.helpers import GOOD, PNG, article, build, write

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

# (marker, Markdown): every one builds; alert() would open a dialog, fetch() or an image a request.
# (A scheme with a space before its colon, or a look-alike letter, is a relative link: the build
# refuses it as a link to no page of the guide; tests/build/test_bad_inputs.py has both.)
SNIPPETS = [
    ("Escaped", "Escaped: &lt;script&gt;alert(1)&lt;/script&gt; and &#60;img src=x onerror=alert(2)&#62;"),
    ("Codespan", "Codespan: `<script>alert(1)</script>` and `<img src=x onerror=alert(2)>`"),
    ("Fenced", "Fenced:\n\n```html\n<script>alert(1)</script>\n<svg onload=alert(2)><image href=https://example.org/x.png/></svg>\n```"),
    ("Indented", "Indented:\n\n    <iframe src=\"javascript:alert(1)\"></iframe>\n    <meta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">"),
    ("Attributes", 'Attributes: <abbr title="<img src=x onerror=alert(1)>">HAI</abbr> '
                   '<span title="&quot; onmouseover=&quot;alert(2)">hover</span>'),
    ("Plaintext", "Plaintext: javascript:alert(1) and data:text/html,<b>x</b> written as words."),
    ("Query", "Query: [a safe site](https://example.org/?next=javascript:alert(1)) with a script in its query"),
    ("Telephone", 'Telephone: <a href="tel:+1;phone-context=javascript:alert(1)">call</a> and '
                  "[mail](mailto:team@example.org?body=%3Cscript%3Ealert(1)%3C/script%3E)"),
    ("Autolink", "Autolink: <https://example.org/> and [scheme-relative](//example.org/x)"),
    ("Imagetitle", 'Imagetitle: ![A liver]({static}/images/liver.png "x&quot; onerror=&quot;alert(1)")'),
    ("Details", "Details:\n\n<details><summary>Open me</summary><p>Nothing runs when this opens.</p></details>"),
    ("Nested", "Nested: " + "<b>" * 200 + "deep" + "</b>" * 200),
    ("Entities", "Entities: &amp;lt;script&amp;gt; &amp;#106;avascript&amp;colon; &lt;!-- not a comment --&gt;"),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    files = {**GOOD, "images/liver.png": PNG}
    for number, (marker, snippet) in enumerate(SNIPPETS, start=2):
        files[f"articles/{number:02d}-{marker.lower()}.md"] = article(
            Title=f"Hostile {marker}", Slug=marker.lower(), Order=str(number),
            body=f"## {marker}\n\nA paragraph before.\n\n{snippet}\n\nA paragraph after.\n")
    write(base / "content", files)
    build(base / "output", content=base / "content")  # raises if any of them was refused
    return base / "output"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-policy", "policy-bypassed"])
@pytest.mark.parametrize("marker", [marker for marker, _ in SNIPPETS])
def test_a_hostile_snippet_that_builds_is_inert(hostile_site, browser, marker, bypass_csp):
    context = browser.new_context(bypass_csp=bypass_csp)
    off_machine, dialogs, navigations = [], [], []

    def stop(route):
        off_machine.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:)"), stop)
    page = context.new_page()
    page.on("request", lambda r: r.url.startswith("file:") or off_machine.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    url = (hostile_site / "treatments" / f"{marker.lower()}.html").as_uri()
    page.goto(url)
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))

    body = page.locator(".article-body")
    sync_api.expect(body).to_contain_text(f"{marker}:")
    for element in body.locator("*").all():
        if element.is_visible():
            element.hover()
    for summary in body.locator("summary").all():
        summary.click()
    for _ in range(body.locator("a, summary").count()):
        page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    context.close()
    assert dialogs == [], f"{marker}: a dialog opened: {dialogs}"
    assert off_machine == [], f"{marker}: requested from off the machine: {off_machine}"
    assert navigations == [], f"{marker}: the page went to {navigations}"
