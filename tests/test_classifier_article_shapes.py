"""What real pages look like: lost-byte mojibake, blog comment headers, feed teasers,
history told with "that year".

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers.text import repair
from tests.classifier_helpers import events


def test_quotes_that_lost_their_middle_byte_are_repaired() -> None:
    assert repair("Responses to \u00e2Eriskay Data joins OpenStack\u00e2") == \
        "Responses to \u201cEriskay Data joins OpenStack\u201d"
    assert repair("Le ch\u00e2teau of We\u00e2ve") == "Le ch\u00e2teau of We\u2019ve"


def test_a_blog_comment_header_starts_the_comments() -> None:
    text = ("Eriskay Data blog\n\nWe had a quiet week.\n\n"
            "4 Responses to \u00e2Vatersay Cloud joins the OpenStack community\u00e2\n\n"
            "mike says:\nVatersay Cloud has joined the OpenStack Foundation, I heard.\n")
    assert events(text) == set()


def test_a_sentence_that_starts_like_a_header_does_not_hide_the_story() -> None:
    text = ("Story\n\nComments on the plan were due on Friday.\n"
            "Vatersay Cloud has joined the OpenStack Foundation.\n")
    assert events(text) == {("Vatersay Cloud", "joined")}


def test_a_feed_teaser_need_not_repeat_the_headline_name() -> None:
    text = ("Mingulay Hosting signs on as OpenInfra Foundation Silver member\n\n"
            "The island hosting firm says membership will help it shape long-term support.")
    assert events(text) == {("Mingulay Hosting", "joined")}


def test_a_long_body_must_name_an_unknown_headline_company() -> None:
    body = "The foundation said membership grew this year. " * 12
    assert events(body, title="Pabbay Systems joins OpenStack Foundation") == set()


@pytest.mark.parametrize("text", [
    "We left the OpenStack Foundation that spring and told ourselves we would come back.",
    "That year, Sandray Labs joined the OpenStack Foundation as a Gold member.",
    "By then, Sandray Labs had left the OpenStack Foundation.",
    "The following year Sandray Labs joined the OpenInfra Foundation as a Silver member.",
])
def test_a_time_told_earlier_in_the_story_is_background(text: str) -> None:
    assert events(text) == set()


def test_this_spring_is_the_news() -> None:
    assert events("Sandray Labs joined the OpenStack Foundation this spring.") == {
        ("Sandray Labs", "joined")}


def test_bare_change_headings_take_their_meaning_from_the_headline() -> None:
    diff = ("OpenInfra Foundation member list: what changed this quarter\n\n"
            "Generated from the public member pages.\n\nADDED\nAdded: Scourie Cloud (Silver).\n\n"
            "REMOVED\nRemoved: Lairg Hosting (Gold).\n")
    assert events(diff) == {("Scourie Cloud", "joined"), ("Lairg Hosting", "left")}
    notes = ("OpenStack Yoga release notes: Nova highlights\n\nChanges in Yoga.\n\n"
             "ADDED\nAdded: Libvirt (vTPM support).\n\nREMOVED\nRemoved: XenAPI (driver).\n")
    assert events(notes) == set()
