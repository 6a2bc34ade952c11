"""A report that confirms, shows or records a change states a fact; "reports
say" and "a newspaper report suggested" are still rumours.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("The OpenStack Foundation's annual report confirms that Tarbet Systems dropped its "
     "Silver membership in the third quarter, and that Luss Software withdrew from the "
     "foundation in December.", {("Tarbet Systems", "left"), ("Luss Software", "left")}),
    ("The OpenInfra Foundation's yearly report shows that Garvel Cloud left the foundation "
     "in June.", {("Garvel Cloud", "left")}),
    ("Its 2020 report also records that Pellow Data quit the OpenStack Foundation after four "
     "years.", {("Pellow Data", "left")}),
    ("The foundation's membership report lists that Inverkip Networks joined the OpenStack "
     "Foundation as a Gold member in May.", {("Inverkip Networks", "joined")}),
    ("Kilmun Cloud ended its Gold membership in the last weeks of 2019, the OpenStack "
     "Foundation's report shows.", {("Kilmun Cloud", "left")}),
])
def test_a_report_that_confirms_is_news(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Reports say that Garvel Cloud left the OpenStack Foundation in June.",
    "A newspaper report suggested that Pellow Data quit the OpenStack Foundation.",
    "Trade press reports claim that Pellow Data has quit the OpenStack Foundation.",
    "Local reports said that Inverkip Networks had joined the OpenStack Foundation.",
])
def test_reports_that_say_stay_rumours(text: str) -> None:
    assert events(text) == set()
