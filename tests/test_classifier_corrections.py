"""Corrections: the retracted claim is not an event; the corrected fact may be.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "Correction, May 5, 2016: An earlier version of this article incorrectly stated that "
    "Skipness Systems had joined the OpenStack Foundation as a Corporate Sponsor.",
    "Editor's note: This story originally said, in error, that Skipness Systems had become a "
    "Gold member of the OpenStack Foundation.",
    "An earlier version of this story wrongly reported that Skipness Systems had quit the "
    "OpenStack Foundation; it remains a Gold member.",
    "We mistakenly said last week that Skipness Systems has left the OpenInfra Foundation.",
    "The previous version of this post misidentified Skipness Systems as a new Silver member of "
    "the OpenStack Foundation.",
])
def test_a_retracted_claim_is_not_an_event(text: str) -> None:
    assert events(text) == set()


def test_the_corrected_fact_stated_on_its_own_is_an_event() -> None:
    text = ("Correction: An earlier version of this article misstated the membership level. "
            "Skipness Systems joined the OpenInfra Foundation as a Silver member, not a Gold "
            "member.")
    assert events(text) == {("Skipness Systems", "joined")}
