"""A project's launch and the organisations that sign on to back it: a counted
group with named examples after it, "signed on to support the project", and
a target named a few sentences before.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

LAUNCH = """Hosting firm opens up its cloud code, and a crowd signs on

The Lyon hosting company said it was releasing its storage code and launching an open-source
cloud platform called OpenStack. The compute piece comes from a research lab. Everything will be
under a permissive licence. What makes it more than a code dump is the list of names behind it.
{news}
"""


@pytest.mark.parametrize(("news", "expected"), [
    ("More than 20 organisations have signed on to support the project at launch, among them "
     "Brede Telecom, Ostby Systems and Kell Data.",
     {"Brede Telecom", "Ostby Systems", "Kell Data"}),
    ("Brede Telecom has signed on to support the project.", {"Brede Telecom"}),
    ("More than 20 organisations have signed on to support the project, among them Brede "
     "Telecom and Ostby Systems, along with a batch of smaller firms such as Kell Data and Tarn.",
     {"Brede Telecom", "Ostby Systems", "Kell Data", "Tarn"}),
])
def test_backers_named_at_a_launch_join(news: str, expected: set[str]) -> None:
    assert events(LAUNCH.format(news=news)) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("news", [
    "More than 20 organisations have signed on to support CloudStack, among them Brede "
    "Telecom, Ostby Systems and Kell Data.",
    "More than 20 organisations may sign on to support the project, among them Brede Telecom "
    "and Ostby Systems.",
])
def test_backers_of_another_project_or_of_a_plan_do_not(news: str) -> None:
    assert events(LAUNCH.format(news=news)) == set()


def test_a_name_with_an_exclamation_mark_stays_in_the_list() -> None:
    text = LAUNCH.format(news="Gold members at launch include Brede Telecom, Yoohoo! and "
                              "Ostby Systems.")
    assert events(text) == {(c, "joined") for c in ("Brede Telecom", "Yoohoo!", "Ostby Systems")}
