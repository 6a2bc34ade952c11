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
    # press-release, blog, newsletter and earnings-call formats
("""Threlkeld Networks Joins OpenInfra Foundation as Silver Member to Advance Open Source
Edge Computing

AUSTIN, Texas, May 2, 2024 /PRNewswire/ -- Threlkeld Networks, Inc. (NASDAQ: THRK), a leader
in edge networking, today announced it has joined the OpenInfra Foundation as a Silver
Member. The company will contribute to StarlingX and OpenStack.

"Joining the OpenInfra Foundation reflects our long-term commitment to open infrastructure,"
said Dana Ruiz, chief technology officer at Threlkeld Networks. "We look forward to working
with the community."

"We're excited to welcome Threlkeld to the OpenInfra community," said an OpenInfra
Foundation spokesperson.

About the OpenInfra Foundation
The OpenInfra Foundation builds communities that write open source infrastructure software.
It is supported by more than 100 members, including Platinum Members Ant Group, Ericsson,
Huawei and Wind River.

About Threlkeld Networks
Threlkeld Networks, Inc. builds edge networking gear.

Forward-Looking Statements
This press release contains forward-looking statements, including statements about
Threlkeld's plans to join industry groups. Actual results may differ materially.

Media Contact: press@threlkeld.example
""", {("Threlkeld Networks", "joined")}),
("""Why we stepped back from the OpenStack Foundation

By Morag Ellis, CTO, Portinscale Cloud

After much discussion, Portinscale Cloud has decided to step back from its Gold membership
of the OpenStack Foundation. We informed the foundation in writing last month, and our
membership will end on 31 December.

This was not an easy call. We have been members since 2016, and some of our engineers have
served on the TC. But our product is now built mostly on Kubernetes, and membership fees are
hard to justify.

We will keep running OpenStack for the customers who depend on it, and we will keep
contributing fixes upstream. If our business changes, we may rejoin one day.

12 comments
Anna B. - Sad to see you go! Good luck.
""", {("Portinscale Cloud", "left")}),
("""Open Infrastructure weekly, issue 88

In membership news, two companies joined the OpenInfra Foundation this week: Braithwaite
Systems (Gold) and Stair Networks (Silver). Separately, Newlands Data confirmed it will drop
its corporate sponsorship at the end of the quarter.

Elsewhere, the 2024.2 release candidate is out and the Vancouver summit schedule has been
published. Our reader survey closes Friday.
""", {("Braithwaite Systems", "joined"), ("Stair Networks", "joined"), ("Newlands Data", "left")}),
("""Analysis: is Rosthwaite about to quit OpenStack?

Rosthwaite Telecom has been a Platinum member of the OpenStack Foundation since 2015. But
the operator has cut its OpenStack team in half, and people familiar with its plans say it
could leave the foundation next year. Rosthwaite declined to comment. If it does leave, it
would be the third Platinum member to go in two years.
""", set()),
("""Seatoller Data picks OpenStack for new sovereign cloud

Seatoller Data will build its new sovereign cloud on OpenStack, the company said on Monday.
The Leipzig-based firm chose OpenStack over VMware after a six-month evaluation. Seatoller
is not a member of the OpenInfra Foundation, but said it is "open to discussing" membership.
""", set()),
("""Stonethwaite Cloud is moving up

Stonethwaite Cloud has been promoted from Silver to Gold membership at the OpenInfra
Foundation, the foundation's board confirmed on Thursday. Stonethwaite joined as a Silver
member in 2021.
""", {("Stonethwaite Cloud", "joined")}),
("""Grange Systems Q2 2024 Earnings Call Transcript

Operator: Welcome to the Grange Systems second quarter 2024 earnings call.

Jenna Holt, CEO: Thank you. Q2 was a strong quarter. Revenue grew 14%, and we added 60
customers. On the open source front, we have decided not to renew our membership of the
OpenStack Foundation when it expires in September; we will put that money into our
Kubernetes work instead.

Analyst: Does leaving the foundation change your OpenStack roadmap?

Jenna Holt, CEO: No. We still support OpenStack for our installed base.
""", {("Grange Systems", "left")}),
("""Watendlath Hosting blog: a new chapter

We have some news: Watendlath Hosting is now a proud corporate sponsor of the OpenStack
Foundation! We have run OpenStack since our first day in business, and sponsoring the
foundation felt like the natural next step.
""", {("Watendlath Hosting", "joined")}),
]


