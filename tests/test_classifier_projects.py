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


@pytest.mark.parametrize("text", [
    # the story calls the name a project elsewhere: it is one in every sentence
    "Edge software gets a new home\n\nThe board voted to accept Skerrow, an open source "
    "project for managing small edge clusters, as a pilot project. Skerrow joins the "
    "OpenInfra Foundation after a year on GitHub.",
    "Foundation news\n\nThe Quoich project has joined the OpenStack Foundation, its "
    "maintainers said on Monday. Quoich started at a Norwegian university.",
    "Foundation news\n\nGarry is now a top-level project of the OpenInfra Foundation. Garry "
    "joined the OpenInfra Foundation last spring.",
])
def test_a_name_the_story_calls_a_project_is_no_organisation(text: str) -> None:
    assert events(text) == set()


def test_a_company_that_runs_a_project_still_counts() -> None:
    text = ("Foundation news\n\nTorridon Systems, the company behind the Shieldaig project, has "
            "joined the OpenInfra Foundation as a Gold member.")
    assert events(text) == {("Torridon Systems", "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("Kestrel Cloud, a developer of storage software, joined the OpenStack Foundation on "
     "Monday.", "Kestrel Cloud"),
    ("Halvora, a small maker of backup software, joined the OpenStack Foundation this week.",
     "Halvora"),
    ("Brenmoor, a Dutch provider of database services, has joined the OpenStack Foundation as a "
     "Silver member.", "Brenmoor"),
])
def test_a_maker_of_software_is_an_organisation(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Tarn, the open source database, has joined the OpenStack Foundation as a pilot project.",
    "Ceilo, a developer tool for OpenStack clouds, joined the OpenStack Foundation's incubator.",
])
def test_software_described_as_software_is_no_organisation(text: str) -> None:
    assert events(text) == set()
