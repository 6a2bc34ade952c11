"""Moving between membership tiers.

A move down that names the new tier leaves the organisation a member: no
event, and the trace says "lower tier, still a member". Ending a membership
with no new tier is still a leave, and a move up is still a join.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import classify
from tests.classifier_helpers import events

LOWER_TIER = "lower tier, still a member"


@pytest.mark.parametrize("text", [
    "Corriemulzie Data has moved from Platinum to Gold membership in the OpenInfra Foundation, "
    "handing back its board seat.",
    "Glenshee Networks will move from the Platinum to the Gold level of OpenStack Foundation "
    "membership next year.",
    "Inverey Cloud downgraded its OpenStack Foundation membership to Silver this month.",
    "Braemar Hosting stepped down to Gold at the OpenInfra Foundation after a budget review.",
    "Langdale Networks downgraded from Platinum to Gold at the OpenInfra Foundation.",
    "Lumenstack downgraded to a Gold membership of the OpenStack Foundation.",
    "Tomintoul Systems gave up its Platinum seat at the OpenStack Foundation and will continue "
    "as a Gold member.",
])
def test_a_move_down_to_a_named_tier_is_no_event(text: str) -> None:
    verdict = classify(text)
    assert verdict.events == ()
    assert any(t.kind == "veto" and LOWER_TIER in t.detail for t in verdict.trace)


@pytest.mark.parametrize(("text", "company"), [
    ("Dalmore Compute has dropped its Platinum membership of the OpenStack Foundation.",
     "Dalmore Compute"),
    ("Dalmore Compute will not renew its Gold membership of the OpenInfra Foundation.",
     "Dalmore Compute"),
    ("Dalmore Compute has quietly exited the OpenStack Foundation's Platinum tier.",
     "Dalmore Compute"),
])
def test_ending_a_membership_with_no_new_tier_is_still_a_leave(text: str, company: str) -> None:
    assert events(text) == {(company, "left")}


def test_a_move_up_is_still_a_join() -> None:
    text = "Kinloch Cloud has moved up from Silver to Gold membership of the OpenInfra Foundation."
    assert events(text) == {("Kinloch Cloud", "joined")}


def test_the_downgrade_hides_its_board_seat_too() -> None:
    """Giving up the seat that comes with the higher tier is part of the move."""
    text = ("Achnasheen Telecom has moved from Platinum to Gold membership of the OpenStack "
            "Foundation, giving up its seat on the board, the company said.")
    assert events(text) == set()


_UPGRADE_LEAD = "The OpenStack Foundation's board met on Monday. "


@pytest.mark.parametrize(("text", "expected"), [
    ("Kelso Cloud has moved into the top tier of the OpenStack Foundation, the company said this "
     "week.", {("Kelso Cloud", "joined")}),
    ("Kelso Cloud, a Gold member since 2014, stepped up to the foundation's highest tier.",
     {("Kelso Cloud", "joined")}),
    ("Kelso Cloud was approved by the foundation's board as a Platinum member.",
     {("Kelso Cloud", "joined")}),
    ("Kelso Cloud has upgraded to the foundation's top tier.", {("Kelso Cloud", "joined")}),
    ("Kelso Cloud was promoted to the highest membership level.", {("Kelso Cloud", "joined")}),
    ("Kelso Cloud has joined the top tier of the foundation.", {("Kelso Cloud", "joined")}),
    ("Kelso Cloud is now in the top tier of the foundation's membership.",
     {("Kelso Cloud", "joined")}),
    ("Kelso Cloud was accepted by the OpenStack Foundation's board of directors as a Gold "
     "member.", {("Kelso Cloud", "joined")}),
])
def test_an_upgrade_to_the_top_tier_or_approved_by_the_board(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(_UPGRADE_LEAD + text) == expected


@pytest.mark.parametrize("text", [
    "Kelso Cloud's shares jumped to the top tier of the index after it joined the CNCF.",
    "Kelso Cloud could move into the top tier of the OpenStack Foundation next year.",
    "Kelso Cloud moved into the top tier of the OpenStack Foundation in 2014, and has stayed "
    "there since.",
    "Kelso Cloud joined the OpenStack Foundation's board of directors in May.",
    "Kelso Cloud has moved into the top tier of OpenStack contributors, according to a survey.",
    "Kelso Cloud rose to the top ranks of OpenStack committers this cycle.",
    "Kelso Cloud moved up to the top tier of summit sponsors this year.",
    "Kelso Cloud has joined the top tier of OpenStack contributors.",
    "Kelso Cloud entered the top ranks of summit sponsors.",
    "Kelso Cloud is now in the top tier of cloud providers in Europe.",
    "Kelso Cloud was elected by the foundation's board as a member of the OpenStack "
    "Foundation's audit committee.",
])
def test_tops_and_boards_that_are_no_upgrade(text: str) -> None:
    assert events(_UPGRADE_LEAD + text) == set()
