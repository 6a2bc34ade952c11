"""Bulleted list items that are whole described sentences, under a line that
announces who joined: "the board approved three new Silver members:" then
"* Acme Cloud, a Leeds-based provider of ..., which has run OpenStack since
2014." What the description says (an OpenStack public cloud) is not the match.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events

_ITEMS = """\
* Wyvern Compute, a Leeds-based provider of managed private clouds for hospitals, which has \
run OpenStack in production since the Kilo release.
* Tern & Gull Data, a Hull hosting company that operates an OpenStack public cloud for \
fishing cooperatives.
"""


def test_each_described_item_under_an_approval_line_joins() -> None:
    text = ("OpenInfra Foundation board news\n\nAt Tuesday's meeting the board approved two "
            "new Silver members:\n\n" + _ITEMS)
    assert events(text) == {("Wyvern Compute", "joined"), ("Tern & Gull Data", "joined")}


def test_welcoming_the_following_organizations_as_members_opens_a_list() -> None:
    text = ("Foundation update\n\nThe OpenInfra Foundation is happy to welcome the following "
            "organizations as Gold members of the Foundation:\n\n" + _ITEMS)
    assert events(text) == {("Wyvern Compute", "joined"), ("Tern & Gull Data", "joined")}


def test_described_items_under_a_summit_sponsor_line_report_nothing() -> None:
    text = ("OpenInfra Summit update\n\nWe welcome the following organizations as sponsors "
            "of this year's OpenInfra Summit:\n\n" + _ITEMS)
    assert events(text) == set()
