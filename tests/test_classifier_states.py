"""A membership stated as a new state ("is now a Gold member") and tier moves.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Tallowmere Systems is now a Corporate Sponsor of the OpenInfra Foundation, the company "
     "said.", "Tallowmere Systems"),
    ("As of today, Brinewood Labs is a Gold member of the Open Infrastructure Foundation.",
     "Brinewood Labs"),
    ("Pellucid Data is officially a Platinum member of the OpenStack Foundation as of this "
     "month.", "Pellucid Data"),
    ("Orrery Cloud now holds a Silver membership in the OpenInfra Foundation.", "Orrery Cloud"),
    ("Marrowgate Networks now counts itself among the Gold members of the OpenStack Foundation.",
     "Marrowgate Networks"),
    ("With the paperwork signed, Quillon is now one of the corporate sponsors supporting "
     "OpenStack.", "Quillon"),
    ("Effective January 1, Heronsgate Telecom is a Platinum member of the OpenInfra Foundation.",
     "Heronsgate Telecom"),
    ("Nettlefield is now listed among the Gold members of the OpenStack Foundation.",
     "Nettlefield"),
    ("Cinderpath now sits in the Gold tier of the OpenInfra Foundation.", "Cinderpath"),
    ("Starwort Hosting has officially been a Silver member of the OpenInfra Foundation since "
     "Monday.", "Starwort Hosting"),
    ("Bellhaven is, as of this week, a corporate sponsor of the OpenStack Foundation.",
     "Bellhaven"),
    ("Drumlin Compute is the newest corporate sponsor of the Open Infrastructure Foundation.",
     "Drumlin Compute"),
    ("Kelpie Compute now an OpenInfra Foundation Gold member", "Kelpie Compute"),
    ("Since Tuesday, Glasswing Cloud is a Silver member of the OpenStack Foundation.",
     "Glasswing Cloud"),
    ("Mossbank Data now holds Platinum status at the OpenInfra Foundation.", "Mossbank Data"),
    ("Ardentia is now among the companies backing the OpenStack Foundation as Gold members.",
     "Ardentia"),
])
def test_a_new_state_is_a_join(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("Ferrule Systems' membership in the OpenInfra Foundation has moved up from Silver to Gold.",
     "Ferrule Systems"),
    ("Pallister upgraded from Gold to Platinum membership of the OpenStack Foundation.",
     "Pallister"),
    ("Greyfriars Telecom has been elevated to Platinum status at the OpenInfra Foundation.",
     "Greyfriars Telecom"),
    ("Cleve Hosting stepped up its sponsorship of the OpenStack Foundation to the Gold tier.",
     "Cleve Hosting"),
    ("Lindqvist Data moved its OpenInfra Foundation membership up to Platinum.",
     "Lindqvist Data"),
    ("Carnwath said on Friday that its OpenStack Foundation membership has been raised from "
     "Silver to Gold.", "Carnwath"),
    ("Halstow Networks has gone from Gold to Platinum at the OpenInfra Foundation.",
     "Halstow Networks"),
])
def test_moving_up_a_tier_is_a_join_at_the_new_tier(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    # another foundation, or the target only as a modifier
    "Tallowmere, a long-time OpenStack user, is now a member of the CNCF.",
    "Marrowgate is now a sponsor of the OpenStack Summit in Vancouver.",
    "Bellhaven is now a Gold sponsor of this year's OpenInfra Summit.",
    "Heronsgate is now a member of the OpenStack Foundation's interop working group.",
    "As of today, Quillon is an OpenStack user, running 4,000 nodes.",
    "Glasswing is now an OpenStack Powered vendor.",
    "Mossbank now holds the largest OpenStack deployment in Scandinavia.",
    # a state without a change
    "Pellucid Data is a Platinum member of the OpenStack Foundation.",
    "Brinewood has been a Gold member of the OpenStack Foundation since 2013.",
    "Orrery Cloud, a Silver member of the OpenInfra Foundation, shipped a new release today.",
    "Cinderpath remains a Gold member of the OpenInfra Foundation.",
    "Starwort is still a corporate sponsor of the OpenStack Foundation, a spokesperson said.",
    # people and seats
    "Jane Orr now holds a seat on the OpenInfra Foundation board.",
    "Nettlefield's CTO is now a member of the OpenStack Technical Committee.",
    "Marcus Tilde is now an individual member of the OpenStack Foundation.",
    # speculation, questions, negation
    "Is Nettlefield now a Gold member of the OpenStack Foundation?",
    "Cinderpath could soon be a Gold member of the OpenInfra Foundation.",
    "Drumlin is not yet a corporate sponsor of the OpenStack Foundation.",
    "Kelpie hopes to be a Gold member of the OpenInfra Foundation by the end of the year.",
    # numbers and quarters
    "As of Q2, OpenStack services are now a third of Cinderpath's business.",
    "Q3 revenue from OpenStack support is now a record for Drumlin.",
    # tier moves that are not membership
    "Pallister upgraded its OpenStack cloud from Queens to Zed.",
    "Cleve Hosting's OpenStack revenue moved up from $2m to $3m.",
    "Greyfriars moved its OpenStack cluster up to the Gold data centre in Leeds.",
])
def test_states_that_are_not_news(text: str) -> None:
    assert events(text) == set()
