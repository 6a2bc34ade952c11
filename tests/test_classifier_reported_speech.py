"""Reported speech in the pluperfect is news; a year that opens the sentence is history.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("The OpenStack Foundation said this week that Arkle Data, Brora Cloud and Crail Systems "
     "had signed on as Corporate Sponsors.",
     {("Arkle Data", "joined"), ("Brora Cloud", "joined"), ("Crail Systems", "joined")}),
    ("The foundation announced on Monday, in a post on its blog, that Dalry Networks had joined "
     "the OpenInfra Foundation as a Silver member.", {("Dalry Networks", "joined")}),
    ("Elgin Compute told customers in a letter that it had withdrawn from the OpenStack "
     "Foundation.", {("Elgin Compute", "left")}),
    ("The OpenInfra Foundation confirmed that Forres Hosting and Gairloch IT had dropped out "
     "of its Silver tier.", {("Forres Hosting", "left"), ("Gairloch IT", "left")}),
    ("A spokesperson said Huntly Labs had been approved as a Gold member of the OpenStack "
     "Foundation at the board's March meeting.", {("Huntly Labs", "joined")}),
])
def test_a_reporting_verb_makes_the_pluperfect_news(text: str,
                                                    expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "By then, Arkle Data had joined the OpenStack Foundation as a Gold member.",
    "In 2013, Brora Cloud joined the OpenStack Foundation at the Gold level.",
    "Back in 2016 Crail Systems joined the OpenInfra Foundation as a Silver member.",
    "In March 2014, Dalry Networks signed on as a Silver member of the OpenStack Foundation.",
    "Elgin Compute said it had joined the OpenStack Foundation years earlier.",
    "The foundation said Forres Hosting had left the OpenStack Foundation in 2015.",
])
def test_history_stays_history(text: str) -> None:
    assert events(text) == set()


def test_the_storys_own_year_is_not_history() -> None:
    text = ("Gairloch IT goes Silver\n\nMay 2, 2016 -- In May 2016, Gairloch IT signed on as "
            "a Silver member of the OpenStack Foundation, the company said.")
    assert events(text) == {("Gairloch IT", "joined")}
