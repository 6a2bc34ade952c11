"""Leaving told through the membership itself: something else ends it ("the
shutdown also ends X's Platinum membership", "marks the end of X's
sponsorship"), or it ends on its own ("X's Silver membership lapses at the end
of the month").

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("The bankruptcy also ends Corrie Labs' Platinum membership in the OpenStack Foundation.",
     "Corrie Labs"),
    ("The merger puts an end to Fintry Cloud's Gold membership of the OpenInfra Foundation, "
     "the company said.", "Fintry Cloud"),
    ("For the OpenStack Foundation, the sale spells the end of Ordley Systems' sponsorship.",
     "Ordley Systems"),
    ("The foundation's board terminated Kilbride Data's Silver membership on Friday, the "
     "OpenStack Foundation said.", "Kilbride Data"),
])
def test_something_else_ends_the_membership(text: str, company: str) -> None:
    assert events(text) == {(company, "left")}


@pytest.mark.parametrize(("text", "company"), [
    ("Tayvallich Hosting's Silver membership in the OpenInfra Foundation lapses at the end of "
     "this month.", "Tayvallich Hosting"),
    ("Brora Networks' sponsorship of the OpenStack Foundation comes to an end in June.",
     "Brora Networks"),
    ("Rogart Compute's Gold membership of the OpenStack Foundation expires on Friday and the "
     "company will not renew it.", "Rogart Compute"),
])
def test_a_membership_that_ends_on_its_own(text: str, company: str) -> None:
    assert events(text) == {(company, "left")}


@pytest.mark.parametrize("text", [
    # what ends is not the membership
    "The ruling ends Lairg Cloud's Gold membership dispute with the OpenStack Foundation.",
    "The OpenStack Foundation ends its membership drive early.",
    # dated background
    "After the end of Dornie Data's membership in the OpenStack Foundation in 2014, the "
    "company focused on storage.",
])
def test_look_alikes_of_an_ended_membership(text: str) -> None:
    assert events(text) == set()
