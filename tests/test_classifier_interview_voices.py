"""Interview and forum first person: a Q&A answer labelled with the speaker's
surname ("Okafor: We joined ...") speaks for the company the interview is
about, not for a company called "Okafor"; a writer who says who "we" are
("We're Fennwick Hosting, ...", "Here at X, we ...") speaks for that company.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.names import is_surname
from tests.classifier_helpers import events

INTERVIEW = ("Q&A: Ballater Systems' CTO on the foundation\n\n"
             "Ballater Systems builds storage appliances. We spoke with co-founder and CTO "
             "{first} Menteith about the company's plans.\n\n"
             "Q: What is new?\n\n"
             "Menteith: We joined the OpenStack Foundation as a Silver member last week.")


@pytest.mark.parametrize("first", ["Dana", "Ailsa"])  # a listed first name, and one that is not
def test_a_surname_speaker_label_speaks_for_the_interviewed_company(first: str) -> None:
    assert events(INTERVIEW.format(first=first)) == {("Ballater Systems", "joined")}


def test_a_company_speaker_label_still_speaks_for_itself() -> None:
    text = ("Earnings call notes\n\nOperator: Welcome.\n\n"
            "Kinross Data: We have joined the OpenStack Foundation as a Gold member.")
    assert events(text) == {("Kinross Data", "joined")}


@pytest.mark.parametrize(("body", "name", "person"), [
    ("We met CTO Dana Okafor in Austin.", "Okafor", True),
    ("Ewan Brodie, chief executive of Nairn Cloud, said so.", "Brodie", True),
    ("Mark Callahan joined later.", "Callahan", True),
    ("Big Kelso Networks grew fast.", "Kelso", False),
    ("The Kelso Networks team grew fast.", "Networks", False),
])
def test_who_the_story_names_as_a_person(body: str, name: str, person: bool) -> None:
    lex = Classifier().rules.lexicon
    assert is_surname(body, name, lex) is person


@pytest.mark.parametrize(("text", "expected"), [
    ("Posted by u/ops_person\n\nWe're Glenshee Hosting, a small MSP in Perth, and this year we "
     "decided not to renew our OpenInfra Foundation Silver membership.",
     {("Glenshee Hosting", "left")}),
    ("Community thread\n\nHere at Ardgay Data, we signed up as a Corporate Sponsor of the "
     "OpenStack Foundation this month.", {("Ardgay Data", "joined")}),
    ("Forum reply\n\nWe are Tain Compute. Last week we became a Gold member of the OpenStack "
     "Foundation.", {("Tain Compute", "joined")}),
])
def test_we_are_whoever_the_writer_says_we_are(text: str,
                                               expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Forum post\n\nWe are Gold members of the OpenStack Foundation and happy with it.",
    "Forum post\n\nWe're Dornoch Data, and we might join the OpenStack Foundation next year.",
])
def test_self_naming_that_reports_no_change(text: str) -> None:
    assert events(text) == set()


def test_a_discussion_flair_under_the_title_opens_no_comment_block() -> None:
    text = ("r/openstack\n\nWe cancelled our membership\n\nDiscussion\n\n"
            "We're Lybster Cloud, a hosting firm, and last month we cancelled our OpenInfra "
            "Foundation Silver membership.\n\nWhy we left:\n\n- No summits nearby\n\n"
            "- The money buys engineering time\n\nWe still run OpenStack.\n\n"
            "Happy to answer questions.")
    assert events(text) == {("Lybster Cloud", "left")}
