"""What opens a sentence is not always its news or its subject: a descriptor
before the name ("Japanese telecom giant NTT ..., becoming"), a closed
"Asked whether ..." clause, a phrasal "scaling back" that is no background.

Every phrasing here is written for these tests; most companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

TITLE = "Membership news"


@pytest.mark.parametrize(("text", "expected"), [
    ("Danish hosting group Stovring Data has backed OpenStack, becoming a Gold member of the "
     "foundation.", {("Stovring Data", "joined")}),
    ("Korean mobile operator Hanbit Telecom has joined the OpenStack Foundation, becoming its "
     "newest Platinum member.", {("Hanbit Telecom", "joined")}),
    ("Asked whether it would stay on, a Brenna Systems representative said the company has "
     "left the OpenStack Foundation.", {("Brenna Systems", "left")}),
    ("When pressed on whether the firm would renew, Brenna Systems said it has left the "
     "OpenStack Foundation.", {("Brenna Systems", "left")}),
    ("Brenna Systems is scaling back its cloud budget and will no longer be a platinum member "
     "of the OpenStack Foundation next year.", {("Brenna Systems", "left")}),
])
def test_the_opening_clause_does_not_hide_the_event(text: str,
                                                    expected: set[tuple[str, str]]) -> None:
    assert events(text, TITLE) == expected


@pytest.mark.parametrize("text", [
    "Reporters asked whether Brenna Systems has left the OpenStack Foundation.",
    "Whether Brenna Systems leaves the OpenStack Foundation is up to its new owner.",
    "Brenna Systems, back in 2013, joined the OpenStack Foundation as a Gold member.",
])
def test_questions_and_background_stay_quiet(text: str) -> None:
    assert events(text, TITLE) == set()
