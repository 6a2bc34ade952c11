"""A headline event stands unless the body takes back the same change.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("title", "body"), [
    ("Rannoch exits OpenStack Foundation",
     "Paying Gold dues no longer made sense, the chief executive said. He said Rannoch had no "
     "plans to drop OpenStack support for existing customers."),
    ("Rannoch exits OpenStack Foundation",
     "Rannoch remains committed to the people who run its software, a spokesman said."),
    ("Rannoch exits OpenStack Foundation",
     "Rannoch dismissed speculation that it would sell its storage unit."),
    ("Rannoch joins OpenInfra Foundation",
     "Rannoch denied that the move was connected to its plans for a listing."),
])
def test_a_denial_of_something_else_leaves_the_headline_standing(title: str, body: str) -> None:
    assert len(events(body, title=title)) == 1


@pytest.mark.parametrize(("title", "body"), [
    ("Rannoch leaves OpenStack Foundation",
     "Rannoch on Tuesday denied reports that it is leaving the OpenStack Foundation."),
    ("Rannoch leaves OpenStack Foundation",
     "Rannoch said it had no plans to leave the foundation."),
    ("Rannoch joins OpenStack Foundation",
     "Rannoch denied the report on Monday, calling it premature."),
    ("Rannoch quits OpenStack",
     "Rannoch said the story was untrue and that it is not leaving."),
])
def test_a_denial_of_the_same_change_overrules_the_headline(title: str, body: str) -> None:
    assert events(body, title=title) == set()


def test_what_another_outlet_said_is_not_the_news() -> None:
    text = ("A regional newspaper had said that Rannoch Cloud signed up as a Corporate Sponsor "
            "of the OpenStack Foundation last week.")
    assert events(text) == set()


def test_a_match_about_the_targets_software_is_not_read_as_a_negated_exit() -> None:
    body = "Rannoch had no plans to drop OpenStack support for existing customers."
    assert events(body, title="Rannoch exits OpenStack Foundation") == {("Rannoch", "left")}
