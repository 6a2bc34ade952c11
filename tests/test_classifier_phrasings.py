"""A second round of phrasings, written after the membership family existed,
to check that it generalises rather than memorises; lookalikes beside them.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

JOINS_AND_LEAVES = [
    ("Velmont Data Systems has become the latest Silver member of the OpenInfra Foundation.",
     "Velmont Data Systems", "joined"),
    ("Orchard Loop officially joins OpenInfra Foundation as Gold Member", "Orchard Loop", "joined"),
    ("The Open Infrastructure Foundation has a new Platinum member: Sundial Networks.",
     "Sundial Networks", "joined"),
    ("Sundial Networks has been confirmed as the OpenInfra Foundation's newest Platinum member.",
     "Sundial Networks", "joined"),
    ("Kettering Cloud is the OpenStack Foundation's latest corporate sponsor.",
     "Kettering Cloud", "joined"),
    ("Brantwood Systems today became a Corporate Sponsor of the OpenStack Foundation.",
     "Brantwood Systems", "joined"),
    ("With its new Gold membership, Pickering Telecom joins more than 100 companies backing the "
     "OpenInfra Foundation.", "Pickering Telecom", "joined"),
    ("Marlow IT announced its Silver membership in the OpenStack Foundation on Tuesday.",
     "Marlow IT", "joined"),
    ("Ashby Compute has committed to a three-year Gold membership of the OpenInfra Foundation.",
     "Ashby Compute", "joined"),
    ("The OpenStack Foundation announced today that Whitby Hosting has signed on as a Gold Member.",
     "Whitby Hosting", "joined"),
    ("Through its new corporate sponsorship, Rowan Grid now supports the OpenStack Foundation "
     "directly.", "Rowan Grid", "joined"),
    ("Hexley Labs is joining the ranks of OpenInfra Foundation Gold members.",
     "Hexley Labs", "joined"),
    ("Corran Digital has moved from Silver to Gold membership at the OpenStack Foundation.",
     "Corran Digital", "joined"),
    ("Tarnbrook became an OpenInfra Foundation Platinum Member this month.", "Tarnbrook", "joined"),
    ("Pennine Cloud is now part of the OpenStack Foundation as a Silver member.",
     "Pennine Cloud", "joined"),
    ("Crestline Networks said it is now a member of the Open Infrastructure Foundation at the "
     "Gold level.", "Crestline Networks", "joined"),
    ("Skelwith Systems comes on board as OpenInfra Foundation Silver member",
     "Skelwith Systems", "joined"),
    ("Ullswater Data joined the OpenInfra Foundation at the Platinum level on Monday, the "
     "foundation said.", "Ullswater Data", "joined"),
    ("Grasmere, a French cloud provider, today announced its membership in the OpenStack "
     "Foundation as a corporate sponsor.", "Grasmere", "joined"),
    ("Keswick Hosting has taken a Platinum seat at the OpenInfra Foundation.",
     "Keswick Hosting", "joined"),
    ("Elterwater Cloud upgraded its OpenInfra Foundation membership from Silver to Gold.",
     "Elterwater Cloud", "joined"),
    ("The OpenInfra Foundation has admitted Patterdale Systems as a Silver member.",
     "Patterdale Systems", "joined"),
    ("Patterdale Systems gets OpenInfra Foundation Silver membership",
     "Patterdale Systems", "joined"),
    ("Troutbeck Compute has returned to the OpenStack Foundation as a corporate sponsor, two "
     "years after leaving.", "Troutbeck Compute", "joined"),
    ("Ambleside Telecom is the newest member of the OpenStack Foundation's Gold tier.",
     "Ambleside Telecom", "joined"),
    ("Glenridding IT, which last week became a Silver member of the OpenInfra Foundation, said it "
     "would focus on Ironic.", "Glenridding IT", "joined"),
    ("Consett Networks: we have joined the OpenStack Foundation as a corporate sponsor",
     "Consett Networks", "joined"),
    # leaves
    ("Rydal Cloud has withdrawn from the OpenInfra Foundation.", "Rydal Cloud", "left"),
    ("Rydal Cloud is leaving the OpenStack Foundation at the end of the year.",
     "Rydal Cloud", "left"),
    ("Bowness Systems has ended its corporate sponsorship of the OpenStack Foundation.",
     "Bowness Systems", "left"),
    ("Bowness Systems will no longer sponsor the OpenInfra Foundation.", "Bowness Systems", "left"),
    ("Coniston Data has dropped its Silver membership of the OpenInfra Foundation.",
     "Coniston Data", "left"),
    ("Coniston Data's Gold membership of the OpenStack Foundation has lapsed.",
     "Coniston Data", "left"),
    ("The OpenStack Foundation has lost Hawkshead Telecom as a Gold member.",
     "Hawkshead Telecom", "left"),
    ("Hawkshead Telecom exits OpenInfra Foundation", "Hawkshead Telecom", "left"),
    ("Satterthwaite IT is no longer among the corporate sponsors of the OpenStack Foundation.",
     "Satterthwaite IT", "left"),
    ("Satterthwaite IT has decided against renewing its OpenInfra Foundation membership.",
     "Satterthwaite IT", "left"),
    ("Eskdale Cloud's membership in the Open Infrastructure Foundation ends this month.",
     "Eskdale Cloud", "left"),
    ("Wasdale Systems quit the OpenInfra Foundation last month.", "Wasdale Systems", "left"),
    ("Wasdale Systems has pulled its Gold membership from the OpenStack Foundation.",
     "Wasdale Systems", "left"),
    ("After nine years, Borrowdale Hosting is no longer an OpenStack Foundation member.",
     "Borrowdale Hosting", "left"),
    ("Borrowdale Hosting has opted not to continue its Gold membership of the OpenInfra "
     "Foundation.", "Borrowdale Hosting", "left"),
    ("Langdale Networks has ceased its sponsorship of the OpenStack Foundation.",
     "Langdale Networks", "left"),
    ("Langdale Networks downgraded from Platinum to Gold at the OpenInfra Foundation.",
     "Langdale Networks", "left"),
    ("The OpenInfra Foundation confirmed that Seathwaite Data has left.",
     "Seathwaite Data", "left"),
    ("Seathwaite Data has resigned its Silver membership of the OpenStack Foundation.",
     "Seathwaite Data", "left"),
    ("Braithwaite Cloud will leave the OpenInfra Foundation when its membership expires in March.",
     "Braithwaite Cloud", "left"),
    ("Thirlmere Systems has walked out of the OpenStack Foundation.", "Thirlmere Systems", "left"),
]


@pytest.mark.parametrize(("text", "company", "action"), JOINS_AND_LEAVES)
def test_fresh_phrasing(text: str, company: str, action: str) -> None:
    assert events(text) == {(company, action)}


LOOKALIKES = [
    "Velmont Data Systems is a member of the OpenInfra Foundation and sells Ceph appliances.",
    "Orchard Loop joins OpenInfra Summit as Diamond sponsor",
    "Sundial Networks became a Platinum sponsor of the OpenInfra Summit in Asia.",
    "Kettering Cloud is the OpenStack Foundation's largest customer in the UK.",
    "Brantwood Systems, a Corporate Sponsor of the OpenStack Foundation since 2016, launched a "
    "new region.",
    "Pickering Telecom joins more than 100 companies running OpenStack in production.",
    "Marlow IT announced its OpenStack certification on Tuesday.",
    "Ashby Compute has committed to OpenStack for its next-generation cloud.",
    "Whitby Hosting has signed a deal with an OpenStack Foundation member to resell its cloud.",
    "Hexley Labs is joining the ranks of OpenStack users in the public sector.",
    "Corran Digital has moved from VMware to OpenStack.",
    "Tarnbrook became an OpenStack user this month.",
    "Pennine Cloud is now part of the OpenStack ecosystem through its new Kolla-based product.",
    "Crestline Networks said it is not a member of the OpenInfra Foundation and has no plans to "
    "become one.",
    "Skelwith Systems' CEO comes on board as OpenInfra Foundation board director",
    "Ullswater Data joined the Linux Foundation at the Platinum level on Monday; it is already an "
    "OpenStack user.",
    "Keswick Hosting has taken a seat on the OpenInfra Foundation's user committee.",
    "Elterwater Cloud upgraded its OpenStack deployment from Yoga to Antelope.",
    "Troutbeck Compute has returned to the OpenStack Summit as a sponsor.",
    "Glenridding IT's engineers joined the OpenStack Ironic core team.",
    "Rydal Cloud has withdrawn its OpenStack-based public cloud from the market.",
    "Rydal Cloud is leaving OpenStack Summit early to attend KubeCon.",
    "Bowness Systems has ended its OpenStack support contract with Canonical.",
    "Coniston Data has dropped its OpenStack Swift cluster in favour of Ceph.",
    "The OpenStack Foundation has lost its executive director to a startup.",
    "Hawkshead Telecom exits OpenStack public cloud market",
    "Satterthwaite IT is no longer among the largest OpenStack users in Europe.",
    "Eskdale Cloud's contract with an OpenInfra Foundation member ends this month.",
    "Wasdale Systems quit the OpenStack user survey because it was too long.",
    "Borrowdale Hosting is no longer an OpenStack shop; it moved to Proxmox.",
    "Langdale Networks has ceased its OpenStack development after the acquisition.",
    "Seathwaite Data's CTO has resigned from the OpenStack Foundation board.",
    "Thirlmere Systems walked out of the OpenStack Summit keynote in protest.",
    "The OpenInfra Foundation said it may lose a Platinum member next year.",
    "Members of the OpenStack Foundation voted to approve the bylaws change.",
    "Sandscale Systems said it is considering joining the OpenInfra Foundation as a Gold member.",
    "Sandscale Systems has been a Gold member of the OpenStack Foundation for eight years.",
    "Was Sandscale Systems ever a member of the OpenStack Foundation?",
    "The OpenInfra Foundation now has 12 Platinum members and 30 Gold members.",
    "The OpenStack Foundation's Gold members include Sandscale Systems, Bowness Systems and Rydal "
    "Cloud.",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_fresh_lookalike(text: str) -> None:
    assert events(text) == set()
