"""Round 10: qualifiers before "member" ("a card-carrying member"), a
mailing-list welcome of new sponsors, and a story that opens with a participle
clause ("Asked about the change, a X spokeswoman confirmed that the company...").

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Lanrick Data is now a card-carrying member of the OpenStack Foundation.",
     {("Lanrick Data", "joined")}),
    ("Orvane Labs is now a fully paid-up member of the OpenStack Foundation.",
     {("Orvane Labs", "joined")}),
    ("Tarrin Cloud became a card-carrying Silver member of the OpenStack Foundation this week.",
     {("Tarrin Cloud", "joined")}),
    ("Morrow Systems is now a bona fide sponsor of the OpenStack Foundation.",
     {("Morrow Systems", "joined")}),
    ("Kelsey Grid has been approved as a fully paid-up Gold member of the OpenStack Foundation.",
     {("Kelsey Grid", "joined")}),
    ("Brannoch is no longer a card-carrying member of the OpenStack Foundation.",
     {("Brannoch", "left")}),
])
def test_a_qualifier_between_article_and_member(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Quillon is now a would-be member of the OpenStack Foundation.",
    "Quillon is now a former member of the OpenStack Foundation.",
])
def test_a_not_yet_or_no_longer_qualifier_is_no_join(text: str) -> None:
    assert events(text) == set()


POST = ("From: Staff <staff at lists.openstack.org>\nTo: foundation at lists.openstack.org\n"
        "Subject: [Foundation] Housekeeping\nDate: Mon, 7 Nov 2022 10:12:45 +0000\n\nHi all,\n\n")


@pytest.mark.parametrize(("body", "expected"), [
    ("Please join me in welcoming Tessaly Networks and Brightholm AS, whose Corporate Sponsor "
     "agreements were countersigned on Friday.",
     {("Tessaly Networks", "joined"), ("Brightholm", "joined")}),
    ("We are delighted to welcome Corrib Cloud, who signed on as a Gold member last week.",
     {("Corrib Cloud", "joined")}),
    ("Let's welcome Aberlady Systems and Tain Data to the ranks of our Silver members.",
     {("Aberlady Systems", "joined"), ("Tain Data", "joined")}),
    ("Please welcome Fenwick Labs, whose membership paperwork went through on Monday.",
     {("Fenwick Labs", "joined")}),
])
def test_a_list_post_welcoming_new_sponsors(body: str, expected: set[tuple[str, str]]) -> None:
    assert events(POST + body + "\n") == expected


@pytest.mark.parametrize("body", [
    "Please welcome Fenwick Labs, who spoke about their upgrade at the summit.",
    "Please welcome Dana Whitfield, who has joined the staff; she was a board member before.",
    "Please welcome Fenwick Labs, whose membership application is still pending.",
])
def test_a_welcome_that_says_no_membership_is_no_join(body: str) -> None:
    assert events(POST + body + "\n") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Halvard Networks and Eskdal AS have joined the OpenStack Foundation as Silver members.",
     {("Halvard Networks", "joined"), ("Eskdal", "joined")}),
    ("Marlow Gas and Light Co. has joined the OpenStack Foundation.",
     {("Marlow Gas and Light", "joined")}),
])
def test_a_whole_company_name_before_and_is_a_name_of_its_own(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Asked about the change, a Tolsta spokeswoman confirmed that the company had chosen not "
     "to renew its OpenStack Foundation membership.", {("Tolsta", "left")}),
    ("Reached for comment on Friday, a Tolsta spokesman said the company would not renew its "
     "Gold membership in the OpenStack Foundation.", {("Tolsta", "left")}),
    ("Speaking at the summit, the Vornic CTO said the firm had joined the OpenStack Foundation "
     "as a Silver member.", {("Vornic", "joined")}),
    ("Boeing in 2019 joined the OpenStack Foundation.", {("Boeing", "joined")}),
])
def test_a_participle_opener_is_no_name_and_the_speaker_names_the_company(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


def test_the_company_after_a_participle_opener_is_the_story_company() -> None:
    text = ("Skerray drops off OpenStack Foundation roster\n\n"
            "Skerray no longer appears among the foundation's Silver members.\n\n"
            "Asked about the change, a spokeswoman confirmed that the company had chosen not "
            "to renew its membership when it expired in January.\n")
    assert events(text) == {("Skerray", "left")}