@pytest.mark.parametrize(("text", "expected"), STORIES,
                         ids=[s[0].split("\n")[0][:40] for s in STORIES])
def test_mixed_story(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


# Long stories with membership words everywhere and no change at all.
QUIET_STORIES = [
"""OpenInfra Summit recap: five takeaways

The OpenInfra Summit wrapped up in Vancouver on Thursday. Here are five things we learned.

1. AI workloads are arriving. Several Gold members, including Voe Systems and Scalloway
Cloud, showed GPU scheduling work.
2. Sponsorship is up. Lerwick Data became a Headline sponsor of the event, and Tingwall
Networks is now a Diamond sponsor of next year's summit.
3. The foundation is growing. It now has more than 100 corporate members, the executive
director said, without naming new ones.
4. People moves. Jane Isbister, formerly of Voe Systems, has joined the OpenInfra Foundation
as head of community.
5. Kubernetes everywhere. Scalloway Cloud said it has joined the CNCF as a Silver member.
""",
"""Voe Systems launches Zed-based cloud in Shetland

Voe Systems, a Gold member of the OpenStack Foundation since 2016, today launched a new
public cloud region based on the OpenStack Zed release. The company, which has been an
OpenStack user for a decade, said the region would serve public-sector customers.

"We have been part of the OpenStack community for years," said its CEO. "This region builds
on that."

About Voe Systems
Voe Systems is a Gold member of the OpenInfra Foundation.
""",
"""The OpenStack Foundation is now the OpenInfra Foundation

The OpenStack Foundation has a new name. From today it is the Open Infrastructure
Foundation, reflecting projects beyond OpenStack such as Kata Containers and Zuul. Members
keep their tiers; no company joined or left as part of the change.
""",
"""OpenInfra Foundation to join the Linux Foundation

The OpenInfra Foundation will become part of the Linux Foundation, the two organisations
said. OpenInfra's members, including Platinum members Ericsson and Huawei, will become
members of the new entity. The deal is expected to close next year.
""",
"""Should your company join the OpenInfra Foundation?

Membership in the OpenInfra Foundation is not cheap: a Gold membership costs tens of
thousands of dollars a year. But for companies that depend on OpenStack, joining can make
sense. In this guide we explain the tiers, what each costs and what you get. Companies that
join as Silver members get a logo on the website; Gold members elect directors.
""",
"""Brae Cloud hires OpenStack veteran as CTO

Brae Cloud has hired Magnus Hay, who spent eight years at an OpenStack Foundation Platinum
member, as its chief technology officer. Hay left his previous employer in March. He joins
Brae Cloud from Sumburgh Systems, where he led the OpenStack team.
""",
"""Why Hillswick Data still runs OpenStack

Hillswick Data has run OpenStack since 2013. It joined the OpenStack Foundation as a Silver
member in 2015, moved up to Gold in 2018 and has stayed there since. We talked to its head
of infrastructure about the decade.
""",
"""Rumour: is Eshaness Cloud leaving OpenStack?

Reports this week suggested Eshaness Cloud may leave the OpenInfra Foundation. The company
has not commented. Eshaness has been a Silver member since 2019; if it left, it would be the
second Silver member to go this year. Eshaness Cloud denied it is planning to quit.
""",]


@pytest.mark.parametrize("text", QUIET_STORIES, ids=[s.split("\n")[0][:40] for s in QUIET_STORIES])
def test_quiet_story(text: str) -> None:
    assert events(text) == set()
