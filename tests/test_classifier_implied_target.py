"""The target by anaphora or implied by the story: "the foundation's eight
Platinum members", "have also joined in recent weeks", members "at launch",
"an official OpenStack supporting company".

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

LAUNCH = "The OpenStack Foundation launched on Monday as an independent body"


@pytest.mark.parametrize(("text", "title", "expected"), [
    ("Rona Data, Eday Systems and Sanda Cloud have signed on as the foundation's three "
     "Platinum members.", LAUNCH, {"Rona Data", "Eday Systems", "Sanda Cloud"}),
    ("Rona Data has signed up as one of the project's 12 Gold members.", LAUNCH, {"Rona Data"}),
    ("Among the Gold members at launch are Rona Data, Eday Systems and Sanda Cloud.", LAUNCH,
     {"Rona Data", "Eday Systems", "Sanda Cloud"}),
    ("Silver members from the outset include Rona Data and Eday Systems.", LAUNCH,
     {"Rona Data", "Eday Systems"}),
    ("Rona Data and Eday Systems have also joined in recent weeks.",
     "Sanda Cloud joins OpenStack", {"Sanda Cloud", "Rona Data", "Eday Systems"}),
    ("Eday Systems has signed up as well, the foundation confirmed.",
     "Sanda Cloud joins the OpenStack Foundation", {"Sanda Cloud", "Eday Systems"}),
    ("Eday Systems has signed up as an official OpenStack supporting company this week.",
     "Community news", {"Eday Systems"}),
    ("Eday Systems is now a member company of the OpenStack community.", "Community news",
     {"Eday Systems"}),
])
def test_an_implied_or_anaphoric_target_counts(text: str, title: str,
                                                expected: set[str]) -> None:
    assert events(text, title) == {(c, "joined") for c in expected}


@pytest.mark.parametrize(("text", "title"), [
    # history, in a story of another year
    ("When the foundation launched in 2012, Rona Data and Eday Systems were its Platinum "
     "members.", "OpenStack at ten: who signed up when (July 2020)"),
    ("Among the Gold members at launch in 2012 were Rona Data and Eday Systems.",
     "July 2020: OpenStack at ten"),
    # customers of a product launch are not members
    ("Among the customers at launch are Rona Data and Eday Systems.",
     "Sanda Cloud launches an OpenStack appliance"),
    # 'joined' with no object and no sign that it is news
    ("Rona Data has joined.", "OpenStack user survey results"),
    # the story is about another foundation
    ("Rona Data and Eday Systems have also joined in recent weeks.",
     "Sanda Cloud joins the CNCF"),
    # pending, not done
    ("Rona Data has applied to sign up as one of the foundation's Gold members.", LAUNCH),
])
def test_history_customers_and_other_stories_report_nothing(text: str, title: str) -> None:
    assert events(text, title) == set()
