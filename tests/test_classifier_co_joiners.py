"""Co-joiners and approved applications: "X joined ..., and it did so alongside
A and B" / "as did A and B" names more joiners; "the board approved the Gold
membership application of X" admits X (a pending application does not).

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("tail", [
    "and it did so alongside Corrin Labs and Dalby Systems",
    "along with Corrin Labs and Dalby Systems",
    "together with Corrin Labs and Dalby Systems",
    "as did Corrin Labs and Dalby Systems",
])
def test_co_joiners_join_too(tail: str) -> None:
    text = f"Brightwell Software has joined the OpenStack Foundation as a Gold member, {tail}."
    assert events(text) == {("Brightwell Software", "joined"), ("Corrin Labs", "joined"),
                            ("Dalby Systems", "joined")}


@pytest.mark.parametrize("verb", ["approved", "accepted", "ratified"])
def test_an_approved_application_is_a_join(verb: str) -> None:
    text = (f"The OpenStack Foundation board also {verb} the Gold membership application "
            "of Ennerdale Cloud, a Leeds-based hosting company.")
    assert events(text) == {("Ennerdale Cloud", "joined")}


def test_a_pending_application_is_not() -> None:
    text = ("The OpenStack Foundation board will consider the Gold membership application "
            "of Ennerdale Cloud next month.")
    assert events(text) == set()


@pytest.mark.parametrize("text", [
    "Brede Data was approved as a Gold member of the OpenStack Foundation this week, along with "
    "Ostby and Kell Data.",
    "Brede Data became a Gold member of the OpenStack Foundation this week, along with Ostby "
    "and Kell Data.",
    "Brede Data joined the OpenStack Foundation this week, along with Ostby and Kell Data.",
])
def test_the_lead_joiner_and_its_companions_all_join(text: str) -> None:
    assert events(text) == {(c, "joined") for c in ("Brede Data", "Ostby", "Kell Data")}


def test_companions_of_a_seat_it_gains_sit_there_already() -> None:
    text = ("Brede Data has joined the OpenStack Foundation as a Platinum Member, giving the "
            "company a seat on the board alongside Ostby, Kell Data and Tarn.")
    assert events(text) == {("Brede Data", "joined")}
