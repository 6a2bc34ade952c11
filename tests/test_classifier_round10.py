"""Round 10: qualifiers before "member" ("a card-carrying member"), a
mailing-list welcome of new sponsors, and a story that opens with a participle
clause ("Asked about the change, a X spokeswoman confirmed that the company...").

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Lanrick Data is now a card-carrying member of the OpenStack Foundation.",
     {("Lanrick Data", "joined")}),
    ("Orvane Labs is now a fully paid-up member of the OpenStack Foundation.",
     {("Orvane Labs", "joined")}),
    ("Tarrin Cloud became a card-carrying Silver member of the OpenStack Foundation this week.",
     {("Tarrin Cloud", "joined")}),
    ("Morrow Systems is now a bona fide sponsor of the OpenStack Foundation.",
     {("Morrow Systems", "joined")}),
    ("Kelsey Grid has been approved as a fully paid-up Gold member of the OpenStack Foundation.",
     {("Kelsey Grid", "joined")}),
    ("Brannoch is no longer a card-carrying member of the OpenStack Foundation.",
     {("Brannoch", "left")}),
])
def test_a_qualifier_between_article_and_member(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Quillon is now a would-be member of the OpenStack Foundation.",
    "Quillon is now a former member of the OpenStack Foundation.",
])
def test_a_not_yet_or_no_longer_qualifier_is_no_join(text: str) -> None:
    assert events(text) == set()
