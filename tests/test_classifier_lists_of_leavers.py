"""Lists of organisations that did not renew, dropped out or joined: one event each.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

A, B, C = "Arbroath Data", "Brechin Cloud", "Carnoustie Systems"


@pytest.mark.parametrize("text", [
    f"Companies that did not renew their OpenStack Foundation memberships this year include "
    f"{A}, {B} and {C}.",
    f"The OpenStack Foundation's report lists three sponsors that did not renew: {A}, {B} "
    f"and {C}.",
    f"Not renewing their Gold memberships of the OpenStack Foundation were {A}, {B} and {C}.",
    f"Gone from the OpenStack Foundation's list of Gold members this year: {A}, {B} and {C}.",
    f"Departing members of the OpenInfra Foundation include {A}, {B} and {C}.",
    f"{A}, {B} and {C} were among the sponsors that did not renew with the OpenStack "
    f"Foundation.",
    f"The companies whose OpenStack Foundation memberships lapsed this year include {A}, {B} "
    f"and {C}.",
    f"Three OpenStack Foundation sponsors - {A}, {B} and {C} - have dropped out.",
])
def test_each_listed_leaver_leaves(text: str) -> None:
    assert events(text) == {(A, "left"), (B, "left"), (C, "left")}


@pytest.mark.parametrize("text", [
    f"Joining the OpenStack Foundation as Gold members were {A}, {B} and {C}.",
    f"{A}, {B} and {C} were among the companies that joined the OpenStack Foundation this year.",
    f"Added to the OpenStack Foundation's list of Gold members this quarter: {A}, {B} and {C}.",
    f"Three new OpenInfra Foundation sponsors — {A}, {B} and {C} — have signed on.",
])
def test_each_listed_joiner_joins(text: str) -> None:
    assert events(text) == {(A, "joined"), (B, "joined"), (C, "joined")}


@pytest.mark.parametrize("text", [
    f"Companies that may not renew their OpenStack Foundation memberships include {A} and {B}.",
    f"Companies that did not join the OpenStack Foundation include {A} and {B}.",
    f"Members of the OpenStack Foundation whose renewals are still pending include {A} and {B}.",
    f"Reports that {A} would not renew its OpenStack Foundation membership were simply wrong.",
    f"When the OpenStack Foundation was formed in 2012, {A} was among the companies that "
    f"signed up.",
    f"{A} was one of the companies that joined the OpenStack Foundation in 2012.",
    "Three sponsors of the OpenStack Foundation - the big telcos, mostly - have dropped out.",
])
def test_lookalike_lists_report_nothing(text: str) -> None:
    assert events(text) == set()
