"""Member-list changelogs, company spans, and background that is only a clause.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("OpenInfra Foundation member directory: changes for May\n\n"
     "Added: Brightmoor (Silver).\nAdded: Kelso Cloud (Corporate Sponsor).\n"
     "Removed: Yarrow Systems (Gold).\n",
     {("Brightmoor", "joined"), ("Kelso Cloud", "joined"), ("Yarrow Systems", "left")}),
    ("What changed on the OpenStack Foundation's list of corporate members\n\n"
     "New: Lanark Data (Gold)\nDeparted: Moffat IT (Silver)\n",
     {("Lanark Data", "joined"), ("Moffat IT", "left")}),
    ("Changes to the OpenInfra Foundation roster this quarter:\n\n"
     "- Joined: Fintry Networks (Platinum)\n- Left: Balloch Hosting (Gold)\n"
     "- Joined: Drymen Labs (Silver), Killearn (Corporate Sponsor)\n",
     {("Fintry Networks", "joined"), ("Balloch Hosting", "left"), ("Drymen Labs", "joined"),
      ("Killearn", "joined")}),
    ("OpenStack Foundation membership roll, updated 1 March\n\n"
     "Newly listed: Strachur Compute (Gold member)\n"
     "No longer listed: Tighnabruaich Cloud (Silver member)\n",
     {("Strachur Compute", "joined"), ("Tighnabruaich Cloud", "left")}),
])
def test_a_member_list_changelog(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "OpenStack 2024.1 release notes\n\nAdded: Neutron (IPv6 prefix delegation).\n"
    "Removed: Nova (legacy v2 API).\n",
    "OpenStack Summit sponsor list: changes\n\nAdded: Brightmoor (Gold sponsor).\n"
    "Removed: Yarrow Systems (booth sponsor).\n",
    "OpenStack changelog\n\nAdded: Support for Ceph Reef (storage).\nRemoved: Python 3.8 (EOL).\n",
    "OpenStack and cloud-native news for May\n\nThe OpenStack Foundation had a quiet month.\n\n"
    "CNCF member directory changes:\n\nAdded: Brightmoor (Silver).\n"
    "Removed: Yarrow Systems (Gold).\n",
])
def test_changelogs_that_are_not_membership(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Lochan Ridge Networks makes its OpenStack move\n\nLochan Ridge Networks, a Scottish "
     "hosting company, runs four data centres. Lochan Ridge is now a Gold member of the "
     "OpenInfra Foundation, it said on Monday.", "Lochan Ridge Networks"),
    ("A Perth hosting company, Ardoch Vale Systems, has been busy. This week Ardoch Vale "
     "signed up as a Silver member of the OpenStack Foundation.", "Ardoch Vale Systems"),
    ("KORVAX has joined the OpenStack Foundation as a Gold member.", "KORVAX"),
    ("LINE is now a corporate sponsor of the OpenInfra Foundation.", "LINE"),
    ("NEWS Digital has joined the OpenInfra Foundation as a Silver member.", "NEWS Digital"),
    ("In Q2, Dornoch signed up as a Silver member of the OpenInfra Foundation.", "Dornoch"),
    ("Golspie had a busy Q3: the company joined the OpenStack Foundation as a Gold member.",
     "Golspie"),
    ("During FY2024, Brora Cloud became a corporate sponsor of the OpenStack Foundation.",
     "Brora Cloud"),
])
def test_who_acted(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Q3 saw the OpenStack Foundation add two Gold members, it said, without naming them.",
    "Q2 is now the busiest quarter for OpenStack Foundation sign-ups.",
    "H1 is now the OpenStack Foundation's strongest half for new members.",
    "FY2023 was the year OpenStack joined the mainstream.",
])
def test_periods_are_not_organisations(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Three years after walking away from the OpenStack Foundation, Strathy Cloud has "
     "rejoined as a Gold member.", "Strathy Cloud"),
    ("Years after it first let its membership lapse, Kildare has rejoined the OpenInfra "
     "Foundation as a Silver member.", "Kildare"),
    ("Long after its original membership expired, Rosslare signed up again as a corporate "
     "sponsor of the OpenStack Foundation.", "Rosslare"),
    ("Since leaving the OpenStack Foundation in 2016, Tarbert has never been far away, and "
     "this week it rejoined as a Gold member.", "Tarbert"),
    ("A decade after its founding, Scalpay Systems has joined the OpenInfra Foundation.",
     "Scalpay Systems"),
])
def test_background_in_a_subordinate_clause_does_not_veto_the_main_one(
        text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Years after Kildare joined OpenStack, it remains a Silver member.",
    "Since joining the OpenStack Foundation in 2014, Rosslare has grown fivefold.",
    "Four years after it joined the OpenInfra Foundation, Tarbert opened an office in Oslo.",
    "When Strathy Cloud left the OpenStack Foundation in 2019, few noticed.",
    "Long before Scalpay joined the OpenStack Foundation, its founders ran Nova clusters.",
])
def test_background_clauses_are_still_background(text: str) -> None:
    assert events(text) == set()


def test_a_year_in_the_story_s_own_dateline_is_not_background() -> None:
    sentence = "Stronsay Cloud joined the OpenInfra Foundation in March 2024 as a Silver member."
    dated = f"Stronsay Cloud goes Silver\n\nKIRKWALL, March 28, 2024 -- {sentence}"
    older = f"Stronsay Cloud goes Silver\n\nKIRKWALL, March 28, 2026 -- {sentence}"
    assert events(dated) == {("Stronsay Cloud", "joined")}
    assert events(older) == set()
    assert events(sentence) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Sanday Ventures, an Orkney investor in green data centres, has been busy. Sanday "
     "signed up as a Silver member of the OpenStack Foundation this week.", "Sanday Ventures"),
    ("Eday Hosting runs OpenStack in Orkney. On Monday Eday became a corporate sponsor of "
     "the OpenInfra Foundation.", "Eday Hosting"),
])
def test_a_short_name_takes_the_story_s_fuller_form(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Q2's OpenStack Foundation sign-ups are now a record, the foundation said.",
    "In 2Q24, OpenStack Foundation membership is now at its highest level.",
    "FY24 is now the OpenStack Foundation's best year for new members.",
])
def test_period_tokens_with_suffixes_are_not_organisations(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Ørsted Data has joined the OpenInfra Foundation as a Silver member.", "Ørsted Data"),
    ("The University of Skye runs a research cloud. The university has joined the OpenStack "
     "Foundation as an associate member.", "University of Skye"),
    ("Sumburgh Bank built its private cloud on OpenStack. This week the bank became a corporate "
     "sponsor of the OpenInfra Foundation.", "Sumburgh Bank"),
])
def test_names_with_accents_and_descriptive_heads(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("Scapa Systems, whose software can run on any cloud, has joined the OpenInfra Foundation.",
     "Scapa Systems"),
    ("Hoxa Cloud, which could once claim to be the largest OpenStack user in Scotland, has now "
     "become a Gold member of the OpenInfra Foundation.", "Hoxa Cloud"),
    ("Swarta Data, which analysts expected to stay on the sidelines, has signed up as a Silver "
     "member of the OpenStack Foundation.", "Swarta Data"),
])
def test_an_aside_does_not_lend_its_modal_to_the_main_verb(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_a_modal_in_the_main_clause_still_vetoes() -> None:
    assert events("Scapa Systems, a Kirkwall hosting firm, may join the OpenInfra Foundation.") \
        == set()


@pytest.mark.parametrize(("text", "company"), [
    ("Yesnaby Cloud, not content with running OpenStack, has joined the OpenInfra Foundation as "
     "a Gold member.", "Yesnaby Cloud"),
    ("Yesnaby Cloud, no stranger to open source, has signed up as a Silver member of the "
     "OpenStack Foundation.", "Yesnaby Cloud"),
])
def test_negative_asides_are_asides(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_a_hedge_between_commas_still_hedges() -> None:
    assert events("Yesnaby Cloud, perhaps, will join the OpenInfra Foundation.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("OpenInfra Foundation membership report, May\n\n## New Gold members\n- Quholm Cloud\n"
     "- Breckness Data (Silver) — a Lisbon hosting company\n\n## Departing members\n"
     "- Skaill IT\n\n## Speakers at the OpenInfra Summit\n- Marwick Systems\n",
     {("Quholm Cloud", "joined"), ("Breckness Data", "joined"), ("Skaill IT", "left")}),
    ("OpenStack Foundation corporate sponsors\n\nSponsors who joined this quarter:\n\n"
     "* Garson Networks\n* Innertown Data, Stromness\n\nSponsors who left:\n\n* Ness Hosting\n",
     {("Garson Networks", "joined"), ("Innertown Data", "joined"), ("Ness Hosting", "left")}),
])
def test_bulleted_names_under_a_membership_heading(text: str,
                                                   expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "OpenStack Foundation news: new members join the board\n\n## Keynote speakers\n"
    "- Quholm Cloud\n- Breckness Data\n",
    "New OpenStack Foundation members announced\n\nThe foundation named its new members.\n\n"
    "## Sponsors of the OpenInfra Summit\n- Garson Networks\n- Innertown Data\n",
    "OpenStack release highlights\n\n## New features\n- Nova Scheduler\n- Cinder Backup\n",
])
def test_bulleted_names_under_other_headings(text: str) -> None:
    assert events(text) == set()
