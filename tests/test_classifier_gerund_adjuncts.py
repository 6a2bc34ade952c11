"""A change told as the means of another act ("Acme threw its weight behind
the foundation by becoming a Gold member"): the gerund after "by" has the
clause's subject. Someone else's "by joining" (advice, a hypothesis, a
passive agent) stays quiet.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Altnaharra threw its weight behind the foundation by becoming a Gold member of the "
     "OpenStack Foundation in May.", {("Altnaharra", "joined")}),
    ("Carnoch Data marked the launch of its public cloud by joining the OpenStack Foundation as "
     "a Silver member.", {("Carnoch Data", "joined")}),
    ("Dornie Cloud doubled down on open infrastructure this week by signing up as a Gold "
     "member of the OpenInfra Foundation.", {("Dornie Cloud", "joined")}),
    ("Ebost Systems ended a two-year experiment by quitting the OpenStack Foundation.",
     {("Ebost Systems", "left")}),
    ("Ravensworth Cloud, a hosting firm from Leeds with three data centres, threw its weight "
     "behind the project by becoming a Silver member of the OpenStack Foundation.",
     {("Ravensworth Cloud", "joined")}),
])
def test_the_clause_subject_acts_by_the_gerund(text: str,
                                               expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Analysts said Flodigarry Labs could strengthen its position by joining the OpenStack "
    "Foundation.",
    "Customers can support the project by becoming individual members of the OpenStack "
    "Foundation.",
    "Glenelg IT was praised by analysts for joining the OpenStack Foundation in 2013.",
    "Harlosh Networks hopes to win telco deals by joining the OpenStack Foundation next year.",
    "Analysts said Flodigarry Labs, a small vendor, could strengthen its position by joining "
    "the OpenStack Foundation.",
    "Customers, large and small, can support the project by becoming individual members of the "
    "OpenStack Foundation.",
])
def test_advice_and_hopes_by_a_gerund_stay_quiet(text: str) -> None:
    assert events(text) == set()
