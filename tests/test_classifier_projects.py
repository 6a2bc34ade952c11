"""Software projects joining the foundation are not organisations joining it.

Every phrasing here is written for these tests; the new project names are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.names import classify_name
from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "Airship joins OpenStack Foundation as pilot project, alongside Kata Containers and Zuul",
    "Kata Containers has joined the OpenStack Foundation.",
    "StarlingX became a top-level project of the OpenInfra Foundation this week.",
    "Manila joined the OpenStack big tent in March.",
    # an invented project: what follows the verb says it is one
    "Fintry joins the OpenStack Foundation as a pilot project.",
    "Fintry has joined the OpenInfra Foundation as its fifth top-level project.",
    "Balfron, a new open-source project from a US carrier, joins the OpenInfra Foundation.",
])
def test_a_project_joining_is_not_a_company_event(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Keystone Data Systems became a Corporate Sponsor of the OpenStack Foundation.",
     "Keystone Data Systems"),
    ("Killin Labs, which builds tooling on top of Zuul, is now a Silver Member of the "
     "OpenStack Foundation.", "Killin Labs"),
    ("Fintry joined the OpenInfra Foundation as a Gold member.", "Fintry"),
])
def test_companies_beside_projects_still_count(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_project_names_are_classified_as_projects() -> None:
    lex = Classifier().rules.lexicon
    assert classify_name("Zuul", lex) == "project"
    assert classify_name("Kata Containers", lex) == "project"
    assert classify_name("Zuul Labs", lex) == "name"


def test_and_that_opens_a_clause_without_a_subject() -> None:
    text = ("Reyes said the company had resumed contributions to Cinder and Dunkeld Data this "
            "year, and that rejoining the OpenStack Foundation was a formality.")
    assert events(text) == set()
