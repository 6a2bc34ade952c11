"""Lists of new backers the older rules missed: the inverted "Among the
companies that have pledged to support the project are A, B and C", and a
welcome list whose members include lowercase domain brands ("tallgrass.cloud").

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events


def test_inverted_list_of_companies_pledged_to_the_project() -> None:
    text = ("Velmora Cloud launches an OpenStack distribution\n\nVelmora Cloud today released "
            "Arkade, a distribution of OpenStack. Among the dozen firms that have pledged to "
            "support the project are Pellucid Data and Harrow Compute.")
    assert events(text) == {("Pellucid Data", "joined"), ("Harrow Compute", "joined")}


def test_inverted_list_backing_something_else_is_no_event() -> None:
    text = ("Velmora Cloud launches an OpenStack distribution\n\nVelmora Cloud today released "
            "Arkade, a distribution of OpenStack. Among the firms that have pledged to support "
            "the project's hackathon are Pellucid Data and Harrow Compute.")
    assert events(text) == set()


def test_lowercase_domains_in_a_welcome_list_are_members() -> None:
    text = ("New OpenInfra Foundation members\n\nThis month we welcome quarry.systems, Ostrander "
            "Labs and vireo.host as Silver Members of the OpenInfra Foundation. quarry.systems "
            "builds bare-metal clouds.")
    assert events(text) == {("quarry.systems", "joined"), ("Ostrander Labs", "joined"),
                            ("vireo.host", "joined")}


def test_a_link_in_a_welcome_sentence_is_not_a_member() -> None:
    text = ("New OpenInfra Foundation members\n\nWe welcome Ostrander Labs as a Silver Member of "
            "the OpenInfra Foundation; see openinfra.dev/members for the full list.")
    assert events(text) == {("Ostrander Labs", "joined")}
