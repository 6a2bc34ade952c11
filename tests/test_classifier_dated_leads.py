"""Events a sentence dates a year or more back are background: "A year ago
...", "follows Acme's decision last year to ..."; the news in the same story
still counts.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

TITLE = "Cloud strategy notes"


@pytest.mark.parametrize("text", [
    "A year ago it handed its orchestrator to the Apache Software Foundation, a decision "
    "that coincided with Tollund's exit from OpenStack.",
    "Two years ago, Tollund joined the OpenStack Foundation.",
    "The move follows Tollund's decision last year to take a platinum seat at the OpenStack "
    "Foundation.",
])
def test_history_told_in_passing_is_no_event(text: str) -> None:
    assert events(text, TITLE) == set()


def test_the_news_beside_the_history_counts() -> None:
    text = ("Brede Telecom said on Monday it has joined the OpenStack Foundation as a Gold "
            "member. The move follows Tollund's decision last year to take a platinum seat.")
    assert events(text, TITLE) == {("Brede Telecom", "joined")}


def test_a_rejoin_after_an_old_exit_is_news() -> None:
    assert events("Tollund, which left two years ago, has rejoined the OpenStack Foundation.",
                  TITLE) == {("Tollund", "joined")}


PODCAST = """THE STACK HOUR -- Episode 40: from OpenStack to containers

Recorded {month} 2020. Transcript lightly edited.

[00:00:05] HOST: My guest runs engineering at Kell Data, which has run OpenStack since 2013.

[00:00:12] TOVE LUND (Kell Data): Thanks for having me. Kell Data is still an OpenStack shop.

[00:00:43] HOST: What changed in how Kell Data engages with the OpenStack Foundation?

[00:00:45] LUND: We let our gold membership lapse at the end of last year.
"""


def test_the_end_of_last_year_told_early_in_the_next_is_news() -> None:
    assert events(PODCAST.format(month="March")) == {("Kell Data", "left")}


def test_the_end_of_last_year_told_in_the_autumn_is_history() -> None:
    assert events(PODCAST.format(month="September")) == set()
