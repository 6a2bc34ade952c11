"""A reduced relative names who joins and "include" (or "are") lists them:
"Supporters joining the OpenStack community at launch include A, B and C",
"Among those joining are ...". The joiners' object must be the target, a
membership ("as members") or left unsaid; joining something else (a webinar,
the project's hackathon) is no event.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("sentence", [
    "Supporters joining the OpenStack community at launch include Tarrant Data, Kestrel "
    "Systems and Odessa Cloud.",
    "Companies signing on as members of the foundation include Tarrant Data, Kestrel Systems "
    "and Odessa Cloud.",
    "Among those joining are Tarrant Data, Kestrel Systems and Odessa Cloud.",
    "Those backing the project include Tarrant Data, Kestrel Systems and Odessa Cloud.",
])
def test_the_joiners_listed_after_include_joined(sentence: str) -> None:
    story = ("OpenStack opens its doors\n\nThe OpenStack project was launched this week with a "
             f"first release and a public roadmap. {sentence}")
    assert events(story) == {("Tarrant Data", "joined"), ("Kestrel Systems", "joined"),
                             ("Odessa Cloud", "joined")}


@pytest.mark.parametrize("sentence", [
    "Companies joining the OpenStack webinar on Tuesday include Tarrant Data and Kestrel Systems.",
    "Those backing the project's hackathon include Tarrant Data and Kestrel Systems.",
    "Speakers joining the panel include Tarrant Data and Kestrel Systems.",
])
def test_joining_something_else_is_no_event(sentence: str) -> None:
    story = ("OpenStack opens its doors\n\nThe OpenStack project was launched this week with a "
             f"first release and a public roadmap. {sentence}")
    assert events(story) == set()
