"""Joining, in the many ways stories say it."""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Nimbus Data Works has joined the OpenStack Foundation.", "Nimbus Data Works"),
    ("Dell joins OpenStack open source cloud effort", "Dell"),
    ("Cisco today joined the OpenStack community.", "Cisco"),
    ("Intel will join the OpenStack project next week, the chipmaker confirmed.", "Intel"),
    ("HP to join OpenStack", "HP"),
    ("Yahoo is joining the OpenStack Foundation as a Gold member.", "Yahoo"),
    ("Rackspace said on Tuesday that it has joined the OpenInfra Foundation.", "Rackspace"),
    ("Helix Cloud rejoined the Open Infrastructure Foundation this week.", "Helix Cloud"),
    ("Brightwave signs on to OpenStack.", "Brightwave"),
    ("Hitachi signed on as a Gold member of the OpenStack Foundation.", "Hitachi"),
    ("NEC comes aboard the OpenStack project.", "NEC"),
    ("Fujitsu hopped on the OpenStack bandwagon this week.", "Fujitsu"),
    ("Comcast becomes an OpenStack Foundation Gold member", "Comcast"),
    ("Ericsson became a Platinum member of the OpenStack Foundation on Monday.", "Ericsson"),
    ("Oracle has become a corporate sponsor of the OpenStack Foundation.", "Oracle"),
    ("Huawei is now a Gold member of the OpenStack Foundation.", "Huawei"),
    ("Walmart is the latest company to join OpenStack.", "Walmart"),
    ("AT&T has become the first U.S. carrier to join the OpenStack initiative.", "AT&T"),
    ("Cisco was approved as a Gold member of the OpenStack Foundation.", "Cisco"),
    ("The OpenStack Foundation board approved Inspur as a Gold member.", "Inspur"),
    ("The OpenStack Foundation welcomed Tencent as a Platinum member.", "Tencent"),
    ("Ericsson upgraded its OpenStack Foundation membership to Platinum.", "Ericsson"),
    ("Intel upgrades to Platinum member of OpenStack Foundation", "Intel"),
    ("Brocade throws its weight behind OpenStack.", "Brocade"),
    ("Red Hat has taken out a Gold membership in the OpenStack Foundation.", "Red Hat"),
    ("Sparrowhawk enters the OpenStack fold.", "Sparrowhawk"),
    ("Huawei Becomes OpenStack Foundation Platinum Member", "Huawei"),
    ("Sparrowhawk Joins OpenStack As Gold Member", "Sparrowhawk"),
    ("The OpenStack Foundation today announced that Sparrowhawk has joined as a Gold Member.",
     "Sparrowhawk"),
    ("Sparrowhawk is pleased to announce that it has joined the OpenStack Foundation.",
     "Sparrowhawk"),
    ("After months of speculation, VMware has joined OpenStack.", "VMware"),
    ("In a surprise move, VMware has joined OpenStack.", "VMware"),
    ("VMware's decision to join OpenStack surprised many.", "VMware"),
    ("IBM has signed on as a Platinum member of the proposed OpenStack Foundation.", "IBM"),
    ("Sparrowhawk is OpenStack's newest Gold member.", "Sparrowhawk"),
    ("OpenStack's newest member is Sparrowhawk.", "Sparrowhawk"),
    ("Sparrowhawk has officially become part of the OpenStack community.", "Sparrowhawk"),
    ("Sparrowhawk has thrown its hat into the OpenStack ring.", "Sparrowhawk"),
    ("Sparrowhawk was welcomed into the OpenStack Foundation.", "Sparrowhawk"),
    ("Sparrowhawk has been added as a Gold member of the OpenStack Foundation.", "Sparrowhawk"),
])
def test_a_join_phrase_names_the_company(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "SAN FRANCISCO -- April 16, 2012 -- Sparrowhawk Corp. (NASDAQ: SPHK), a maker of widgets, "
    "today announced it has joined the OpenStack Foundation as a Gold Member.",
    "Sparrowhawk (NASDAQ: SPHK) has joined the OpenStack Foundation.",
    "Sparrowhawk, a San Francisco start-up founded in 2012 by former Google engineers to build "
    "tools for running private clouds and their many moving parts, has joined the OpenStack "
    "Foundation.",
    "Sparrowhawk, based in Austin, Texas, has joined OpenStack.",
    "Sparrowhawk — the Austin company behind the Widget platform — has joined OpenStack.",
])
def test_asides_between_subject_and_verb_are_skipped(text: str) -> None:
    assert events(text) == {("Sparrowhawk", "joined")}


def test_elected_members_are_all_reported() -> None:
    text = "Sparrowhawk and Beta Systems have been elected as new Gold Members of the OpenStack " \
        "Foundation."
    assert events(text) == {("Sparrowhawk", "joined"), ("Beta Systems", "joined")}


@pytest.mark.parametrize(("text", "companies"), [
    ("New Gold members of the OpenStack Foundation include Fujitsu, NEC and Hitachi.",
     {"Fujitsu", "NEC", "Hitachi"}),
    ("OpenStack is growing fast. Recent new members include Canonical, Cisco and Grid Dynamics.",
     {"Canonical", "Cisco", "Grid Dynamics"}),
    ("Red Hat, Dell and Cisco have joined OpenStack.", {"Red Hat", "Dell", "Cisco"}),
    ("Huawei, Intel elevated to OpenStack Foundation Platinum members", {"Huawei", "Intel"}),
    ("OpenStack Foundation adds Huawei, Intel as Platinum members", {"Huawei", "Intel"}),
    ("Three organisations joined the OpenStack Foundation as Corporate Sponsors this quarter: "
     "StackHPC, Cleura and Objectif Libre.", {"StackHPC", "Cleura", "Objectif Libre"}),
    ("The OpenStack Foundation launched today with founding Platinum members AT&T, Canonical "
     "and SUSE.", {"AT&T", "Canonical", "SUSE"}),
    ("The OpenStack Foundation officially launched on Monday. Its founding members include "
     "IBM, Nebula and Rackspace.", {"IBM", "Nebula", "Rackspace"}),
])
def test_a_list_gives_one_event_per_member(text: str, companies: set[str]) -> None:
    assert events(text) == {(c, "joined") for c in companies}


def test_a_join_without_target_in_the_sentence_uses_the_story_target() -> None:
    text = ("Membership news from the OpenStack Foundation this quarter. "
            "Orbisoft has joined as a Corporate Sponsor.")
    assert events(text) == {("Orbisoft", "joined")}


def test_founding_member_needs_a_launch_to_be_news() -> None:
    background = "AT&T, a founding member of the OpenStack Foundation, launched a new service."
    launch = "AT&T is a founding member of the OpenStack Foundation, which launched today."
    assert events(background) == set()
    assert events(launch) == {("AT&T", "joined")}
