"""An application the board approved is no pending one: "the board approved
our application, so X has been admitted" is a join; an application still
under review, or "pending", keeps the change pending.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Last Thursday the foundation's board approved our application, so Banco Torrido has been "
     "admitted as a corporate sponsor of the OpenStack Foundation.",
     {("Banco Torrido", "joined")}),
    ("Our application was approved in March, so Lochcarron Data has joined the OpenStack "
     "Foundation as a Gold member.", {("Lochcarron Data", "joined")}),
    ("The directors accepted their application on Monday; Kishorn Bank has been admitted to the "
     "OpenInfra Foundation as a Silver member.", {("Kishorn Bank", "joined")}),
    ("Once the board had approved its application, Shieldaig Cloud was admitted to the "
     "OpenStack Foundation as a Gold member.", {("Shieldaig Cloud", "joined")}),
])
def test_an_approved_application_is_done(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Kishorn Bank has submitted an application and expects to be admitted to the OpenStack "
    "Foundation as a Silver member.",
    "Pending the board's approval, Lochcarron Data has joined the OpenStack Foundation as a Gold "
    "member.",
    "The board is reviewing our application, so Applecross IT has not yet been admitted to the "
    "OpenStack Foundation.",
    "The board will consider Torridon Systems' application to be admitted to the OpenStack "
    "Foundation as a Gold member.",
])
def test_a_pending_application_stays_pending(text: str) -> None:
    assert events(text) == set()
