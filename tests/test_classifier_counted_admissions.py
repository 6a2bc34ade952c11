"""Admissions that count the newcomers before naming them: "the board voted to
admit two companies as Gold members: A and B". Each named organisation is an
event; the same words about another foundation, or as a plan, are none.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

TITLE = "Foundation board meeting summary"


@pytest.mark.parametrize(("text", "expected"), [
    ("At Tuesday's meeting the OpenStack Foundation board voted to admit two companies as "
     "Gold members: Harrowgate Data and Pelling Networks.",
     {"Harrowgate Data", "Pelling Networks"}),
    ("The OpenInfra Foundation's directors accepted three more organisations as corporate "
     "sponsors — Harrowgate Data, Pelling Networks and the University of Tarn.",
     {"Harrowgate Data", "Pelling Networks", "University of Tarn"}),
    ("OpenStack Foundation directors voted in two new members on Thursday: Harrowgate Data "
     "and Pelling Networks.",
     {"Harrowgate Data", "Pelling Networks"}),
])
def test_counted_then_named_admissions_are_events(text: str, expected: set[str]) -> None:
    assert events(text, TITLE) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("text", [
    "The CNCF board voted to admit two companies as Gold members: Harrowgate Data and "
    "Pelling Networks.",
    "Next month the OpenStack Foundation board may vote to admit two companies as Gold "
    "members: Harrowgate Data and Pelling Networks.",
])
def test_counted_admissions_elsewhere_or_planned_are_not(text: str) -> None:
    assert events(text, TITLE) == set()


@pytest.mark.parametrize("text", [
    "The OpenStack Foundation said three companies have come aboard as corporate sponsors "
    "since January: Harrowgate Data, Pelling Networks and Ostby Systems.",
    "Three more organisations have signed up with the OpenInfra Foundation this quarter: "
    "Harrowgate Data, Pelling Networks and Ostby Systems.",
])
def test_counted_joiners_named_after_a_colon_are_events(text: str) -> None:
    assert events(text, TITLE) == {(name, "joined") for name in
                                   ("Harrowgate Data", "Pelling Networks", "Ostby Systems")}


def test_counted_joiners_of_another_foundation_are_not() -> None:
    assert events("The CNCF said three companies have joined as Gold members this year: "
                  "Harrowgate Data, Pelling Networks and Ostby Systems.", "CNCF news") == set()
