"""Joy framing: "happy to report that X has been accepted" is the writer's own
news told gladly, not a report about it; another outlet's scoop still is.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("lead", [
    "I'm very happy to report that",
    "We are pleased to report that",
    "The board is proud to report that",
])
def test_glad_to_report_is_the_news(lead: str) -> None:
    text = (f"{lead} the Instituto Serrano de Computación has been accepted as an "
            "Associate Member of the OpenStack Foundation.")
    assert events(text) == {("Instituto Serrano de Computación", "joined")}


def test_reports_that_and_first_to_report_stay_speculation() -> None:
    assert events("Reports say that Maroska Cloud has joined the OpenStack Foundation.") == set()
    assert events("The Register was the first to report that Maroska Cloud has joined "
                  "the OpenStack Foundation.") == set()
