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


# ---- round three: documents in several formats ---------------------------

DOCUMENTS = [
("""NORTHWIND CLOUD BECOMES OPENINFRA FOUNDATION GOLD MEMBER

Oslo, 12 March -- Northwind Cloud AS, a Norwegian provider of public cloud services, is now
a Gold Member of the OpenInfra Foundation.

"Open infrastructure is at the heart of what we do," said Kari Nordmann, CEO of Northwind Cloud.

About Northwind Cloud
Northwind Cloud AS runs OpenStack-based public cloud regions in Oslo and Bergen.
""", {("Northwind Cloud", "joined")}),
("""Quick hits: membership news

- Larchfield Systems is now a Silver member of the OpenStack Foundation.
- Millbrook Data left the foundation at the end of its term.
- The Ops Meetup will be held in Lisbon.
""", {("Larchfield Systems", "joined"), ("Millbrook Data", "left")}),
("""Hollowmere Telecom: statement on OpenInfra Foundation membership

Hollowmere Telecom confirms that it has not renewed its Platinum membership of the OpenInfra
Foundation, which expired on 31 December. Hollowmere remains a user of OpenStack and will
continue to contribute code.
""", {("Hollowmere Telecom", "left")}),
("""Interview: why Ravenscar went Gold

Ravenscar Labs recently took out a Gold membership in the OpenStack Foundation. We asked its
CTO, Pieter de Vries, why.

Q: Why now?
A: We have been contributing for years. Becoming a member was overdue.
""", {("Ravenscar Labs", "joined")}),
("""Weekly OpenStack digest #212

Fernbrook Cloud signed up as a corporate sponsor of the OpenStack Foundation this week. In
other news, the Zed release is out, and the TC approved a new project. Greystone Labs denied
reports that it will leave the foundation.
""", {("Fernbrook Cloud", "joined")}),
("""Mistlebrook drops OpenStack Foundation sponsorship

Mistlebrook Software has dropped its corporate sponsorship of the OpenStack Foundation, a
company spokesperson confirmed on Thursday. The company, which had been a sponsor since
2015, said its customers are moving to Kubernetes.

Mistlebrook will still sponsor the OpenInfra Summit this year.
""", {("Mistlebrook Software", "left")}),
("""Dunmere Systems Q4 FY2023 earnings call

CEO: Thanks. In Q4 we joined the OpenInfra Foundation as a Platinum member. That is a big
commitment for a company of our size.
CFO: Q4 revenue was $210 million.
""", {("Dunmere Systems", "joined")}),
("""OpenStack Foundation welcomes three new Gold members

The OpenStack Foundation today welcomed Alderney Networks, Sark Cloud and Herm Data as Gold
members. The three companies bring the number of Gold members to 24.
""", {("Alderney Networks", "joined"), ("Sark Cloud", "joined"), ("Herm Data", "joined")}),
("""Castlerigg leaves OpenInfra Foundation after eight years

Castlerigg Data Services has left the OpenInfra Foundation. Castlerigg was a Gold member for
eight years and hosted several Ops Meetups. It told members in an email that it could no
longer justify the fee.
""", {("Castlerigg Data Services", "left")}),
("""The state of OpenStack membership in 2024

More than 100 companies back the OpenInfra Foundation today. Among the largest are Redwater
Systems and Lowfell Cloud, both Platinum members since 2019. Several smaller firms joined
the foundation over the years, and a few left. This piece looks at the trends rather than
the news.
""", set()),
("""Saddleback Networks signs on to OpenStack Summit as Diamond sponsor

Saddleback Networks will be the Diamond sponsor of the OpenStack Summit in Paris. The
company has been an OpenStack Foundation Gold member since 2014 and says the summit is its
most important event.
""", set()),
("""Hartside Cloud considers OpenInfra membership

Hartside Cloud is weighing whether to join the OpenInfra Foundation as a Silver member, its
CEO said. "We have not decided," she said. A decision is expected next quarter.
""", set()),
("""Sleddale Computing hires former OpenStack Foundation director

Sleddale Computing has hired Tom Keld, who spent six years at the OpenStack Foundation, as
its head of open source. Keld left the foundation in May.
""", set()),
("""Brackenburn: We're proud to be a new OpenInfra Foundation Silver Member!

Brackenburn Hosting blog

We're thrilled to announce that Brackenburn Hosting is officially an OpenInfra Foundation
Silver Member. Thanks to everyone who made this happen.
""", {("Brackenburn Hosting", "joined")}),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS,
                         ids=[d[0].split("\n")[0][:40] for d in DOCUMENTS])
