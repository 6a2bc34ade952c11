""""The foundation" is the last foundation the story named by name, known or
not: after "The Open Edge Foundation launched ...", "the new foundation
opened with five members" is that body's roster, even when a sentence in
between mentions OpenStack, the software. A watched foundation named last
keeps "the foundation" ours.

Every phrasing here is written for these tests; the companies and the
foundations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "The Open Edge Foundation, a new body for edge software, formally launched on Monday. Most "
    "of its code comes from OpenStack projects. The new foundation opened its doors with five "
    "Platinum members: Aldstone Networks, Berrow Data and Corvane Telecom.",
    "The Open Edge Foundation launched on Monday; much of its code comes from OpenStack. "
    "Aldstone Networks has joined the foundation as a Gold member.",
    "The Marram Data Consortium now counts 40 companies, several of them OpenStack users. Berrow "
    "Data joined the consortium as a founding member this week.",
    "Several OpenStack vendors back the Tidewater Cloud Foundation. Corvane Telecom has quit the "
    "foundation, citing costs.",
])
def test_the_foundation_after_another_named_one_is_that_one(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The OpenStack Foundation launched on Monday, two years after OpenStack itself. Aldstone "
     "Networks has joined the foundation as a Gold member.", {("Aldstone Networks", "joined")}),
    ("The OpenStack Foundation formally launched on Monday. The new foundation opened its doors "
     "with Platinum members Aldstone Networks and Berrow Data.",
     {("Aldstone Networks", "joined"), ("Berrow Data", "joined")}),
    ("The Foundation's formation took a year. The OpenInfra Foundation says Corvane Telecom has "
     "quit the foundation, citing costs.", {("Corvane Telecom", "left")}),
])
def test_a_watched_foundation_named_last_keeps_the_foundation_ours(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
