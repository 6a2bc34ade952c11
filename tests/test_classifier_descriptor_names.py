"""Descriptor-led names and acronyms: "The National Agency for Digital
Infrastructure (ANIN)" is one organisation (never "Digital Infrastructure"),
reported in whichever form, full or acronym, the story uses more; a common
noun such as "Company" or "Agency" opening a line is never an organisation.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.names import classify_name
from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("The Centre for Coastal Computing has joined the OpenStack Foundation as an Associate "
     "Member.", "Centre for Coastal Computing"),
    ("The Office for Public Compute became an Associate Member of the OpenInfra Foundation "
     "on Monday.", "Office for Public Compute"),
])
def test_for_inside_a_descriptor_led_name(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_for_after_an_ordinary_name_is_no_part_of_it() -> None:
    text = "Thanks for Brora Cloud: Brora Cloud has joined the OpenStack Foundation."
    assert events(text) == {("Brora Cloud", "joined")}


ACRONYM_STORY = ("The Agency for Northern Networks (ANN) has joined the OpenInfra Foundation as an "
                 "Associate Member. {more}")


@pytest.mark.parametrize(("more", "company"), [
    ("ANN runs two regions. ANN said the move was overdue.", "ANN"),
    ("The Agency for Northern Networks runs two regions. The Agency for Northern Networks said "
     "the move was overdue.", "Agency for Northern Networks"),
])
def test_the_form_the_story_uses_more(more: str, company: str) -> None:
    assert events(ACRONYM_STORY.format(more=more)) == {(company, "joined")}


def test_an_acronym_subject_becomes_the_full_name_the_story_prefers() -> None:
    text = ("KCL has joined the OpenStack Foundation. The Kirkwall Compute Laboratory (KCL) "
            "runs a research cloud. The Kirkwall Compute Laboratory said it would contribute "
            "to Nova, and the Kirkwall Compute Laboratory will host a meetup.")
    assert events(text) == {("Kirkwall Compute Laboratory", "joined")}


@pytest.mark.parametrize("word", ["Company", "Agency", "University", "Firm", "Group"])
def test_a_common_noun_alone_is_no_organisation(word: str) -> None:
    lex = Classifier().rules.lexicon
    assert classify_name(word, lex) == "none"


def test_a_headline_deck_opening_with_company_names_nobody() -> None:
    text = ("Skerry Labs joins the OpenInfra Foundation\n\n"
            "Company to contribute to StarlingX\n\n"
            "AMSTERDAM--(WIRE)--May 3, 2021--skerry labs, the edge software maker, today "
            "announced that it has joined the OpenInfra Foundation as a Silver Member.")
    assert ("Company", "joined") not in events(text)


def test_a_wire_dateline_date_is_not_part_of_the_name() -> None:
    text = ("OBAN--(WIRE)--June 8, 2022--Lorne Robotics, the warehouse automation company, "
            "today announced that it has joined the OpenInfra Foundation as a Silver Member.")
    assert events(text) == {("Lorne Robotics", "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("The University of Lewis at Stornoway has joined the OpenStack Foundation as an "
     "Associate Member.", "University of Lewis at Stornoway"),
    ("Kelpie College at Inverness became an Associate Member of the OpenInfra Foundation "
     "this week.", "Kelpie College at Inverness"),
    ("The University of North Harris at Tarbert Bay has joined the OpenStack Foundation.",
     "University of North Harris at Tarbert Bay"),
])
def test_a_campus_keeps_its_at_place(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}
