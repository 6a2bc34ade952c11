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
    "OpenStack Summit news. Lumenstack became a Gold sponsor of the summit.",
    "OpenStack Summit news. Lumenstack became a Gold sponsor at the OpenStack Summit.",
    "Lumenstack joined the OpenStack Foundation as a member of its board.",
    "Lumenstack joins OpenStack rival CloudStack.",
    "Lumenstack joins OpenStack Foundation's Interop Working Group.",
    "Lumenstack joins OpenStack Interop program",
    "Lumenstack joins the OpenStack Powered program",
    "Lumenstack joins OpenStack Marketplace",
    "Lumenstack has joined forces with OpenStack.",
    "Lumenstack sells servers to companies that have joined OpenStack.",
    "Red Hat and Canonical are both Platinum members of the OpenStack Foundation.",
    # people
    "Lumenstack hires former OpenStack Foundation executive John Smith.",
    "Jane Doe joins the OpenStack Foundation as chief operating officer.",
    "Former Rackspace exec joins OpenStack Foundation.",
    "Acme CEO Jane Roe joins OpenStack Foundation as an individual member.",
    "Lumenstack is leaving the OpenStack Foundation board.",
    "Lumenstack has joined the OpenStack Foundation's board of directors.",
    "Mark Collier joins OpenStack Foundation",
    "Lumenstack's CTO, who joined from the OpenStack Foundation, spoke on Monday.",
    "Lumenstack hired Jane Doe, who left the OpenStack Foundation in May.",
    "Lumenstack's engineers joined the OpenStack project team.",
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
    "It remains to be seen whether VMware will join OpenStack.",
    "VMware wants to join OpenStack.",
    "VMware plans to join OpenStack later this year.",
    "VMware hopes to join OpenStack.",
    "Some wonder whether VMware will join OpenStack.",
    "VMware should join OpenStack.",
    "VMware would be wise to join OpenStack.",
    "Imagine if VMware joined OpenStack.",
    "Oracle did not join when the foundation launched, even as rivals such as IBM, HP and Red "
    "Hat signed up as Platinum members of the OpenStack Foundation.",
    # negation, denial, questions
    "Lumenstack denied reports that it is leaving OpenStack.",
    "Lumenstack is not leaving OpenStack.",
    "Lumenstack has no plans to leave OpenStack.",
    "Lumenstack never joined OpenStack.",
    "Will Oracle join OpenStack?",
    "Why did VMware join OpenStack?",
    "Should VMware join OpenStack?",
    "VMware has yet to join OpenStack.",
    "VMware declined to join OpenStack.",
    "VMware refused to join OpenStack.",
    "Neither VMware nor Microsoft has joined OpenStack.",
    "Rumors that VMware will join OpenStack are false, a spokesman said.",
    "VMware says it is not leaving OpenStack.",
    # background
    "HP, which joined OpenStack in 2011, reported earnings.",
    "Since joining OpenStack in 2012, Lumenstack has grown.",
    "When HP joined OpenStack in 2011, few noticed.",
    "Lumenstack joined OpenStack back in 2011.",
    "IBM is a member of the OpenStack Foundation.",
    "Lumenstack is part of the OpenStack community.",
    # not a company
    "Telcos are joining OpenStack in droves.",
    "Several telcos have joined OpenStack.",
    "Large organizations continue to join the OpenStack community.",
    # dated by the foundation's birth, claimed by others, or a sentence after a colon
    "Quarrin Data, bought by Lumenstack this week, became a Gold member of the OpenStack "
    "Foundation soon after the foundation was formed.",
    "Quarrin Data joined the OpenStack Foundation in the foundation's early days.",
    "Some observers rushed to declare that Lumenstack was quitting OpenStack.",
    "Critics were quick to claim that Lumenstack had left the OpenStack Foundation.",
    "Asian firms have been the main source of new OpenStack Foundation members: Lumenstack "
    "is expected to say more at the summit.",
])
def test_nothing_is_reported(text: str) -> None:
    assert events(text) == set()


