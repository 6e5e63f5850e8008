"""axe-core (the copy bundled with axe-playwright-python) on every page: WCAG 2.2 A and AA rules,
zero violations."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules this site relies on axe for; if an axe upgrade renamed or dropped one, say so instead of
# passing quietly.
MUST_RUN = {"color-contrast", "target-size", "link-name", "document-title", "html-has-lang",
            "list", "bypass"}


def test_axe_finds_no_wcag_22_aa_violations_on_any_page(tab, page_urls):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    problems, ran = [], set()
    for name, url in page_urls.items():
        tab.goto(url)
        results = axe.run(tab, options=options).response
        ran |= {rule["id"] for key in ("passes", "violations", "incomplete", "inapplicable")
                for rule in results[key]}
        for rule in results["violations"]:
            for node in rule["nodes"]:
                problems.append(f"{name}: {rule['id']} ({rule['impact']}) at {' '.join(node['target'])}: "
                                f"{node['failureSummary'].splitlines()[-1].strip()}")
    assert not MUST_RUN - ran, f"axe did not run {sorted(MUST_RUN - ran)}"
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)
