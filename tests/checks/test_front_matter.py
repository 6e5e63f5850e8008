"""Review dates patients are shown must be believable (liverguide/checks/front_matter.py)."""
from __future__ import annotations

import datetime

import pytest

from liverguide.checks.front_matter import ARTICLE_FIELDS, build_date, check, years_after
from liverguide.errors import ContentError
from tests.helpers import article

SETTINGS = {"SUMMARY_MAX_LENGTH": 160, "ARTICLE_CATEGORIES": ["Understanding", "Treatments", "Support"]}
DAY = "1798761600"  # SOURCE_DATE_EPOCH of 2027-01-01, midnight UTC


def test_the_build_date_is_source_date_epochs_day_when_set():
    assert build_date({"SOURCE_DATE_EPOCH": DAY}) == datetime.date(2027, 1, 1)
    assert build_date({"SOURCE_DATE_EPOCH": " 1798761599 "}) == datetime.date(2026, 12, 31)
    assert build_date({}) == datetime.date.today()
    with pytest.raises(ContentError, match="SOURCE_DATE_EPOCH: must be a whole number of seconds, got 'tomorrow'"):
        build_date({"SOURCE_DATE_EPOCH": "tomorrow"})


def test_a_review_on_the_build_day_is_fine_and_the_day_after_is_not(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    check("a.md", article(Last_reviewed="2027-01-01", Next_review="2028-01-01"), ARTICLE_FIELDS, SETTINGS)
    with pytest.raises(ContentError) as error:
        check("a.md", article(Last_reviewed="2027-01-02", Next_review="2028-01-01"), ARTICLE_FIELDS, SETTINGS)
    assert str(error.value) == ("a.md:8: 'last_reviewed' (2027-01-02) is after the day of the build "
                                "(2027-01-01 (SOURCE_DATE_EPOCH)): a page cannot have been reviewed in the future")


def test_next_review_at_most_five_years_on():
    check("a.md", article(Last_reviewed="2024-02-29", Next_review="2029-02-28"), ARTICLE_FIELDS, SETTINGS)
    with pytest.raises(ContentError, match=r"a.md:9: 'next_review' \(2029-03-01\) is more than 5 years after"):
        check("a.md", article(Last_reviewed="2024-02-29", Next_review="2029-03-01"), ARTICLE_FIELDS, SETTINGS)
    assert years_after(datetime.date(2024, 2, 29), 5) == datetime.date(2029, 2, 28)
    assert years_after(datetime.date(2024, 3, 1), 4) == datetime.date(2028, 3, 1)


def test_a_date_that_is_not_one_says_the_form_to_write():
    with pytest.raises(ContentError) as error:
        check("a.md", article(Date="01/02/2026"), ARTICLE_FIELDS, SETTINGS)
    assert str(error.value) == "a.md:6: 'date' is not a date (got '01/02/2026'; write it as YYYY-MM-DD, such as 2027-01-31)"