def test_related_links_can_only_veto() -> None:
    text = ("An essay about the OpenStack summit.\n\nRelated articles\n"
            "- Breaking News: IBM Joins OpenStack (cloudave.com)\n")
    assert events(text) == set()


def test_trailing_headlines_without_a_header_are_links() -> None:
    text = ("Mirantis ships a release\n\nMirantis today shipped a release of its OpenStack "
            "distribution.\n\nIBM Joins OpenStack Foundation As Platinum Member\n"
            "HP Launches Helion OpenStack Cloud\n")
    assert events(text) == set()


def test_next_and_previous_links_do_not_count() -> None:
    assert events("OpenStack news.\n\nNext: Lumenstack quits OpenStack\n") == set()


def test_comments_do_not_count() -> None:
    text = ("OpenStack shipped a release.\n\n## Comments\n\n"
            "**Reader:** Great news, and Lumenstack has joined OpenStack too!\n")
    assert events(text) == set()


# Traps for the membership family's broad rules (state, admission, exits
# without object, groups): written after those rules, in our own words.
BROAD_RULE_TRAPS = [
 # state-now / is-new-role
    "Acme is now the OpenStack Foundation's biggest contributor to Nova.",
    "Acme is now officially an OpenStack-certified training partner.",
    "Acme is newly listed on the OpenStack Marketplace.",
    "Acme now holds three seats on the OpenStack Technical Committee.",
    "Acme is a new member of the OpenStack Foundation's Edge Computing Group.",
    "OpenStack Foundation news: Jane Roe is now a member of the Acme board.",
    "Acme now sits on the OpenStack Foundation board through its CTO.",
 # takes-up / admitted / named
    "Acme was named a Gold winner in the OpenStack Superuser Awards.",
    "Acme was accepted as a speaker at the OpenStack Summit.",
    "Acme has been approved as an OpenStack Powered vendor.",
    "Acme received a Gold award from the OpenStack Foundation.",
    "Acme took a Gold medal at the OpenStack hackathon.",
    "Acme won Gold status in the OpenStack Foundation's interoperability program.",
    "Acme was added to the OpenStack Foundation's list of certified training partners.",
    "Acme was elected to the OpenStack Foundation board.",
 # exits / gives-up / no-longer / off-roster / intransitive
    "Acme ended its OpenStack Foundation keynote with a demo.",
    "Acme dropped its OpenStack Foundation board nominee after a dispute.",
    "Acme is no longer the largest OpenStack Foundation member in Europe.",
    "Acme has withdrawn its OpenStack Foundation board candidacy.",
    "Acme dropped off the OpenStack Foundation's list of top contributors.",
    "OpenStack Foundation news. The Acme team left early. Acme's booth closed at noon.",
    "Acme's CTO left the OpenStack Foundation board in May.",
    "Acme is out of the running for OpenStack Foundation's superuser award.",
    "Acme stepped away from the OpenStack Foundation's Interop working group.",
    "Acme quit OpenStack development after the acquisition.",
 # groups / backs
    "Acme joins the ranks of OpenStack operators running Kubernetes on bare metal.",
    "Acme now supports the OpenStack Foundation's Zed release on its storage arrays.",
    "Acme now sponsors the OpenStack Foundation's summit in Vancouver.",
    "Acme joins more than 200 companies using OpenStack.",
    "Acme is now among the largest OpenStack users in Asia.",
 # changelog-like
    "OpenStack Foundation board minutes\n\nAdded: motion to approve the budget (Gold directors)."
    "\nRemoved: item 4 (Platinum).",
 # first person without a company
    "I am now a Gold member of the OpenStack Foundation, thanks to my employer.",
    "We are now an OpenStack shop, says the university's IT director.",
]


@pytest.mark.parametrize("text", BROAD_RULE_TRAPS)
def test_broad_rule_traps(text: str) -> None:
    assert events(text) == set()
