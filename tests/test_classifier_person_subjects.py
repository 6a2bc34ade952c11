"""A person is not a member: someone an appositive gives a job somewhere
("Dana Roe, a senior director of engineering at the bank, joined ...") acts
for themselves, and "joined the foundation's executive director on stage" has a
person as its object, not the foundation. Companies described by what they
make or sell still join.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "Tavish Morrigan, a senior director of engineering at the retailer, joined the OpenStack "
    "Foundation's executive director on stage at the summit to describe the rollout.",
    "Orla Brannigan, the head of cloud platforms at Dunmore Bank, joined the OpenStack "
    "Foundation at the summit in Denver.",
    "Tiberius Okonjo, a vice president at the carrier, joined the OpenStack Foundation for a "
    "fireside chat.",
    "Nkem Adeyemi, a principal engineer at the bank, joined the OpenStack Foundation at the "
    "summit.",
])
def test_a_subject_with_a_job_somewhere_is_a_person(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize("text", [
    "Kestrel Cloud joined foundation executive director Tom Hale on stage at the OpenStack "
    "summit to describe its rollout.",
    "At the OpenStack summit, Brenmoor Retail joined the foundation's chief operating officer "
    "for a keynote on private clouds.",
    "Halvora Telecom joined foundation staff in a workshop on edge computing at the OpenStack "
    "summit.",
])
def test_joining_a_person_from_the_foundation_is_no_membership(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Halvora, a Leeds provider of hosting services, has joined the OpenStack Foundation.",
     {("Halvora", "joined")}),
    ("Zentrix, the Austin maker of storage arrays, joined the OpenStack Foundation as a Gold "
     "member.", {("Zentrix", "joined")}),
    ("Brenmoor, an executive search firm for the cloud industry, has joined the OpenStack "
     "Foundation.", {("Brenmoor", "joined")}),
    ("The OpenStack community grew again: Kestrel Cloud joined the foundation's Gold tier this "
     "week.", {("Kestrel Cloud", "joined")}),
    ("Kestrel Cloud joined the foundation this week as a Silver member, the OpenStack "
     "Foundation said.", {("Kestrel Cloud", "joined")}),
])
def test_a_described_company_still_joins(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
