"""Which form of a company's name an event reports.

A place is not part of the name ("Tallinn-based X", "X of Aberdeen"), except
after a head noun that takes "of" ("Bank of America"); a press release's
legal name gives way to the trading name its headline and text use; a product
named after the company ("its Kelpie Compute cloud") is no fuller name.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import Classifier
from classifiers.names import canonical
from tests.classifier_helpers import events


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


@pytest.mark.parametrize(("written", "name"), [
    ("Kelpie Hosting of Aberdeen", "Kelpie Hosting"),
    ("Muckle Flugga Networks of Lerwick, Shetland", "Muckle Flugga Networks"),
    ("Tallinn-based Ruhnu Pilv", "Ruhnu Pilv"),
    ("Austin-headquartered Pecan Grid", "Pecan Grid"),
    ("Bank of Lerwick", "Bank of Lerwick"),
    ("University of Orkney", "University of Orkney"),
    ("Institute of Island Computing", "Institute of Island Computing"),
])
def test_a_place_is_not_part_of_the_name(classifier: Classifier, written: str,
                                         name: str) -> None:
    assert canonical(written, classifier.rules.lexicon) == name


@pytest.mark.parametrize(("text", "company"), [
    ("Stornoway-based Lewis Data has joined the OpenInfra Foundation as a Silver member.",
     "Lewis Data"),
    ("Skerry Cloud of Kirkwall said it has joined the OpenStack Foundation.", "Skerry Cloud"),
    ("The University of Orkney has joined the OpenInfra Foundation as an associate member.",
     "University of Orkney"),
])
def test_events_name_the_company_without_its_place(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


RELEASE = """Brochel Joins OpenInfra Foundation as Gold Member

PORTREE, Scotland, May 2, 2023 /PRNewswire/ -- Brochel Island Services Limited, a provider \
of managed clouds, today announced that it has joined the Open Infrastructure Foundation as \
a Gold Member.

Brochel runs OpenStack for fishing co-operatives. Brochel engineers will work on Nova.

"Joining was overdue," said Ewan Macleod, chief executive of Brochel.

About Brochel

Brochel is a managed cloud provider based in Portree.
"""


def test_a_release_is_reported_under_its_trading_name() -> None:
    assert events(RELEASE) == {("Brochel", "joined")}


def test_the_legal_name_stays_when_the_headline_uses_it() -> None:
    text = RELEASE.replace("Brochel Joins", "Brochel Island Services Joins")
    assert events(text) == {("Brochel Island Services", "joined")}


def test_a_product_named_after_the_company_is_no_fuller_name() -> None:
    text = ("When Scalpay Hosting opened its first data centre, few expected a cloud. Scalpay has "
            "dropped its corporate sponsorship of the OpenStack Foundation and closed its Scalpay "
            "Compute public cloud, the company said on Friday. Scalpay will keep its colocation "
            "business.")
    assert events(text) == {("Scalpay Hosting", "left")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Tarn College of Engineering and Design has joined the OpenStack Foundation as an "
     "associate member.", {"Tarn College of Engineering and Design"}),
    ("New members include the University of Science and Technology of Hanoi, Harrowgate Data "
     "and the Ministry of Trade and Industry.",
     {"University of Science and Technology of Hanoi", "Harrowgate Data",
      "Ministry of Trade and Industry"}),
    ("The University of Tarn and Pelling Networks have joined the OpenStack Foundation.",
     {"University of Tarn", "Pelling Networks"}),
])
def test_an_institution_of_two_fields_is_one_name(text: str, expected: set[str]) -> None:
    assert events(text, "OpenStack Foundation news") == {(name, "joined") for name in expected}


def test_an_institute_of_two_fields_better_known_by_its_acronym() -> None:
    text = ("Korean research lab takes a seat in OpenStack\n\n"
            "The Electronics and Aerospace Research Institute, the state-funded lab in Sejong "
            "better known as EARI, said last week that it had signed on as an associate member "
            "of the OpenStack Foundation. EARI runs two clouds. EARI staff will attend the "
            "summit, EARI said.")
    assert events(text) == {("EARI", "joined")}
