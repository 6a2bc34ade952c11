"""Longer mixed stories: one or two real changes among background and traps.

Every story here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

STORIES = [
    ("""Gannet Systems steps up to Platinum at the OpenInfra Foundation

Gannet Systems, the Bergen-based storage company, said on Wednesday that its membership of
the OpenInfra Foundation has moved up from Gold to Platinum. Gannet has been a Gold member
since 2017 and sponsors the OpenInfra Summit every year.

"We run OpenStack in every region we operate," said Ingrid Solberg, Gannet's chief
executive. The company also said it may join the CNCF later this year, though no decision
has been taken.
""", {("Gannet Systems", "joined")}),
    ("""Foundation roster: who came and who went in the first quarter

The OpenStack Foundation's corporate roster changed more than usual in the first three months
of the year. Penwith Cloud is now a Corporate Sponsor of the foundation, having announced the
move at a customer event in Truro. Meanwhile Lizard Point Networks declined to renew its Gold
membership when it came up in February, citing a shift towards managed Kubernetes.

Several other companies, including Zennor Data, are said to be considering membership, but
none has applied. Mousehole IT, a Silver member since 2015, renewed for another two years.
""", {("Penwith Cloud", "joined"), ("Lizard Point Networks", "left")}),
    ("""Tregony Q2 2024 results call: remarks by the chief executive

Thanks, operator. Q2 revenue was up 9% on the year, led by our managed cloud business.
Q3 bookings look strong.

A word on community. This quarter we became a Gold member of the OpenInfra Foundation,
something our engineers have wanted for a long time. We were already one of the larger
contributors to Cinder and Manila, and membership gives us a voice in how the foundation
spends its money.

Before I hand over, a reminder that we will host our investor day in September.
""", {("Tregony", "joined")}),
    ("""Why we are leaving the OpenStack Foundation

Posted by the Porthleven Hosting team

After eight years as a Silver member, Porthleven Hosting will not be renewing its OpenStack
Foundation membership when it expires at the end of this month. This was a hard decision.
We still run OpenStack for our customers, and our engineers will keep contributing
upstream as individuals.

We joined the foundation in 2016 when we were a much smaller company, and we owe it a lot.
""", {("Porthleven Hosting", "left")}),
    ("""Caldwater Peak Networks joins the OpenInfra Foundation

EDINBURGH -- Caldwater Peak Networks, a provider of sovereign cloud services, today
announced that it has been admitted as a Silver member of the OpenInfra Foundation.

Caldwater Peak operates OpenStack regions in Edinburgh and Glasgow. The company previously
sponsored the OpenInfra Summit in Berlin but had never been a member of the foundation.

About Caldwater Peak Networks
Caldwater Peak Networks builds open, sovereign infrastructure for the public sector.
""", {("Caldwater Peak Networks", "joined")}),
    ("""OpenStack at the summit: sponsors, speakers and one new member

The OpenInfra Summit opened in Vancouver on Tuesday with a record number of sponsors.
Falmouth Compute and Helston Labs became headline sponsors of the event, and Redruth Data
became a sponsor of the hackathon. None of these is a change in foundation membership.

The one membership change announced at the show came from Camborne Systems, which enlisted
in the OpenInfra Foundation as a Corporate Sponsor. Camborne's chief architect, Tamsin
Trewin, now holds a seat on the foundation's technical committee.
""", {("Camborne Systems", "joined")}),
    ("""OpenInfra Foundation member directory -- changelog

The foundation publishes a monthly changelog of its corporate member list.

Added: Veryan Cloud (Gold).
Added: MEVAGISSEY (Corporate Sponsor).
Removed: St Austell Systems (Silver).
Renamed: Fowey Data is now Fowey Digital (Gold, unchanged).
""", {("Veryan Cloud", "joined"), ("MEVAGISSEY", "joined"), ("St Austell Systems", "left")}),
    ("""Bodmin Cloud quits the OpenStack Foundation, and tells us why

Bodmin Cloud has terminated its membership in the OpenStack Foundation. The company joined
as a Gold member in 2014 and upgraded to Platinum two years later, before dropping back to
Gold in 2020.

"We are not leaving OpenStack," a spokesperson said, stressing that Bodmin will keep
running its three OpenStack regions. Analysts said other hosting firms could follow.
""", {("Bodmin Cloud", "left")}),
    ("""Ten years of OpenStack at Launceston Telecom

Launceston Telecom became an OpenStack user in 2014, a Gold member of the OpenStack
Foundation in 2015 and a Platinum member in 2018. It remains a Platinum member today. The
company said it has no plans to change its membership, and dismissed reports that it might
quit the foundation. Its engineers have since joined several project teams.
""", set()),
    ("""Liskeard Systems is back

Four years after letting its membership lapse, Liskeard Systems has rejoined the OpenStack
Foundation, this time as a Gold member. The company left in 2020 after a change of owner.
"We never stopped using OpenStack," said its chief executive. Liskeard also sponsors the
OpenInfra Summit in Asia this year.
""", {("Liskeard Systems", "joined")}),
    ("""Saltash Digital parts ways with the OpenInfra Foundation; Looe Networks moves in

Saltash Digital has parted ways with the OpenInfra Foundation after seven years as a
corporate sponsor, the company confirmed. In a separate announcement, Looe Networks said
that it is now a Silver member of the foundation.

Saltash, which joined in 2017, says it will concentrate on its Kubernetes business.
""", {("Saltash Digital", "left"), ("Looe Networks", "joined")}),
]


@pytest.mark.parametrize(("text", "expected"), STORIES,
                         ids=[s[0].split("\n")[0][:40] for s in STORIES])
def test_mixed_story(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected
