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


# A launch story that names its project only once, as what the new thing is
# called, with the backers listed several sentences later and in inverted order.
NAMED_ONCE = """Two labs pool their cloud code

A Nantes hosting company said on Tuesday it will give away the code behind its storage service.
It is pairing it with a scheduler written by a university lab. The combined effort is called
OpenStack, and the plan is to make cloud plumbing a commodity. "Nobody should own this layer,"
its chief executive said. The firm did not name a rival. The code is only part of it. The company
has spent months on the phone.
{news}
"""


@pytest.mark.parametrize(("news", "expected"), [
    ("Among those signing up at launch are Brede Telecom, Ostby Systems and Kell Data.",
     {"Brede Telecom", "Ostby Systems", "Kell Data"}),
    ("Among the companies already on board are Brede Telecom and Ostby Systems.",
     {"Brede Telecom", "Ostby Systems"}),
    ("Among the firms that have signed on so far are Kell Data and Tarn Networks.",
     {"Kell Data", "Tarn Networks"}),
])
def test_an_inverted_list_of_signers_joins_a_project_named_once(
        news: str, expected: set[str]) -> None:
    assert events(NAMED_ONCE.format(news=news)) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("news", [
    "Among those speaking at the launch are Brede Telecom and Ostby Systems.",
    "Among those signing up for the beta are Brede Telecom and Ostby Systems.",
    "Among those that might sign on later are Brede Telecom and Ostby Systems.",
])
def test_speakers_testers_and_maybes_in_such_a_list_do_not(news: str) -> None:
    assert events(NAMED_ONCE.format(news=news)) == set()


def test_a_rival_introduced_the_same_way_keeps_the_project_from_being_the_topic() -> None:
    text = NAMED_ONCE.replace("It is pairing", "A rival effort is called CloudStack. It is pairing")
    news = "Among those signing up at launch are Brede Telecom and Ostby Systems."
    assert events(text.format(news=news)) == set()


FOUNDATION_OPENS = """The OpenStack Foundation opens for business

The independent body takes over the cloud project from the hosting firm that started it.
{news}
"""


@pytest.mark.parametrize(("news", "expected"), [
    ("A second tier of gold members, who pay less and elect their own directors, includes "
     "Brede Telecom, Ostby Systems and Kell Data, among others.",
     {"Brede Telecom", "Ostby Systems", "Kell Data"}),
    ("The lower tier of silver members comprises Tarn Networks and Kell Data.",
     {"Tarn Networks", "Kell Data"}),
    ("Its first class of corporate sponsors included Ostby Systems and Brede Telecom.",
     {"Ostby Systems", "Brede Telecom"}),
])
def test_a_tier_of_members_at_a_launch_joins(news: str, expected: set[str]) -> None:
    assert events(FOUNDATION_OPENS.format(news=news)) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("news", [
    "A second tier of gold members, who pay less, may include Brede Telecom and Ostby Systems.",
    "A tier of gold members at CloudStack includes Brede Telecom and Ostby Systems.",
])
def test_a_tier_that_may_include_or_belongs_elsewhere_does_not(news: str) -> None:
    assert events(FOUNDATION_OPENS.format(news=news)) == set()
