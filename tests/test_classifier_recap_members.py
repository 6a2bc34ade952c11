"""Joins a recap or a joint announcement tells in passing: "the foundation
welcomed two new Gold members during the week, A and B" (a time phrase before
the names), and "B made the same announcement and will also be a Gold member
of the foundation" (a committed future membership of the foundation in
context; a sponsorship of some other event is none).

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("when", ["during the week", "during the summit", "this week"])
def test_a_welcome_with_a_time_phrase_before_the_names(when: str) -> None:
    story = ("Takeaways from the OpenStack Summit\n\nThe summit was busy. On the membership "
             f"front, the foundation welcomed two new Gold members {when}, Dalmore Cloud and "
             "Alness Telecom, bringing the tier close to its limit.")
    assert events(story) == {("Dalmore Cloud", "joined"), ("Alness Telecom", "joined")}


def test_a_second_company_that_will_also_be_a_member_of_the_foundation() -> None:
    story = ("Why Kelso Software is joining the OpenStack Foundation\n\nToday we are announcing "
             "that Kelso Software is joining the OpenStack Foundation as a Gold member. Jedburgh "
             "Systems made the same announcement today, and will also be a Gold member of the "
             "foundation.")
    assert events(story) == {("Kelso Software", "joined"), ("Jedburgh Systems", "joined")}


def test_will_be_a_sponsor_of_an_event_is_no_membership() -> None:
    story = ("Jedburgh Systems moves its work to the OpenStack Foundation\n\nJedburgh Systems "
             "has joined the OpenStack Foundation. Its chief executive spoke ahead of the "
             "Copenhagen conference, where Jedburgh Systems will be a sponsor.")
    assert events(story) == {("Jedburgh Systems", "joined")}
