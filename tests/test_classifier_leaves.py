"""Leaving, in the many ways stories say it."""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Cobalt Grid has quit the OpenStack Foundation.", "Cobalt Grid"),
    ("NASA withdraws from OpenStack.", "NASA"),
    ("Citrix pulls out of OpenStack to back CloudStack.", "Citrix"),
    ("Citrix ditches OpenStack for CloudStack.", "Citrix"),
    ("HP drops OpenStack.", "HP"),
    ("Lumenstack abandons OpenStack after two years.", "Lumenstack"),
    ("Lumenstack bails on OpenStack.", "Lumenstack"),
    ("Lumenstack has turned its back on OpenStack.", "Lumenstack"),
    ("Lumenstack exits the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack walks away from OpenStack.", "Lumenstack"),
    ("Oracle drops out of OpenStack Foundation", "Oracle"),
    ("Lumenstack leaves OpenStack for rival CloudStack.", "Lumenstack"),
    ("Citrix Systems said it would leave the OpenStack project.", "Citrix"),
    ("Lumenstack cut ties with the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack did not renew its Gold membership in the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack has decided not to renew its OpenStack Foundation membership.", "Lumenstack"),
    ("Lumenstack let its OpenStack Foundation membership lapse.", "Lumenstack"),
    ("Lumenstack allowed its Corporate Sponsor membership of the OpenStack Foundation to lapse.",
     "Lumenstack"),
    ("Lumenstack is no longer a member of the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack no longer sponsors the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack announced its withdrawal from the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack has ditched its OpenStack Foundation membership.", "Lumenstack"),
    ("Lumenstack ended its Gold membership of the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack has left the Platinum tier of the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack is the latest company to exit the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack, which joined OpenStack last year, is now leaving the foundation.",
     "Lumenstack"),
    ("Lumenstack, founded in 2010, has quit OpenStack.", "Lumenstack"),
    ("Lumenstack, one of the founding members of OpenStack, has quit the project.",
     "Lumenstack"),
    ("NASA has pulled back from OpenStack, the agency's CTO said.", "NASA"),
    ("Lumenstack's membership in the OpenStack Foundation ended last month.", "Lumenstack"),
    ("Dell EMC quietly drops OpenStack Foundation Gold membership", "Dell"),
    ("Lumenstack will no longer be a member of the OpenStack Foundation.", "Lumenstack"),
    ("Lumenstack ceased to be a member of the OpenStack Foundation in March.", "Lumenstack"),
])
def test_a_leave_phrase_names_the_company(text: str, company: str) -> None:
    assert events(text) == {(company, "left")}


@pytest.mark.parametrize("text", [
    "The OpenStack Foundation lost two Platinum members this year: Lumenstack and Beta Systems.",
    "Several vendors have quit the OpenStack Foundation. Companies that left include "
    "Lumenstack and Beta Systems, both citing costs.",
])
def test_a_list_of_leavers_gives_one_event_each(text: str) -> None:
    assert events(text) == {("Lumenstack", "left"), ("Beta Systems", "left")}


def test_a_story_can_carry_a_join_and_a_leave() -> None:
    text = ("Membership changes at the OpenStack Foundation. Orbisoft has joined as a Corporate "
            "Sponsor. Second, Cobaltline Networks has informed the Foundation that it will not "
            "renew its Gold membership.")
    assert events(text) == {("Orbisoft", "joined"), ("Cobaltline Networks", "left")}
