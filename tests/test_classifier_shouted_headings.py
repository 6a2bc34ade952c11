"""An all-capitals section heading is no sentence with a named subject: case
marks no name there ("QUIET EXITS", "NOT AN EXIT", "BIG DEPARTURE"), so a
name in it counts only if the story's prose names it too.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

_LEAD = "Open infra weekly\n\nThe OpenStack Foundation had a busy week.\n\n"


@pytest.mark.parametrize("heading", [
    "QUIET EXITS", "NOT AN EXIT", "SOFT LANDING EXITS", "FAREWELLS AND EXITS", "GRACEFUL EXIT",
])
def test_a_shouted_heading_names_nobody(heading: str) -> None:
    text = (f"{_LEAD}{heading}\n\nNot every departure is a happy one. Two dozen engineers "
            "left the start-up when it shut down, and many are now at larger vendors.")
    assert events(text) == set()


@pytest.mark.parametrize(("heading", "body", "expected"), [
    ("KELSO CLOUD EXITS", "Kelso Cloud has left the OpenStack Foundation, the company said.",
     {("Kelso Cloud", "left")}),
    ("ARDGAY DATA QUITS", "Ardgay Data, a Dundee hosting firm, has quit the OpenStack "
     "Foundation after three years as a Silver member.", {("Ardgay Data", "left")}),
    ("NEW GOLD MEMBER", "Brackla Systems has joined the OpenStack Foundation as a Gold member.",
     {("Brackla Systems", "joined")}),
])
def test_the_prose_under_a_shouted_heading_still_counts(
        heading: str, body: str, expected: set[tuple[str, str]]) -> None:
    assert events(f"{_LEAD}{heading}\n\n{body}") == expected
