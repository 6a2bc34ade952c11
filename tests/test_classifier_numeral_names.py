"""Numbers inside organisation names: "Zeta 9 Networks", "42 Layers", "Helix 7",
"Ten Forty Labs". A number joined by one space to the words of a name is part
of it; counts, dates and tiers ("16 Gold members", "May 7") are not names.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Kestrel 5 Networks has joined the OpenInfra Foundation as a Silver member.",
     "Kestrel 5 Networks"),
    ("PORTO -- 31 Lanes, Lda., a maker of edge routers, today announced that it has joined "
     "the OpenInfra Foundation as an Associate member.", "31 Lanes"),
    ("Five Sixty Labs joined the OpenStack Foundation as a corporate sponsor this week.",
     "Five Sixty Labs"),
    ("Orca 4 signed on as a Gold member of the OpenInfra Foundation on Monday.", "Orca 4"),
])
def test_a_number_in_a_name_stays_in_it(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_a_name_ending_in_a_number_before_an_appositive() -> None:
    text = ("Borealis 3, the Tromsø hosting firm bought by Nordkapp Data in June, has left "
            "the OpenInfra Foundation, a spokesperson said.")
    assert events(text) == {("Borealis 3", "left")}


@pytest.mark.parametrize("text", [
    "On May 7 the OpenInfra Foundation said 16 Gold members had renewed.",
    "In the end 12 Silver members joined the OpenInfra Foundation that year.",
    "Ten firms joined the OpenInfra Foundation this year.",
])
def test_counts_and_dates_are_not_names(text: str) -> None:
    assert events(text) == set()
