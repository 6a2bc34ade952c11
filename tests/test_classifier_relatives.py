"""Relative clauses after a place: the organisation is the antecedent, not the place.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.subjects import subject_before
from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Altiplano Red is a research computing consortium based in La Paz, Bolivia, that became "
     "a Silver Member of the OpenStack Foundation in February.", "Altiplano Red"),
    ("Ribeira Hosting is a cooperative headquartered in Braga, Portugal, which has joined the "
     "OpenInfra Foundation as a Gold member.", "Ribeira Hosting"),
    ("Bexhill Data is a startup from Leeds which has joined the OpenStack Foundation as a "
     "Silver member.", "Bexhill Data"),
    ("Dunmore Labs, a spin-out in Ghent, Belgium, which has joined the OpenInfra Foundation as "
     "a Silver Member.", "Dunmore Labs"),
    # not a place phrase: "came from X, which ..." keeps X
    ("The one change came from Camelford Systems, which enlisted in the OpenInfra Foundation "
     "as a Corporate Sponsor.", "Camelford Systems"),
])
def test_the_antecedent_is_the_organisation(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Marwick will supply servers to a research network in Lima, Peru, that became a Silver "
    "member of the OpenStack Foundation this month.",
    "Corlan runs clouds for a university in Quito, Ecuador, which has joined the OpenStack "
    "Foundation as a Silver member.",
])
def test_an_unnamed_antecedent_gives_no_company(text: str) -> None:
    assert events(text) == set()


def test_the_place_is_skipped_back_to_the_copulas_subject() -> None:
    lex = Classifier().rules.lexicon
    text = "Altiplano Red is a consortium based in La Paz, Bolivia, that became a member."
    found = subject_before(text, text.index("became"), lex)
    assert (found.how, found.names) == ("name", ("Altiplano Red",))
