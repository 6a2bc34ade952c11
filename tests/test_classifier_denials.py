"""Claims a story reports, and claims the story's company denies.

A claim someone else makes ("a blog post claimed, citing unnamed sources,
that X would not renew") is speculation; and in a story where a company
denies a change, the same change found only in a claimed, reported or
future-tense sentence is the denied claim, not an event.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import classify
from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "A much-shared newsletter claimed on Friday, citing unnamed sources, that Cromarty Cloud "
    "would not renew its Gold membership of the OpenStack Foundation.",
    "Cromarty Cloud has allegedly quit the OpenInfra Foundation.",
    "Citing anonymous insiders, the post said Cromarty Cloud has left the OpenStack Foundation.",
    "Two bloggers have claimed that Cromarty Cloud is leaving the OpenInfra Foundation.",
])
def test_a_claim_someone_else_makes_is_no_event(text: str) -> None:
    assert events(text) == set()


DENIAL = ("Cromarty Cloud denies it is leaving the OpenInfra Foundation\n\n"
          "Cromarty Cloud has denied that it is leaving the OpenInfra Foundation. {sentence} "
          "\"We remain a Gold member,\" a company spokesperson said.")


@pytest.mark.parametrize("sentence", [
    "Cromarty Cloud will leave the OpenInfra Foundation at the end of the year, a trade "
    "newsletter wrote last week.",
    "Cromarty Cloud is quitting the OpenInfra Foundation, one industry site wrote on Monday.",
])
def test_a_denied_change_in_a_claimed_or_future_sentence_is_no_event(sentence: str) -> None:
    verdict = classify(DENIAL.format(sentence=sentence))
    assert verdict.events == ()
    assert any(t.rule == "veto.denied-elsewhere" for t in verdict.trace)


def test_a_plain_statement_of_the_change_still_stands() -> None:
    text = ("Cromarty Cloud leaves the OpenInfra Foundation after all\n\n"
            "In March Cromarty Cloud denied it was leaving the OpenInfra Foundation. This week "
            "Cromarty Cloud left the OpenInfra Foundation, the foundation confirmed.")
    assert events(text) == {("Cromarty Cloud", "left")}


def test_a_denial_by_another_company_changes_nothing() -> None:
    text = ("Dornoch Data denies it is leaving the OpenInfra Foundation\n\n"
            "Dornoch Data has denied that it is leaving the OpenInfra Foundation. Cromarty Cloud, "
            "meanwhile, will leave the OpenInfra Foundation at the end of the year, the company "
            "said on Monday.")
    assert events(text) == {("Cromarty Cloud", "left")}
