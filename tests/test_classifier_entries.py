"""Entry verbs beyond "join", and subjects that are pronouns or the speaker.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Larkspur Digital enlisted in the OpenInfra Foundation as a Silver member this week.",
     "Larkspur Digital"),
    ("Rookery Systems has formally entered the OpenStack Foundation at the Gold level.",
     "Rookery Systems"),
    ("Ambergate has taken up a Silver membership in the Open Infrastructure Foundation.",
     "Ambergate"),
    ("Thistle Compute added its name to the OpenStack Foundation's list of corporate sponsors.",
     "Thistle Compute"),
    ("Harbourlight was admitted as a Gold member of the OpenInfra Foundation on Tuesday.",
     "Harbourlight"),
    ("The board of the OpenStack Foundation voted in Sallowby Networks as a Platinum member.",
     "Sallowby Networks"),
    ("The OpenInfra Foundation board voted Corriemoor in as a Silver member.", "Corriemoor"),
    ("Corvid Cloud signed up as a Silver member of the OpenInfra Foundation.", "Corvid Cloud"),
    ("Gullwing Systems took out a corporate sponsorship with the OpenStack Foundation.",
     "Gullwing Systems"),
    ("Mistral Hosting was accepted into the OpenInfra Foundation as a Silver member.",
     "Mistral Hosting"),
    ("Pinemarten registered as a corporate sponsor of the OpenStack Foundation.", "Pinemarten"),
    ("Tidewater IT has been granted Gold membership of the OpenStack Foundation.", "Tidewater IT"),
    ("The OpenStack Foundation has signed Ravelin Cloud as a corporate sponsor.", "Ravelin Cloud"),
    ("Ossory Data has stepped in as a Platinum member of the OpenInfra Foundation.",
     "Ossory Data"),
    ("Wrenfield has rejoined the OpenStack Foundation as a Gold member.", "Wrenfield"),
    ("Kestrel Forge put its name down as a corporate sponsor of the OpenInfra Foundation.",
     "Kestrel Forge"),
    ("Brackwater enrolled in the Open Infrastructure Foundation at the Silver tier.",
     "Brackwater"),
    ("Lanthorn has picked up a Gold membership of the OpenStack Foundation.", "Lanthorn"),
    ("Saltmarsh Compute came in as a Platinum member of the OpenInfra Foundation on Monday.",
     "Saltmarsh Compute"),
    ("Hollins Grid was voted into the OpenStack Foundation as a Gold member.", "Hollins Grid"),
])
def test_an_entry_verb_is_a_join(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("Harrowgate announced on Monday at its customer conference in Lyon that it has been "
     "admitted as a Gold member of the OpenInfra Foundation.", "Harrowgate"),
    ("Brackenridge said in a statement on Thursday that it has been voted in as a Platinum "
     "member of the OpenStack Foundation.", "Brackenridge"),
    ("Fenwick Labs, which competes with Rackspace and OVH, confirmed that it is now a "
     "corporate sponsor of the OpenInfra Foundation.", "Fenwick Labs"),
    ("Gorsebrook told customers in a letter that it had signed up as a Silver member of the "
     "OpenStack Foundation.", "Gorsebrook"),
])
def test_it_after_a_reporting_verb_is_the_reporter(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize(("text", "company"), [
    ("Castellane Q3 2023 Earnings Call Transcript\n\n"
     "Operator: Good afternoon and welcome to the call.\n\n"
     "Chief Executive: Thank you. This quarter we became a Gold member of the OpenInfra "
     "Foundation, which shows how central OpenStack is to our roadmap. Q3 revenue grew 12%.",
     "Castellane"),
    ("Wexford Cloud blog\n\nWe are proud to share that we have joined the Open Infrastructure "
     "Foundation as a Silver member. Our engineers have worked on Nova and Cinder for years.",
     "Wexford Cloud"),
    ("From the Kinloch Systems engineering blog\n\nToday we signed up as a corporate sponsor of "
     "the OpenStack Foundation. It felt like the right time to give back.", "Kinloch Systems"),
    ("Why Tarrant Networks is backing OpenStack\n\nPosted by the Tarrant Networks team\n\n"
     "Our company is now a Gold member of the OpenInfra Foundation. We run three OpenStack "
     "regions and wanted a seat at the table.", "Tarrant Networks"),
])
def test_first_person_is_the_publisher(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


@pytest.mark.parametrize("text", [
    "Larkspur Digital enlisted three OpenStack consultants for its migration.",
    "Rookery Systems entered the OpenStack market in 2014.",
    "Ambergate has taken up OpenStack for its private cloud.",
    "Harbourlight was admitted to the OpenStack Summit's startup pavilion.",
    "The OpenStack Foundation board voted in a new chair on Monday.",
    "Corvid Cloud signed up 200 OpenStack customers in the quarter.",
    "Jane Gull signed up as an individual member of the OpenStack Foundation.",
    "Pinemarten registered for the OpenStack Summit in Berlin.",
    "Tidewater IT has been granted an OpenStack Powered trademark licence.",
    "Ossory Data stepped in to host the OpenStack Ops Meetup after the venue fell through.",
    "Wrenfield rejoined the OpenStack Summit as an exhibitor.",
    "Lanthorn picked up two OpenStack customers in Spain.",
    "Saltmarsh Compute came in second in the OpenStack user survey.",
    "Kestrel Forge put its name to an open letter criticising the CNCF, an OpenStack rival.",
    "Brackwater enrolled 40 engineers in OpenStack upstream training.",
    "Hollins Grid was voted the best OpenStack public cloud by readers.",
    "Gullwing took out a loan to expand its OpenStack cloud.",
    "Mistral Hosting was accepted into the Linux Foundation as a Silver member, alongside its "
    "OpenStack work.",
])
def test_entry_verbs_without_a_membership(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize("text", [
    "Kinloch blog\n\nWe became an OpenStack user back in 2015 and now run 40,000 cores.",
    "Kinloch blog\n\nWe became a sponsor of the OpenStack Summit in Denver this year.",
    "Kinloch blog\n\nI joined the OpenStack Foundation as an individual member last week.",
    "Kinloch blog\n\nWe have been a Gold member of the OpenStack Foundation since 2014.",
    "Kinloch blog\n\nWe may join the OpenInfra Foundation next year, depending on budgets.",
    "Castellane Q2 2024 Earnings Call\n\nChief Executive: Q2 revenue from our OpenStack "
    "services grew 18%, and we signed up 40 new customers.",
    "Analysts at Kestrel Research said they expect Blackmere to join the OpenStack Foundation.",
    "Harrowgate said it would consider joining the OpenInfra Foundation if prices fell.",
    "Brackenridge denied that it has been admitted as a member of the OpenStack Foundation.",
])
def test_first_person_and_pronoun_lookalikes(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ('"We are proud to become a Gold member of the OpenStack Foundation," said Jane Roe, '
     "chief technology officer at Harwick Data.", "Harwick Data"),
    ('Harwick Data\'s chief executive said: "We are now a Silver member of the OpenInfra '
     'Foundation."', "Harwick Data"),
    ("Birsay Cloud and Marwick Systems in the news\n\nMarwick Systems shipped a release on "
     "Monday. Marwick Systems also opened an office in Leeds. \"We have joined the OpenInfra "
     "Foundation as a Silver member,\" said Tom Reed, chief executive of Birsay Cloud.",
     "Birsay Cloud"),
])
def test_we_in_a_quote_is_the_speaker_s_organisation(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}
