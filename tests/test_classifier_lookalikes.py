"""Stories that only look like joins or leaves: nothing may be reported."""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize("text", [
    # adoption, products, deals, money
    "Lumenstack deploys OpenStack across its data centers.",
    "Lumenstack launches an OpenStack distribution.",
    "Rackspace acquires OpenStack startup Lumenstack.",
    "Lumenstack raised $20 million to build OpenStack tools.",
    "Lumenstack pulls the plug on its OpenStack public cloud.",
    "HP exits OpenStack public cloud business.",
    "Red Hat joins OpenStack Summit as headline sponsor.",
    "Lumenstack joins OpenStack rival CloudStack.",
    "Lumenstack joins OpenStack Foundation's Interop Working Group.",
    # people
    "Lumenstack hires former OpenStack Foundation executive John Smith.",
    "Jane Doe joins the OpenStack Foundation as chief operating officer.",
    "Former Rackspace exec joins OpenStack Foundation.",
    "Acme CEO Jane Roe joins OpenStack Foundation as an individual member.",
    "Lumenstack is leaving the OpenStack Foundation board.",
    # other foundations
    "Lumenstack, an OpenStack member, joined the CNCF.",
    "Lumenstack, long an OpenStack backer, joined the Linux Foundation as a Gold member.",
    "The OpenInfra Foundation is joining the Linux Foundation.",
    # speculation, conditionals, pending
    "VMware may join OpenStack.",
    "If VMware joins OpenStack, it will be a big win.",
    "Lumenstack is expected to join OpenStack next month.",
    "Analysts expect Lumenstack to quit OpenStack.",
    "Lumenstack is considering leaving OpenStack.",
    "Lumenstack is in talks to join OpenStack.",
    "Lumenstack could soon join OpenStack.",
    "Lumenstack is rumored to be joining the OpenStack Foundation.",
    "Lumenstack has applied to join the OpenStack Foundation.",
    # negation, denial, questions
    "Lumenstack denied reports that it is leaving OpenStack.",
    "Lumenstack is not leaving OpenStack.",
    "Lumenstack has no plans to leave OpenStack.",
    "Lumenstack never joined OpenStack.",
    "Will Oracle join OpenStack?",
    # background
    "HP, which joined OpenStack in 2011, reported earnings.",
    "Since joining OpenStack in 2012, Lumenstack has grown.",
    "When HP joined OpenStack in 2011, few noticed.",
    "Lumenstack joined OpenStack back in 2011.",
    "IBM is a member of the OpenStack Foundation.",
    # not a company
    "Telcos are joining OpenStack in droves.",
    "Several telcos have joined OpenStack.",
    "Large organizations continue to join the OpenStack community.",
])
def test_nothing_is_reported(text: str) -> None:
    assert events(text) == set()


def test_related_links_can_only_veto() -> None:
    text = ("An essay about the OpenStack summit.\n\nRelated articles\n"
            "- Breaking News: IBM Joins OpenStack (cloudave.com)\n")
    assert events(text) == set()


def test_comments_do_not_count() -> None:
    text = ("OpenStack shipped a release.\n\n## Comments\n\n"
            "**Reader:** Great news, and Lumenstack has joined OpenStack too!\n")
    assert events(text) == set()
