"""Names that contain "and", appositives that name a parent, and pronouns after a
reporting verb.

Every phrasing here is written for these tests; the companies are invented
(the alias-table case uses a real company on purpose).
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.names import list_names, one_name
from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Stromness Gas and Light Co. has joined the OpenStack Foundation as a Silver member.",
     {("Stromness Gas and Light", "joined")}),
    ("TOKYO -- Nippon Telegraph and Telephone Corp. has signed on as a Gold member of the "
     "OpenStack Foundation.", {("NTT", "joined")}),
    ("The OpenInfra Foundation welcomed Scapa Water and Power Ltd. as a Silver member.",
     {("Scapa Water and Power", "joined")}),
    # two known companies, or no suffix: two organisations
    ("Dell and Intel Corp. have joined the OpenStack Foundation as Gold members.",
     {("Dell", "joined"), ("Intel", "joined")}),
    ("Hoy Data and Flotta Systems have joined the OpenStack Foundation as Silver members.",
     {("Hoy Data", "joined"), ("Flotta Systems", "joined")}),
])
def test_and_inside_a_name(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


def test_one_name_needs_the_suffix_on_the_last_part_only() -> None:
    lex = Classifier().rules.lexicon
    assert one_name("Graemsay Gas", "Electric Co.", lex)
    assert not one_name("Graemsay Gas Inc.", "Electric Co.", lex)
    assert not one_name("Graemsay Gas", "Electric", lex)
    assert list_names("Graemsay Gas and Electric Co.", lex) == ("Graemsay Gas and Electric",)
    assert list_names("Hoy Data, Flotta Systems and Rousay Co.", lex) == (
        "Hoy Data", "Flotta Systems", "Rousay")


@pytest.mark.parametrize(("text", "company"), [
    ("Egilsay Pay, the payments affiliate of Wyre Holdings Group Ltd. that runs the TapCash "
     "wallet, said today it has joined the OpenStack Foundation as a Platinum member.",
     "Egilsay Pay"),
    ("Shapinsay Cloud, a subsidiary of Papa Westray Group, said on Monday it has become a "
     "Silver member of the OpenInfra Foundation.", "Shapinsay Cloud"),
    ("Sanday Networks, which Eday Capital bought in 2019, announced in a statement that it "
     "has joined the OpenStack Foundation as a Gold member.", "Sanday Networks"),
])
def test_it_after_said_is_the_reporter_not_the_parent(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Burray Systems and Hunda Data confirmed on Thursday that they had joined the OpenStack "
     "Foundation as Silver members.", {("Burray Systems", "joined"), ("Hunda Data", "joined")}),
    # the speculation sits between the reporters and the pronoun
    ("Burray Systems and Hunda Data are widely expected to announce that they are joining the "
     "OpenStack Foundation.", set()),
    ("Burray Systems is said to be preparing to announce that it has joined the OpenStack "
     "Foundation.", set()),
])
def test_a_pronoun_after_a_reporting_verb_is_judged_from_the_reporter(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


def test_a_short_form_and_a_located_legal_name_are_one_company() -> None:
    text = ("Lamb Holm Cloud joins OpenInfra Foundation as Gold Member\n\n"
            "KIRKWALL, June 20, 2023 -- Orkney Lamb Holm Cloud Computing Co., Ltd., a hosting "
            "provider, today announced it has joined the OpenInfra Foundation as a Gold Member.")
    assert events(text) == {("Orkney Lamb Holm Cloud Computing", "joined")}


# A listed member described by a relative clause ("A, which ..., and B, who ...").
@pytest.mark.parametrize(("text", "expected"), [
    ("The OpenStack Foundation board approved two new gold members: Brede Telecom, which many "
     "of you know from its training courses, and Ostby Systems, which has been contributing "
     "to the storage service for a year.", {"Brede Telecom", "Ostby Systems"}),
    ("The OpenStack Foundation welcomed three new silver members: Kell Data, who ran the last "
     "meetup, Tarn Networks and Ostby Systems.", {"Kell Data", "Tarn Networks", "Ostby Systems"}),
])
def test_members_described_by_a_relative_clause_all_join(text: str, expected: set[str]) -> None:
    assert events(text) == {(name, "joined") for name in expected}


def test_a_relative_clause_is_no_part_of_the_listed_names() -> None:
    lex = Classifier().rules.lexicon
    assert list_names("Brede Telecom, which trains Operators in Oslo, and Ostby Systems",
                      lex) == ("Brede Telecom", "Ostby Systems")


def test_a_company_named_inside_the_relative_clause_does_not_join() -> None:
    text = ("The OpenStack Foundation board approved two new gold members: Brede Telecom, which "
            "bought Kell Data last spring, and Ostby Systems.")
    assert events(text) == {("Brede Telecom", "joined"), ("Ostby Systems", "joined")}
