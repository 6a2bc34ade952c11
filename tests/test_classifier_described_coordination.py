"""Coordinated subjects that carry a descriptor or a place: "A in Leeds, the
Chilean research network B, and C have become associate members". A member
led by "the <descriptor>" is still a member, and "<University> in <City>" is the
university, not the city. Names that only complete another noun stay out.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Tarrow University in Leeds, the Chilean research and education network ReNetCL, and the "
     "Open Cloud Lab, a non-profit group of universities, have each become associate members of "
     "the OpenStack Foundation.", {"Tarrow University", "ReNetCL", "Open Cloud Lab"}),
    ("Zentrix, the Chilean research network ReNetCL and Kestrel Cloud have joined the OpenStack "
     "Foundation.", {"Zentrix", "ReNetCL", "Kestrel Cloud"}),
    ("Halvora Systems, the Kenyan research network KenCloud and the Dutch hosting firm Brabant "
     "Data have joined the OpenStack Foundation.",
     {"Halvora Systems", "KenCloud", "Brabant Data"}),
    ("Halvora Systems and the Chilean research network ReNetCL have joined the OpenStack "
     "Foundation.", {"Halvora Systems", "ReNetCL"}),
    ("Tarrow University in Leeds and Kestrel Cloud have become associate members of the "
     "OpenStack Foundation.", {"Tarrow University", "Kestrel Cloud"}),
])
def test_each_described_or_placed_member_joins(text: str, expected: set[str]) -> None:
    assert events(text) == {(c, "joined") for c in expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Tarrow University in Leeds has become an associate member of the OpenStack Foundation.",
     {"Tarrow University"}),
    ("Zentrix Systems in Leeds has joined the OpenStack Foundation as a Silver member.",
     {"Zentrix Systems"}),
])
def test_a_place_after_an_institution_is_not_the_member(text: str, expected: set[str]) -> None:
    assert events(text) == {(c, "joined") for c in expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Zentrix, a customer of the Dutch hosting firm Brabant Data, has joined the OpenStack "
     "Foundation.", {("Zentrix", "joined")}),
    ("Zentrix, which runs its cloud with the Dutch hosting firm Brabant Data, has joined the "
     "OpenStack Foundation.", {("Zentrix", "joined")}),
    ("Partners at Kestrel Cloud in Leeds have joined the OpenStack Foundation.", set()),
    ("Customers in Leeds and Halvora Systems have joined the OpenStack Foundation user survey.",
     set()),
])
def test_names_that_only_complete_another_phrase_stay_out(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
