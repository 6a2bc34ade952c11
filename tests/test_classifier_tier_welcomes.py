"""Welcomes into a membership tier on a foundation's own blog: the welcomed
are listed, then the tier they come into ("welcoming A and B to the Gold
tier"), or the tier is named first ("In the corporate sponsor tier, we have
welcomed A and B").

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

POST = """Welcoming new members to the OpenStack Foundation

At its meeting last week, the OpenStack Foundation board went through its usual agenda. There
was a long discussion of interoperability testing. {news} We look forward to seeing everyone at
the next summit.
"""


@pytest.mark.parametrize(("news", "expected"), [
    ("Please join us in welcoming Brede Telecom, Ostby Systems and Kell Data to the Gold tier!",
     {"Brede Telecom", "Ostby Systems", "Kell Data"}),
    ("We are proud to welcome Tarn Networks into the Silver level.", {"Tarn Networks"}),
    ("The board welcomed Kell Data and Ostby Systems to our corporate sponsor tier.",
     {"Kell Data", "Ostby Systems"}),
    ("In the corporate sponsor tier, we have welcomed Brede Telecom, Tarn Networks and Kell "
     "Data since our last update.", {"Brede Telecom", "Tarn Networks", "Kell Data"}),
    ("At the Gold level, the board approved Ostby Systems and Kell Data.",
     {"Ostby Systems", "Kell Data"}),
])
def test_welcomes_into_a_tier_join(news: str, expected: set[str]) -> None:
    assert events(POST.format(news=news)) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("news", [
    "Please join us in welcoming Brede Telecom and Ostby Systems to the summit stage!",
    "We would welcome Brede Telecom and Ostby Systems to the Gold tier if they applied.",
    "In the corporate sponsor tier, we have thanked Brede Telecom and Tarn Networks for "
    "their support.",
    "Please join us in welcoming Brede Telecom and Ostby Systems to the Cloud Foundry Gold tier.",
])
def test_welcomes_elsewhere_thanks_and_maybes_do_not(news: str) -> None:
    assert events(POST.format(news=news)) == set()
