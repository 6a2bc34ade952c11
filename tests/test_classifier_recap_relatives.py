"""Background attached to names in event recaps: a relative clause on a name,
dated before the story ("X, which upgraded to Gold in May and showed ..."),
tells what readers know already; one dated in the story's own month, or
lately ("which signed up on Monday"), is the news.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.document import prepare
from classifiers.engine import related_header_re
from tests.classifier_helpers import events

DATELINE = "Summit recap\n\nBy A. Writer | October 20, 2016\n\n"


@pytest.mark.parametrize("sentence", [
    "Among the speakers was Lunan Telecom, which upgraded to Gold membership in May and "
    "showed its new OpenStack core.",
    "The keynote came from Arbroath Data, which joined the OpenStack Foundation last year and "
    "now runs four regions.",
    "People still talked about Kinnaird Hosting, which left the OpenStack Foundation earlier "
    "this year.",
    "A demo came from Usan Cloud, which became a Corporate Sponsor of the OpenStack Foundation "
    "in 2014.",
])
def test_a_dated_relative_clause_in_a_recap_is_background(sentence: str) -> None:
    assert events(DATELINE + sentence) == set()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Most attention went to Lunan Telecom, which joined the OpenStack Foundation as a Gold "
     "member in October.", {("Lunan Telecom", "joined")}),
    ("The foundation said that Arbroath Data, which signed up as a Corporate Sponsor on "
     "Monday, will host the next meetup of the OpenStack Foundation.",
     {("Arbroath Data", "joined")}),
    ("Most attention went to Kinnaird Hosting, which has left the OpenStack Foundation.",
     {("Kinnaird Hosting", "left")}),
])
def test_a_relative_clause_that_is_the_news(sentence: str,
                                            expected: set[tuple[str, str]]) -> None:
    assert events(DATELINE + sentence) == expected


@pytest.mark.parametrize(("dateline", "month"), [
    ("Posted May 2, 2024 /PRNewswire/", "may"),
    ("Date: Tue Feb 9 2016", "feb"),
    ("2021-11-08", "nov"),
    ("No date here", None),
])
def test_the_dateline_gives_the_storys_month(dateline: str, month: str | None) -> None:
    classifier = Classifier()
    doc = prepare(f"A headline for the story\n\n{dateline}\n\nBody text.", None,
                  classifier.rules.lexicon, related_header_re(()))
    assert doc.month == month
