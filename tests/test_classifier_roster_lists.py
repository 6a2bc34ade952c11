"""Lists of members in launch stories, newsletters and recaps: a copula list
after a long interrupting clause ("The six Platinum members, each of which
..., are A, B and C"), "N companies, including A and B, signed on" (every
named one), members with an article and a descriptor ("the non-profit X"),
and members with appositives after "were announced on stage:".

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

_LAUNCH = "The OpenInfra Foundation's Asian chapter officially launched on Monday in Osaka. "


def test_a_launch_roster_after_an_interrupting_clause() -> None:
    text = _LAUNCH + ("The four Platinum members, each of which has committed to a yearly fee "
                      "of $300,000 and a board seat, are Kansai Cloud, Naniwa Systems, Sakai "
                      "Data and Umeda Labs.")
    assert events(text) == {(c, "joined") for c in
                            ("Kansai Cloud", "Naniwa Systems", "Sakai Data", "Umeda Labs")}


def test_a_roster_that_only_includes_some_members_before_a_launch_is_no_event() -> None:
    text = ("The chapter will formally launch next month. Its Platinum members include Kansai "
            "Cloud and Naniwa Systems.")
    assert events(text) == set()


@pytest.mark.parametrize("verb", ["signed on at the Gold level", "have joined the OpenInfra "
                                  "Foundation as Gold members"])
def test_every_company_an_including_aside_names(verb: str) -> None:
    text = _LAUNCH + ("Another 9 companies, including Kobe Compute, Nara Networks and Otsu "
                      f"Data, {verb}.")
    assert events(text) == {(c, "joined") for c in ("Kobe Compute", "Nara Networks", "Otsu Data")}


def test_members_with_an_article_and_a_descriptor() -> None:
    text = ("The OpenInfra Foundation welcomed two new Associate members this month: the "
            "University of Brannock and the non-profit Harbour Data Trust.")
    assert events(text) == {("University of Brannock", "joined"),
                            ("Harbour Data Trust", "joined")}


def test_members_with_appositives_after_an_announcement_colon() -> None:
    text = ("Day two at the OpenStack Summit\n\nTwo new Gold members were announced on stage: "
            "Fjordline Cloud, a Bergen-based operator of OpenStack clouds for fisheries, and "
            "Skagen Digital, a Danish integrator that builds private clouds for ports and "
            "shipping lines.")
    assert events(text) == {("Fjordline Cloud", "joined"), ("Skagen Digital", "joined")}


def test_an_appositive_naming_partners_adds_no_member() -> None:
    text = ("Day two at the OpenStack Summit\n\nTwo new Gold members were announced on stage: "
            "Fjordline Cloud, a partner of Tromso Systems and Bodo Data, and Skagen Digital.")
    assert events(text) == {("Fjordline Cloud", "joined"), ("Skagen Digital", "joined")}


@pytest.mark.parametrize("owner", ["the foundation's", "the OpenInfra Foundation's", "its"])
def test_a_copula_roster_of_the_foundations_founding_members(owner: str) -> None:
    text = _LAUNCH + (f"Kansai Cloud, Naniwa Systems and Sakai Data are {owner} founding "
                      "Platinum members, each with a seat on the board.")
    assert events(text) == {(c, "joined") for c in ("Kansai Cloud", "Naniwa Systems",
                                                     "Sakai Data")}


def test_a_foundation_that_opens_its_doors_is_a_launch() -> None:
    text = ("OpenInfra Asia opens its doors with four platinum backers\n\n"
            "After a year of drafting bylaws, the body is now a legal entity. Money comes from "
            "the companies at the top tier. The founding platinum members of the foundation are "
            "Kansai Cloud, Naniwa Systems, Sakai Data and Umeda Labs.")
    assert events(text) == {(c, "joined") for c in
                            ("Kansai Cloud", "Naniwa Systems", "Sakai Data", "Umeda Labs")}


_LAUNCH_ROSTERS = [
    "The foundation launched with six Platinum members: Kansai Cloud, Naniwa Systems and Sakai "
    "Data.",
    "The OpenInfra Foundation opened its doors this week with four Gold members, including "
    "Kansai Cloud, Naniwa Systems and Sakai Data.",
    "The new OpenStack Foundation starts life with 24 founding members: Kansai Cloud, Naniwa "
    "Systems and Sakai Data.",
    "The foundation debuted with Platinum sponsors Kansai Cloud, Naniwa Systems and Sakai Data.",
    "The OpenStack Foundation was formed with members such as Kansai Cloud, Naniwa Systems and "
    "Sakai Data.",
    "The foundation officially launched on Monday with the backing of Kansai Cloud, Naniwa "
    "Systems and Sakai Data.",
    "The OpenInfra Foundation launches with support from Kansai Cloud, Naniwa Systems and Sakai "
    "Data, which each pay $500,000 a year.",
    "The foundation launched with 24 Gold members and eight Platinum members, including Kansai "
    "Cloud, Naniwa Systems and Sakai Data.",
]


@pytest.mark.parametrize("text", _LAUNCH_ROSTERS)
def test_what_the_foundation_launched_with_is_its_roster(text: str) -> None:
    assert events("The OpenStack Foundation formally launched as an independent non-profit "
                  "this week. " + text) == {(c, "joined") for c in
                                            ("Kansai Cloud", "Naniwa Systems", "Sakai Data")}


@pytest.mark.parametrize("text", [
    "The CNCF launched with eight Platinum members: Kansai Cloud, Naniwa Systems and Sakai Data.",
    "The OpenStack Foundation launched with a keynote from Kansai Cloud and Naniwa Systems.",
    "The OpenStack Foundation launched with members from 30 countries.",
    "The OpenStack Foundation launched a certification programme with partners Kansai Cloud and "
    "Naniwa Systems.",
    "The OpenStack Foundation launched in Austin with a keynote by Kansai Cloud.",
    "The CNCF launched on Monday with the backing of Kansai Cloud and Naniwa Systems.",
    "The OpenStack Foundation will launch with Platinum members Kansai Cloud and Naniwa Systems "
    "if the bylaws pass.",
])
def test_other_launches_and_other_company_are_no_roster(text: str) -> None:
    assert events(text) == set()


def test_a_launch_tier_that_comprises_its_members() -> None:
    text = ("OpenInfra Asia opens for business with four platinum backers\n\nThe body is now a "
            "legal entity. The platinum tier at launch comprises Kansai Cloud, Naniwa Systems, "
            "Sakai Data and Umeda Labs.")
    assert events(text) == {(c, "joined") for c in
                            ("Kansai Cloud", "Naniwa Systems", "Sakai Data", "Umeda Labs")}


def test_launch_members_with_an_interrupting_relative_clause() -> None:
    text = _LAUNCH + ("Gold members at launch, who pay a fee tied to revenue, include Kansai "
                      "Cloud, Naniwa Systems and Sakai Data.")
    assert events(text) == {(c, "joined") for c in ("Kansai Cloud", "Naniwa Systems",
                                                     "Sakai Data")}
