"""History is not news: events a story dates a year or more before its own
date, timeline lines, and the past told by a story that looks back
(anniversaries, "this week in history") are background; news inside such a
story, and events dated in the story's own year, still count.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.document import prepare
from classifiers.engine import related_header_re
from classifiers.history import History, dates, months_before
from tests.classifier_helpers import events


def _prepared(text: str) -> History:
    classifier = Classifier()
    return prepare(text, None, classifier.rules.lexicon, related_header_re(())).history


def test_an_anniversary_piece_reports_no_history() -> None:
    story = (
        "The OpenStack Foundation at 10: how the member list grew\n\n"
        "Long read | August 3, 2022 | by R. Quint\n\n"
        "Its first Platinum members were Tarbet Cloud, Luss Systems and Arrochar Networks.\n\n"
        "Rowardennan Data joined as a Gold member of the OpenStack Foundation a month before "
        "the launch party.\n\n"
        "Balloch Telecom left the OpenStack Foundation after a change of owner.\n")
    assert events(story) == set()


def test_a_history_column_with_year_led_lines_reports_nothing() -> None:
    story = (
        "The Rack Report | Issue 77 | March 6, 2024\n\n"
        "THIS WEEK IN CLOUD HISTORY\n\n"
        "2014 -- Crianlarich Hosting arrives. On March 4, Crianlarich Hosting said it had "
        "joined the OpenStack Foundation as a Silver member.\n\n"
        "2018 -- Tyndrum Data signed up as a Corporate Sponsor of the OpenStack Foundation on "
        "March 8, 2018.\n")
    assert events(story) == set()


def test_a_timeline_box_in_a_dated_story_is_history() -> None:
    story = (
        "Killin Networks: a profile\n\nBy M. Lorne | June 12, 2021\n\n"
        "Killin Networks builds private clouds for schools.\n\n"
        "Timeline\n"
        "2013 — Killin Networks joins the OpenStack Foundation as a Silver member\n"
        "2017 — Killin Networks leaves the OpenStack Foundation\n")
    assert events(story) == set()


@pytest.mark.parametrize("sentence", [
    "Less than a year later, in May 2013, Comrie Cloud left the OpenStack Foundation and "
    "moved its staff to other work.",
    "Comrie Cloud joined the OpenStack Foundation as a Gold member on 9 July 2012, when the "
    "list was short.",
    "It was Comrie Cloud that joined the OpenStack Foundation in the spring of 2014.",
])
def test_an_event_dated_years_before_the_story_is_background(sentence: str) -> None:
    story = f"Comrie Cloud changes course\n\nBy P. Dunoon | October 2017\n\n{sentence}\n"
    assert events(story) == set()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In August 2017, Comrie Cloud joined the OpenStack Foundation as a Gold member.",
     {("Comrie Cloud", "joined")}),
    ("On 2 October 2017, Comrie Cloud left the OpenStack Foundation.",
     {("Comrie Cloud", "left")}),
    ("Comrie Cloud has withdrawn from the OpenStack Foundation it helped found in 2012.",
     {("Comrie Cloud", "left")}),
    ("Comrie Cloud, founded in 2009, joined the OpenStack Foundation as a Silver member "
     "this week.", {("Comrie Cloud", "joined")}),
])
def test_an_event_dated_in_the_storys_own_year_or_told_as_news_stands(
        sentence: str, expected: set[tuple[str, str]]) -> None:
    story = f"Comrie Cloud changes course\n\nBy P. Dunoon | October 2017\n\n{sentence}\n"
    assert events(story) == expected


def test_news_inside_a_retrospective_still_counts() -> None:
    story = (
        "Looking back: ten years of the OpenStack Foundation\n\n"
        "By K. Moffat | September 20, 2022\n\n"
        "The founding Gold members were Fintry Data and Drymen Systems.\n\n"
        "Fintry Data left the OpenStack Foundation when its parent was sold. And this week "
        "Gartmore Compute joined the OpenStack Foundation as the newest Platinum member.\n")
    assert events(story) == {("Gartmore Compute", "joined")}


def test_a_wire_dateline_is_not_a_timeline_entry() -> None:
    story = ("Aberfoyle Systems joins the OpenStack Foundation\n\n"
             "ATLANTA, April 12, 2011 /PRNewswire/ -- Aberfoyle Systems today announced that "
             "it has joined the OpenStack Foundation as a Gold member.\n")
    assert events(story) == {("Aberfoyle Systems", "joined")}


def test_a_year_that_names_a_thing_dates_no_event() -> None:
    story = ("Callander Cloud returns to the OpenStack Foundation after its 2019 exit\n\n"
             "Posted June 3, 2023\n\n"
             "Callander Cloud rejoined the OpenStack Foundation as a Silver member.\n")
    assert events(story) == {("Callander Cloud", "joined")}


@pytest.mark.parametrize(("text", "story"), [
    ("A headline for the story\n\nBy A. Writer | April 2016\n\nBody.", (2016, 4)),
    ("A headline for the story\n\nPublished: 2016-04-12\n\nBody.", (2016, 4)),
    ("A headline for the story\n\nThe platform is still widely used in 2020, and it was "
     "launched in 2010.", (2020, None)),
    ("A headline for the story\n\nNothing dated here.", None),
])
def test_the_storys_own_date(text: str, story: tuple[int, int | None] | None) -> None:
    assert _prepared(text).story == story


@pytest.mark.parametrize(("title", "looks_back"), [
    ("OpenStack at 10: the long road", True),
    ("Five years on, a rival project soldiers on", True),
    ("The summit turns fifteen", True),
    ("Acme joins the OpenStack Foundation at 10 am sharp", False),
    ("Acme joins the OpenStack Foundation", False),
])
def test_what_frames_a_story_as_looking_back(title: str, looks_back: bool) -> None:
    assert _prepared(f"{title}\n\nBody text of the story.").retrospective is looks_back


def test_dates_and_how_far_back_they_lie() -> None:
    found = dates("It joined in the summer of 2010 and left on July 16, 2015, after the 2013 vote.")
    assert [(d.year, d.month) for d in found] == [(2010, 8), (2015, 7)]
    assert months_before((2015, 7), (2016, 7)) == 12
    assert months_before((2015, None), (2016, None)) == 1  # a bare year may be recent


@pytest.mark.parametrize("line", [
    "**June 2013.** Forres Compute joins the OpenStack Foundation, laying the ground for its "
    "public cloud.",
    "Forres Compute becomes a Gold member of the OpenStack Foundation.",
    "- Forres Compute quits the OpenStack Foundation after its merger.",
])
def test_the_historical_present_in_a_look_back_is_history(line: str) -> None:
    story = ("OpenStack at ten: a timeline\n\nBy the editors | July 2020\n\n"
             "OpenStack turns ten this month. Here is the decade in a few lines.\n\n"
             f"{line}\n")
    assert events(story) == set()


def test_news_in_a_look_back_still_needs_a_news_cue() -> None:
    story = ("OpenStack at ten: a timeline\n\nBy the editors | July 2020\n\n"
             "OpenStack turns ten this month. Here is the decade in a few lines.\n\n"
             "Forres Compute becomes a Gold member of the OpenStack Foundation.\n\n"
             "This week, Nairn Data joins the OpenStack Foundation as its newest Silver member.\n")
    assert events(story) == {("Nairn Data", "joined")}


def test_a_month_and_year_lead_a_timeline_line() -> None:
    story = ("Forres Compute: a profile\n\nBy M. Lorne | June 12, 2021\n\n"
             "**July 2014.** Forres Compute joins the OpenStack Foundation as a Silver member.\n")
    assert events(story) == set()


_DIGEST = ("Open infra digest - March 2023\n\nMembership notes\n\nNo organisations joined or "
           "left the OpenStack Foundation this month.\n\n")


@pytest.mark.parametrize("section", [
    "From the archive\n\nA reader sent us an old headline, \"Kelso Cloud formally joins the "
    "OpenStack Foundation,\" to remind us how much has changed.",
    "Ten years ago\n\nBrora Systems became a Gold member of the OpenStack Foundation, the first "
    "bank to do so.",
    "Flashback\n\nTain Data quit the OpenStack Foundation in a huff, and its chief executive "
    "said so on stage.",
    "Ten years ago this month, the foundation was barely a year old. A reader sent us an old "
    "headline from that spring, \"Kelso Cloud formally joins the OpenStack Foundation,\" to "
    "remind us how much has changed.",
    "Five years ago this week the summit was in Sydney. Brora Systems signed on as a Silver "
    "member of the OpenStack Foundation there.",
    "Releases\n\nThe Antelope release shipped. Bobcat is next. Operators are pleased. The "
    "docs are better.\n\nLooking back\n\nTain Data quit the OpenStack Foundation in a huff, "
    "and its chief executive said so on stage.",
])
def test_a_digest_section_that_looks_back_tells_history(section: str) -> None:
    assert events(_DIGEST + section) == set()


@pytest.mark.parametrize(("section", "expected"), [
    ("Looking ahead\n\nTain Data signed up as a Silver member of the OpenStack Foundation on "
     "Monday, and the board meets next week.", {("Tain Data", "joined")}),
    ("From the archive\n\nOur archive of member news is now searchable. Brora Systems has joined "
     "the OpenStack Foundation as a Gold member this week.", {("Brora Systems", "joined")}),
    ("Ten years ago this month, the foundation was barely a year old.\n\nNews\n\nKelso Cloud "
     "joined the OpenStack Foundation as a Gold member on Tuesday.", {("Kelso Cloud", "joined")}),
])
def test_news_beside_a_look_back_still_counts(section: str,
                                              expected: set[tuple[str, str]]) -> None:
    assert events(_DIGEST + section) == expected


def test_a_review_of_the_stories_own_year_is_news() -> None:
    text = ("OpenInfra in 2022: the year in membership and milestones\n\n"
            "A look back from our editorial desk | December 28, 2022\n\n"
            "Two companies dropped off the roster during the year: Brede Systems withdrew from "
            "the OpenInfra Foundation in March. On the other side of the ledger, Kell Edge signed "
            "on as a silver member of the OpenInfra Foundation in August.")
    assert events(text) == {("Brede Systems", "left"), ("Kell Edge", "joined")}


def test_a_look_back_at_an_earlier_year_stays_history() -> None:
    text = ("OpenInfra in 2015: the year in membership\n\n"
            "A look back from our editorial desk | December 28, 2022\n\n"
            "Brede Systems withdrew from the OpenInfra Foundation in March that year.")
    assert events(text) == set()
