"""A membership granted in the passive names its holders after "to"/"for"/
"on" ("Gold membership was granted to A and B by the board") or before the
verb ("Gold memberships for A and B were approved"): the board's approval
turned round. Offered, refused, possible or renewed memberships stay
quiet.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Gold membership was granted to Zentrix and Halvora by the OpenStack Foundation's board at "
     "its meeting this week.", {("Zentrix", "joined"), ("Halvora", "joined")}),
    ("Platinum memberships were approved for Tarbet Systems and Ullapool Networks by the "
     "OpenStack Foundation board on Tuesday.",
     {("Tarbet Systems", "joined"), ("Ullapool Networks", "joined")}),
    ("Corporate sponsorship of the OpenStack Foundation has been awarded to Kestrel Cloud, the "
     "board said.", {("Kestrel Cloud", "joined")}),
    ("Silver status was conferred on Brenmoor Data at the OpenStack Foundation board meeting in "
     "Berlin.", {("Brenmoor Data", "joined")}),
    ("Gold memberships for Zentrix and Halvora were approved by the OpenStack Foundation board "
     "on Tuesday.", {("Zentrix", "joined"), ("Halvora", "joined")}),
    ("Membership applications from Tarbet Systems and Ullapool Networks were approved by the "
     "OpenStack Foundation board on Tuesday.",
     {("Tarbet Systems", "joined"), ("Ullapool Networks", "joined")}),
])
def test_a_membership_granted_in_the_passive_is_a_join(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Gold membership was offered to Zentrix by the OpenStack Foundation's board, but it has not "
    "decided.",
    "Gold membership was not granted to Zentrix by the OpenStack Foundation's board.",
    "Gold membership could be granted to Zentrix by the OpenStack Foundation's board next month.",
    "Gold membership has been extended to Zentrix for another two years, the OpenStack "
    "Foundation said.",
    "Gold memberships for Zentrix and Halvora will be voted on by the OpenStack Foundation "
    "board next week.",
    "Membership applications from Zentrix and Halvora were not approved by the OpenStack "
    "Foundation board.",
    "Gold memberships for Zentrix and Halvora in the Linux Foundation were approved by its board "
    "on Tuesday, an OpenStack Foundation spokesman noted.",
])
def test_an_offered_refused_or_renewed_membership_is_no_join(text: str) -> None:
    assert events(text) == set()
