"""Generic subjects name no organisation that acted, even when a name follows.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    "It doesn't mean anyone in our group has joined the OpenStack Foundation as a company.",
    "Many vendors have joined the OpenStack Foundation this year.",
    "Several of our customers have joined the OpenStack Foundation.",
    "Everyone at Tiree Data has joined the OpenStack community.",
    "Staff at Tiree Data have joined the OpenStack Foundation as individual members.",
    "Many of Tiree Data's customers have joined the OpenStack Foundation.",
    "The rest of the Coll group joined the OpenStack Foundation.",
    "A number of telcos have joined the OpenStack Foundation.",
    "One of our partners has joined the OpenStack Foundation as a Gold member.",
    "That is not to say Tiree Data has left the OpenStack Foundation.",
    "It does not mean Tiree Data has joined the OpenStack Foundation.",
])
def test_generic_subjects_report_nothing(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Tiree Data, which employs everyone at the old Coll plant, has joined the OpenStack "
     "Foundation as a Gold member.", "Tiree Data"),
    ("The one change came from Barra Systems, which enlisted in the OpenInfra Foundation as a "
     "Corporate Sponsor.", "Barra Systems"),
])
def test_a_named_subject_still_counts(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}
