"""A negative quantifier that reports ("none said it had joined", "no vendor we
spoke to said it had") takes back what its pronoun would claim; and stepping
back from a board seat *and* the membership ends the membership, where the
board seat alone does not.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("second", [
    "Of the firms this newsletter asked, none said it had joined the OpenInfra Foundation.",
    "No vendor we spoke to said it had joined the OpenStack Foundation.",
    "Nobody at the firm said it had left the OpenInfra Foundation.",
])
def test_a_negative_quantifier_reporting_claims_nothing(second: str) -> None:
    text = "Larchmont Cloud has been testing OpenStack for a year. " + second
    assert events(text) == set()


def test_a_company_reporting_still_counts() -> None:
    text = ("Larchmont Cloud has been testing OpenStack for a year. Larchmont Cloud said it had "
            "joined the OpenInfra Foundation.")
    assert events(text) == {("Larchmont Cloud", "joined")}


@pytest.mark.parametrize("text", [
    "Cobalt Mobile is stepping back from its board seat and Platinum membership at the "
    "OpenStack Foundation, the operator said.",
    "Cobalt Mobile has stepped back from its director seat and Gold membership of the "
    "OpenInfra Foundation.",
])
def test_stepping_back_from_the_seat_and_the_membership_is_a_leave(text: str) -> None:
    assert events(text) == {("Cobalt Mobile", "left")}


def test_stepping_back_from_a_board_seat_only_is_not_a_leave() -> None:
    text = ("Cobalt Mobile is stepping back from its board seat at the OpenStack Foundation but "
            "remains a Platinum member.")
    assert events(text) == set()
