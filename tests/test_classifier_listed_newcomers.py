"""A record that names newcomers ("the report lists A and B as new associate
members", "the directory now shows A as a new Gold member") reports joins,
and a member described by nationality and kind ("the Kenyan research network
KENET-Cloud") is only its name. A role a relative clause says was given up
("as members that left") is no join.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

_LEAD = "The OpenStack Foundation published its annual report this week. "


@pytest.mark.parametrize(("text", "expected"), [
    ("The report also lists Universidad de Lurín and the Peruvian research network RAAP-Cloud "
     "as new associate members.", {("Universidad de Lurín", "joined"), ("RAAP-Cloud", "joined")}),
    ("The member directory now shows Kelso Cloud as a new Gold member.",
     {("Kelso Cloud", "joined")}),
    ("It names Brora Systems, Tain Data and the Danish hosting firm Nordhost as new Silver "
     "members.", {("Brora Systems", "joined"), ("Tain Data", "joined"), ("Nordhost", "joined")}),
    ("The report counts Golspie Labs as the newest corporate sponsor of the foundation.",
     {("Golspie Labs", "joined")}),
])
def test_a_record_that_names_newcomers(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(_LEAD + text) == expected


@pytest.mark.parametrize("text", [
    "Analysts named Brora Systems as a new member of the hype club.",
    "The CNCF report lists Brora Systems and Tain Data as new members of the CNCF.",
    "The report lists Brora Systems as a likely new member next year.",
    "The report names Brora Systems and Tain Data as members that left during the year.",
    "It counts Golspie Labs among the sponsors who have since dropped out.",
    "The directory shows Kelso Cloud as a Gold member that has since withdrawn.",
])
def test_other_lists_name_no_newcomer(text: str) -> None:
    assert events(_LEAD + text) == set()