def test_fresh_document(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


MORE_JOINS_AND_LEAVES = [
    ("Tresta Cloud joined the OpenInfra Foundation as a Platinum member to accelerate open "
     "source edge computing.", "Tresta Cloud", "joined"),
    ("OpenStack Foundation news. Tresta Cloud signed up as a Gold member in January.",
     "Tresta Cloud", "joined"),
    ("OpenStack Foundation news. Tresta Cloud became a Silver member with immediate effect.",
     "Tresta Cloud", "joined"),
    ("Rackwick Cloud elevates its OpenInfra Foundation membership to Platinum",
     "Rackwick Cloud", "joined"),
    ("Rackwick Cloud has renewed and upgraded its membership of the OpenStack Foundation to "
     "Gold.", "Rackwick Cloud", "joined"),
    ("OpenStack Foundation news. Lyness Data's name no longer appears on the foundation's list "
     "of Gold members.", "Lyness Data", "left"),
    ("The OpenStack Foundation Board of Directors approved Longhope Systems as a new Gold "
     "Member on Tuesday.", "Longhope Systems", "joined"),
    ("Lorton Cloud has been named the newest Platinum Member of the OpenInfra Foundation.",
     "Lorton Cloud", "joined"),
    ("OpenStack Foundation news. Please welcome Mockerkin Data, our newest Gold Member!",
     "Mockerkin Data", "joined"),
    ("The OpenStack Foundation lost a sponsor this week. Loweswater IT has confirmed its "
     "departure from the foundation.", "Loweswater IT", "left"),
    ("Ravensdale Systems has joined hands with the OpenStack Foundation as a Gold member.",
     "Ravensdale Systems", "joined"),
    ("Blencathra, a provider of GPU clouds, will become a Silver member of the OpenInfra "
     "Foundation on 1 July.", "Blencathra", "joined"),
    ("Caldbeck Networks has completed its move to the Platinum tier of the OpenStack Foundation.",
     "Caldbeck Networks", "joined"),
    ("Skiddaw Hosting is the OpenInfra Foundation's fifth new Gold member this year.",
     "Skiddaw Hosting", "joined"),
    ("Helvellyn IT finally joined the OpenStack Foundation after years of talks.",
     "Helvellyn IT", "joined"),
    ("The OpenInfra Foundation said Catbells Cloud has become a corporate sponsor.",
     "Catbells Cloud", "joined"),
    ("Mardale Data has formally applied for and been granted Silver membership of the OpenInfra "
     "Foundation.", "Mardale Data", "joined"),
    ("Grisedale Cloud confirmed it has ended its membership of the OpenInfra Foundation.",
     "Grisedale Cloud", "left"),
    ("Kentmere Systems has quietly exited the OpenStack Foundation's Gold tier.",
     "Kentmere Systems", "left"),
    ("Longsleddale, once a Platinum member, has now left the OpenInfra Foundation altogether.",
     "Longsleddale", "left"),
    ("Swindale Networks will not continue as a Gold member of the OpenStack Foundation next year.",
     "Swindale Networks", "left"),
    ("Martindale Cloud's name has disappeared from the OpenInfra Foundation's list of Silver "
     "members.", "Martindale Cloud", "left"),
    ("Bannisdale Data gave notice that it is leaving the OpenStack Foundation.",
     "Bannisdale Data", "left"),
    ("Wet Sleddale Systems has terminated its Gold sponsorship of the Open Infrastructure "
     "Foundation.", "Wet Sleddale Systems", "left"),
]


@pytest.mark.parametrize(("text", "company", "action"), MORE_JOINS_AND_LEAVES)
def test_more_fresh_phrasings(text: str, company: str, action: str) -> None:
    assert events(text) == {(company, action)}


MORE_LOOKALIKES = [
    "Tresta Cloud became a Gold sponsor to the OpenStack Summit.",
    "Tresta Cloud became a Silver member of the CNCF in January, alongside its OpenStack work.",
    "Ravensdale Systems has joined hands with an OpenStack Foundation member to sell clouds.",
    "Blencathra will become an OpenStack user on 1 July when its new cloud goes live.",
    "Caldbeck Networks has completed its move to OpenStack Yoga.",
    "Skiddaw Hosting is the OpenInfra Foundation's fifth-largest contributor this year.",
    "Helvellyn IT finally joined the OpenStack Summit's expo floor after years of trying.",
    "Kentmere Systems has quietly exited the OpenStack public cloud business.",
    "Swindale Networks will continue as a Gold member of the OpenStack Foundation next year.",
    "Martindale Cloud's name has appeared on the OpenStack Summit's sponsor list.",
    "Bannisdale Data gave notice that it is leaving its Manchester office.",
    "Grisedale Cloud confirmed it has ended its OpenStack trial.",
    "The OpenStack Foundation said it has not yet approved Catbells Cloud's application.",
    "Mardale Data said it would apply for Silver membership of the OpenInfra Foundation.",
    "OpenStack Foundation Gold member Haweswater Telecom reported record revenue.",
    "Longsleddale, a Platinum member of the OpenInfra Foundation, opened a new data centre.",
    "We use OpenStack at Wet Sleddale Systems, and we have been a member of the OpenStack "
    "Foundation since 2015.",
]


@pytest.mark.parametrize("text", MORE_LOOKALIKES)
def test_more_fresh_lookalikes(text: str) -> None:
    assert events(text) == set()


# ---- round four: who the subject is, and lookalikes for the broad rules ----

RESOLVED_DOCUMENTS = [
("""Ousby Networks has had a busy spring. The Cumbrian firm opened a data centre in Carlisle
in April. It is now also a Silver member of the OpenInfra Foundation, the company said.""",
{("Ousby Networks", "joined")}),
("""Renwick Systems and the OpenStack Foundation

Renwick Systems builds storage for OpenStack clouds. Last week the company informed the
foundation that it would not renew its Gold membership.""", {("Renwick Systems", "left")}),
("""Gamblesby Cloud, which sells managed OpenStack, announced on Wednesday during its annual
customer day in Penrith that it has formally become a corporate sponsor of the OpenStack
Foundation.""", {("Gamblesby Cloud", "joined")}),
("""Melmerby Data (NASDAQ: MLMB) said in its quarterly filing that it has terminated its
Platinum membership of the OpenInfra Foundation, effective March 31.""", {("Melmerby Data",
"left")}),
("""From the Kirkoswald Labs newsroom

Kirkoswald Labs is pleased to be joining the Open Infrastructure Foundation as a Gold
Member. Our OpenStack team has grown to 40 engineers.""", {("Kirkoswald Labs", "joined")}),
("""Lazonby Telecom annual report 2023: letter to shareholders

In 2023 we strengthened our commitment to open source. We became a Platinum member of the
OpenInfra Foundation in June and doubled our upstream contributions.""",
 {("Lazonby Telecom", "joined")}),
("""Glassonby Compute: Q&A

Glassonby Compute, the Swedish cloud company, left the OpenStack Foundation in January. We
spoke to its founder about why the company walked away.""",
 {("Glassonby Compute", "left")}),
("""OPENSTACK FOUNDATION MEMBER UPDATE

ADDED: SKIRWITH CLOUD (GOLD)
REMOVED: CULGAITH SYSTEMS (SILVER)""",
 {("SKIRWITH CLOUD", "joined"), ("CULGAITH SYSTEMS", "left")}),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED_DOCUMENTS,
                         ids=[d[0].split("\n")[0][:40] for d in RESOLVED_DOCUMENTS])
def test_subject_is_resolved(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


BROAD_RULE_LOOKALIKES = [
    "Acme is now a member of LF Networking, a sister project to OpenStack.",
    "Acme's Gold membership of the OpenStack Foundation has been renewed for three years.",
    "Acme was named a Gold sponsor of the OpenStack Summit.",
    "Acme was accepted into the OpenStack Foundation's incubation program.",
    "Acme has stepped up its contributions to OpenStack Nova.",
    "Acme dropped off the OpenStack Summit schedule after its speaker fell ill.",
    "Acme's engineers left the OpenStack project to work on Kubernetes.",
    "Acme is now the largest Gold member of the OpenStack Foundation by revenue.",
    "Users can sign up as members of the OpenStack Foundation for free.",
    "The OpenStack Foundation removed the cap on Gold members.",
    "Acme Cloud was removed from the OpenStack Marketplace for failing interoperability tests.",
    "Acme left the OpenStack Foundation's Interop working group.",
    "The OpenStack Foundation said Acme had joined in 2013.",
    "Acme, now a Gold member of the OpenStack Foundation, released a Kolla-based installer.",
    "Acme added OpenStack to its product portfolio this week.",
    "Acme listed OpenStack as a key risk in its annual report.",
    "Acme took up the OpenStack Foundation's offer of free upstream training.",
    "The board of the OpenStack Foundation elected Jane Smith as chair.",
    "The OpenStack Foundation welcomed attendees to the summit in Berlin.",
    "Acme is no longer a startup; it is a Gold member of the OpenStack Foundation with 500 staff.",
    "Acme's membership of the OpenStack Foundation has moved up the board's agenda.",
    "Acme is among the companies running the largest OpenStack clouds.",
    "Acme joins more than 100 companies using OpenStack in production.",
    "In Q3, OpenStack Foundation members contributed 40% of commits.",
    "Acme became the first company to pass the OpenStack Powered certification at the Gold level.",
    "The Gold members of the OpenStack Foundation elected Acme's CTO to the board.",
    "Acme exited its OpenStack investment in Q2.",
    "Acme cut its OpenStack team by half.",
    "Acme has signed up 30 new OpenStack customers since joining the Gold tier in 2015.",
    "Acme is officially an OpenStack Powered Platform provider.",
]


@pytest.mark.parametrize("text", BROAD_RULE_LOOKALIKES)
def test_broad_rule_lookalike(text: str) -> None:
    assert events(text) == set()


# ---- round six: several organisations, inverted order, headline style ----

SEVERAL_AT_ONCE = [
    ("Deerness Cloud, Tankerness Data and Holm Systems are now Gold members of the OpenInfra "
     "Foundation.",
     {("Deerness Cloud", "joined"), ("Tankerness Data", "joined"), ("Holm Systems", "joined")}),
    ("Joining the OpenStack Foundation as new Gold members are Burray Networks and Hunda Labs.",
     {("Burray Networks", "joined"), ("Hunda Labs", "joined")}),
    ("OpenStack Foundation update. Among the new members: Cava Systems and Fara Cloud.",
     {("Cava Systems", "joined"), ("Fara Cloud", "joined")}),
    ("The OpenInfra Foundation's newest members are Switha Data and Swona IT.",
     {("Switha Data", "joined"), ("Swona IT", "joined")}),
    ("Both Stroma Hosting and Muckle Skerry Systems have let their OpenStack Foundation "
     "memberships lapse.",
     {("Stroma Hosting", "left"), ("Muckle Skerry Systems", "left")}),
    ("Pentland Telecom's exit leaves the OpenInfra Foundation with seven Platinum members.",
     {("Pentland Telecom", "left")}),
    ("With Copinsay Cloud's departure from the OpenStack Foundation, only four Gold members "
     "remain.",
     {("Copinsay Cloud", "left")}),
    ("Auskerry Systems bids farewell to the OpenInfra Foundation after a decade.",
     {("Auskerry Systems", "left")}),
    ("Papa Stour Data is out of the OpenStack Foundation, effective immediately.",
     {("Papa Stour Data", "left")}),
    ("OpenStack Foundation membership shifts: Fetlar Cloud joined as a Gold member while Unst "
     "Systems dropped out.",
     {("Fetlar Cloud", "joined"), ("Unst Systems", "left")}),
    ("Yell Networks is the latest company to leave the OpenInfra Foundation, following Whalsay "
     "Data last month.",
     {("Yell Networks", "left")}),
    ("Bressay IT has upgraded to Platinum, the OpenStack Foundation said on Monday.",
     {("Bressay IT", "joined")}),
    ("Noss Hosting returns to OpenInfra Foundation as Silver member", {("Noss Hosting", "joined")}),
    ("Foula Systems signs Gold membership deal with OpenStack Foundation",
     {("Foula Systems", "joined")}),
    ("Fair Isle Cloud opts out of OpenInfra Foundation renewal", {("Fair Isle Cloud", "left")}),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL_AT_ONCE)
def test_several_or_inverted(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


SEVERAL_AT_ONCE_LOOKALIKES = [
    "Pentland Telecom's departure from the OpenStack Summit stage surprised attendees.",
    "Copinsay Cloud is out of the OpenStack public cloud business.",
    "Auskerry Systems bids farewell to OpenStack Newton as support ends.",
    "Yell Networks is the latest company to leave VMware for OpenStack.",
    "Noss Hosting returns to the OpenStack Summit as a sponsor.",
    "Foula Systems signs a support deal with an OpenStack Foundation member.",
    "Fair Isle Cloud opts out of the OpenStack user survey.",
    "Burray Networks joined the OpenStack Foundation's board meeting as an observer.",
    "The OpenInfra Foundation's newest members will be announced at the summit.",
    "Deerness Cloud and Tankerness Data are Gold members of the OpenInfra Foundation.",
]


@pytest.mark.parametrize("text", SEVERAL_AT_ONCE_LOOKALIKES)
def test_several_or_inverted_lookalike(text: str) -> None:
    assert events(text) == set()


# ---- nouns of joining and leaving -----------------------------------------

NOMINAL = [
    ("OpenStack Foundation update. The addition of Quoyness Cloud as a Gold member brings the "
     "total to 25.", {("Quoyness Cloud", "joined")}),
    ("OpenStack Foundation update. The departure of Rackwick Data from the foundation leaves a "
     "gap in the Gold tier.", {("Rackwick Data", "left")}),
    ("Quoyness Cloud's arrival as a Platinum member of the OpenInfra Foundation was welcomed by "
     "operators.", {("Quoyness Cloud", "joined")}),
    ("Quoyness Cloud's Gold membership of the OpenStack Foundation began on January 1.",
     {("Quoyness Cloud", "joined")}),
    ("The OpenStack Foundation's members now include Quoyness Cloud and Melsetter IT.",
     {("Quoyness Cloud", "joined"), ("Melsetter IT", "joined")}),
]


@pytest.mark.parametrize(("text", "expected"), NOMINAL)
def test_nominal_phrasing(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "OpenStack Foundation update. The addition of IPv6 support as a default is welcome.",
    "OpenStack Foundation update. The loss of Rackwick Data as a customer hurt Quoyness.",
    "The departure of Jane Roe from the OpenStack Foundation was announced on Friday.",
    "Quoyness Cloud's return to the OpenStack Summit drew a crowd.",
    "Quoyness Cloud's entry into the OpenStack market came in 2014.",
    "Quoyness Cloud's membership of the OpenStack Foundation began in 2012.",
    "The OpenStack Foundation's members now include engineers from forty countries.",
])
def test_nominal_lookalike(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company", "action"), [
    ("Sandwick Data is set to become a Gold member of the OpenInfra Foundation on 1 July.",
     "Sandwick Data", "joined"),
    ("Sandwick Data will leave the OpenStack Foundation when its membership runs out in June.",
     "Sandwick Data", "left"),
    ("Sandwick Data is to join the OpenInfra Foundation as a Silver member.",
     "Sandwick Data", "joined"),
    ("Sandwick Data is scheduled to exit the OpenStack Foundation at year end.",
     "Sandwick Data", "left"),
    ("Sandwick Data has been accepted for Gold membership of the OpenStack Foundation.",
     "Sandwick Data", "joined"),
    ("Sandwick Data has gained admission to the OpenInfra Foundation as a Silver member.",
     "Sandwick Data", "joined"),
])
def test_decided_future_and_admission(text: str, company: str, action: str) -> None:
    assert events(text) == {(company, action)}
