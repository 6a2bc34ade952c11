""""We", "our company": the story's own company, found in the headline, the lede,
the publisher line or the "About X" boilerplate.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.document import prepare
from classifiers.engine import related_header_re
from classifiers.principal import most_prominent, publisher
from classifiers.resolve import Mentions
from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    # interview: named in the headline next to a job title, and as the lede's subject
    ("Q&A: Kinloch Data CTO on the road to membership\n\n"
     "Kinloch Data, a Glasgow hosting firm, has run OpenStack since 2015. We met its CTO.\n\n"
     "Q: What changed?\n\nA: We became a Silver member of the OpenStack Foundation in May. "
     "AWS and Google have regions nearby, but our customers stay local.", "Kinloch Data"),
    # press release: the dateline lede and the About boilerplate
    ("Edge hardware maker expands open-source work\n\n"
     "OBAN, Scotland, May 3, 2021 /PRNewswire/ -- Lismore Edge, a maker of rugged servers, "
     "today outlined its plans. \"We have joined the OpenInfra Foundation as a Gold member,\" "
     "said the chief technology officer.\n\nAbout Lismore Edge\nLismore Edge builds servers.",
     "Lismore Edge"),
    # only the boilerplate names the company
    ("A note from the team\n\nQ: What happened this spring?\n\nA: Our company joined the "
     "OpenStack Foundation as a Silver member in April.\n\n"
     "About Tobermory Cloud: Tobermory Cloud runs a public cloud in Mull.", "Tobermory Cloud"),
    # earnings call: the title names the company; greetings and speaker labels do not
    ("Staffa Networks, Inc. (STFA) Q2 2022 Earnings Call Transcript\n\n"
     "Operator: Good afternoon and welcome to the call.\n\n"
     "Chief Executive: Thank you. In the quarter we ended our Gold membership in the "
     "OpenStack Foundation.", "Staffa Networks"),
])
def test_we_is_the_storys_own_company(text: str, company: str) -> None:
    found = events(text)
    assert {c for c, _ in found} == {company}


def test_contracted_pronouns_and_greetings_are_not_names() -> None:
    classifier = Classifier()
    lex = classifier.rules.lexicon
    text = ("Iona Compute looks back\n\nWe're not a huge company. You've heard that before. "
            "Good afternoon, said Iona Compute.")
    doc = prepare(text, None, lex, related_header_re(lex.words["related_headers"]))
    mentions = Mentions(doc.sentences, lex)
    names = {name for i in range(len(doc.sentences)) for _, name in mentions.in_sentence(i)}
    assert names == {"Iona Compute"}


def test_a_lone_first_name_is_a_person_not_the_principal() -> None:
    text = ("Life at a small OpenStack shop\n\nA: We joined the OpenStack Foundation as a Silver "
            "member in April. Jane at Rowanberry pushed for it.")
    assert events(text) == set()


def test_the_publisher_line_may_carry_a_legal_suffix_and_ticker() -> None:
    lex = Classifier().rules.lexicon
    doc = prepare("Coll Data, Inc. (COLL) Q1 2020 Earnings Call\n\nOperator: Welcome.", None,
                  lex, related_header_re(()))
    assert publisher(doc.sentences, lex) == "Coll Data"
    mentions = Mentions(doc.sentences, lex)
    assert most_prominent(doc.sentences, lex, mentions.in_sentence, mentions.subjects) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Ulva Systems: we have left the OpenStack Foundation", {("Ulva Systems", "left")}),
    ("Operator: We have joined the OpenStack Foundation as a Gold member, the caller said.",
     set()),
])
def test_a_speaker_label_is_the_speaker_when_it_names_an_organisation(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
