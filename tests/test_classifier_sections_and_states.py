"""Numbered section headings and continuing states: "2. Summit logistics" after
"1. New Gold Members" is the next section, not a new member; a members page
that "continued to list" an organisation reports no change.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


def test_a_numbered_heading_after_a_joiners_heading_is_its_sibling() -> None:
    text = ("Board update\n\n1. New Gold Members\n\nThe board approved Lintwood Systems as a "
            "new Gold Member of the OpenStack Foundation.\n\n2. Vancouver Summit\n\n"
            "Registration opens next week.\n\n3) Elections\n\nNominations close soon.\n")
    assert events(text) == {("Lintwood Systems", "joined")}


def test_numbered_names_under_a_plain_joiners_heading_stay_items() -> None:
    text = ("OpenStack Foundation update\n\nNew Gold Members\n\n1. Lintwood Systems\n\n"
            "2. Parrow Datacentres\n\nBoth were approved on Tuesday.\n")
    assert events(text) == {("Lintwood Systems", "joined"), ("Parrow Datacentres", "joined")}


@pytest.mark.parametrize("verb", [
    "continued to list", "still lists", "continues to show",
])
def test_a_continuing_listing_is_no_join(verb: str) -> None:
    text = (f"The OpenStack Foundation's members page {verb} Halvard Cloud as a Gold "
            "member on Wednesday.")
    assert events(text) == set()


def test_continuing_to_admit_is_still_a_change() -> None:
    text = ("The OpenStack Foundation continued to add members this spring: the board "
            "approved Halvard Cloud as a Gold member on Wednesday.")
    assert events(text) == {("Halvard Cloud", "joined")}
