"""A change denied before it is named ("Nothing about today means we are
turning our back on OpenStack", "this in no way signals an exit") is no
event; a sentence that merely opens with "Nothing" still reports one.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

_LEAD = "Kelso Cloud joined the CNCF as a Gold member on Tuesday. "


@pytest.mark.parametrize("text", [
    "\"Nothing about today means we are turning our back on OpenStack,\" said chief technology "
    "officer Ada Rowe.",
    "\"Nothing in this deal signals that we are leaving the OpenStack Foundation,\" the company "
    "said.",
    "The move in no way means Kelso Cloud is quitting the OpenStack Foundation, its chief "
    "executive said.",
    "By no means is Kelso Cloud leaving the OpenStack Foundation, its chief executive said.",
    "\"Nothing we announced this week suggests we will drop our OpenStack Foundation "
    "membership,\" a spokesperson said.",
])
def test_a_change_denied_before_it_is_named(text: str) -> None:
    assert events(_LEAD + text) == set()


@pytest.mark.parametrize("text", [
    "Nothing had prepared the community for the news: Kelso Cloud has left the OpenStack "
    "Foundation.",
    "Nothing was said on stage, but Kelso Cloud has quit the OpenStack Foundation, a filing "
    "shows.",
])
def test_a_sentence_opening_with_nothing_still_reports(text: str) -> None:
    assert events(text) == {("Kelso Cloud", "left")}


@pytest.mark.parametrize("text", [
    "By no means the biggest vendor, Kelso Cloud has joined the OpenStack Foundation as a Gold "
    "member.",
    "In no way a newcomer to open source, Kelso Cloud has joined the OpenStack Foundation as a "
    "Gold member.",
])
def test_a_hedge_about_the_company_denies_no_change(text: str) -> None:
    assert events(text) == {("Kelso Cloud", "joined")}
