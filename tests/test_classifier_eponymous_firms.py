"""A surname the story also gives a company ("founder Bas Quillon" of
"Quillon Hosting") is the company's short name when it acts: an eponymous
firm leaves or joins as one. A person with no such company stays a person.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Quillon Hosting, a Rotterdam provider, is moving to CloudStack. We asked founder Bas "
     "Quillon why. \"Quillon left the OpenStack Foundation in November, after two years as a "
     "corporate sponsor,\" he said.", {("Quillon Hosting", "left")}),
    ("Okafor Systems makes routers for campus networks. Its chief executive, Dana Okafor, spoke "
     "to us on Monday. Okafor joined the OpenStack Foundation as a Gold member last week.",
     {("Okafor Systems", "joined")}),
    ("Brandvold Data was founded by Erik Brandvold in 2009. This month Brandvold quit the "
     "OpenInfra Foundation, ending a Silver membership.", {("Brandvold Data", "left")}),
])
def test_an_eponymous_firm_acts_as_one(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Mark Callahan has been a fixture at OpenStack summits. Callahan joined the OpenStack "
    "Foundation board last month.",
    "Chief technology officer Dana Okafor left the company in May. Okafor left the OpenStack "
    "Foundation's technical committee too.",
    "We spoke to Erik Brandvold of Skerry Cloud. Brandvold joined the OpenStack Foundation staff "
    "in 2014.",
])
def test_a_person_without_a_namesake_company_stays_a_person(text: str) -> None:
    assert events(text) == set()
