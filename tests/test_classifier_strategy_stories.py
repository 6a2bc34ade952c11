"""Membership moves inside business stories: "bought a seat at the table as
a Platinum member", "proud to be one of the founding members", "the other
platinum founders are A and B", a dated opening clause that frames a long
sentence, and "the foundation" right after a sentence about another one.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

LAUNCH = ("Vendor bets on open source as new cloud foundation takes shape\n\n"
          "As the independent OpenStack Foundation was formally unveiled on Tuesday, {news}")


@pytest.mark.parametrize(("news", "expected"), [
    ("Kell Data bought a seat at the table as a Platinum member.", {"Kell Data"}),
    ("Kell Data took a board seat as a Gold member.", {"Kell Data"}),
    ("Kell Data was there. The other platinum founders are Brede Telecom and Ostby Systems.",
     {"Brede Telecom", "Ostby Systems"}),
    ('Kell Data was there. "We are proud to be one of the founding Platinum members of the '
     'OpenStack Foundation," said Ada Moe, Kell Data\'s vice president.', {"Kell Data"}),
])
def test_joins_told_the_way_business_stories_do(news: str, expected: set[str]) -> None:
    assert events(LAUNCH.format(news=news)) == {(name, "joined") for name in expected}


def test_a_dated_opening_clause_frames_the_whole_sentence() -> None:
    text = ("Kell Data and OpenStack\n\nPublished March 2, 2018\n\nWhen the virtualisation "
            "leader paid $1 billion for Brede in 2012, it inherited a team of networking "
            "developers, and shortly afterwards it joined the OpenStack Foundation as a Gold "
            "member.")
    assert events(text) == set()


def test_the_foundation_after_a_sentence_about_another_one_is_that_one() -> None:
    text = ("Oracle bets on containers\n\nKell Data has a long history with OpenStack. The CNCF "
            "has been on a remarkable run. Brede, Ostby and Tarn have all joined the foundation "
            "in recent months.")
    assert events(text) == set()


def test_joiners_after_a_plural_descriptor_are_all_named() -> None:
    text = ("OpenStack board meeting\n\nNordic IT giants Brede Data and Ostby Systems were both "
            "approved as Gold members of the OpenStack Foundation at the meeting.")
    assert events(text) == {("Brede Data", "joined"), ("Ostby Systems", "joined")}


def test_an_approval_by_the_foundations_board_is_no_board_seat() -> None:
    text = ("OpenStack board meeting\n\nBrede Data was approved as a Gold member by the "
            "foundation's board at a meeting this week.")
    assert events(text) == {("Brede Data", "joined")}


def test_a_long_whose_aside_after_a_descriptor_is_not_the_gap() -> None:
    text = ("Brede Data and OpenStack\n\nBrede Data bought a networking start-up. The "
            "virtualisation company, whose products are what OpenStack's backers are trying to "
            "displace, is the latest to join the OpenStack Foundation.")
    assert events(text) == {("Brede Data", "joined")}


def test_the_seat_a_membership_clause_names_is_given_up() -> None:
    text = ("Brede Data after the merger\n\nOstby, which had held a Gold membership of the "
            "OpenStack Foundation since 2014, gave up the seat this summer.")
    assert events(text) == {("Ostby", "left")}


def test_a_directors_seat_on_the_board_is_no_membership() -> None:
    text = ("Brede Data after the merger\n\nOstby, a Gold member of the OpenStack Foundation, "
            "gave up its seat on the board this summer.")
    assert events(text) == set()


def test_an_on_behalf_of_aside_stays_out_of_the_subject() -> None:
    text = ("Research cloud newsletter\n\nAfter a vote in June, the University of Tarn, on "
            "behalf of the Tarn Research Cloud and its partners, has become an Associate Member "
            "of the OpenStack Foundation.")
    assert events(text) == {("University of Tarn", "joined")}


def test_a_shouted_welcome_heading_names_nobody() -> None:
    text = ("OpenInfra community digest\n\n-- WELCOME TO OUR NEW MEMBERS --\n\n"
            "Brede Data has joined the OpenInfra Foundation as a Silver member.")
    assert events(text) == {("Brede Data", "joined")}


@pytest.mark.parametrize("lead", ["The Minnesota server maker", "Brede Computing"])
def test_the_subject_of_a_series_of_predicates(lead: str) -> None:
    text = ("Server maker ends its cloud line\n\nBrede Computing has quietly ended its OpenStack "
            f"business. {lead} has stopped selling its distribution to new customers, will end "
            "support in mid-2019, and has dropped its membership of the OpenStack Foundation, "
            "the company confirmed.")
    assert events(text) == {("Brede Computing", "left")}


def test_a_list_member_with_an_article() -> None:
    text = ("Research cloud news\n\nLindholm University of Technology and the University of "
            "Tarn have joined the OpenStack Foundation as Associate Members.")
    assert events(text) == {("Lindholm University of Technology", "joined"),
                            ("University of Tarn", "joined")}
