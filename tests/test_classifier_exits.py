"""Leaving, said without "leave": renewals refused, memberships cancelled, ties cut.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Abbotsley has declined to renew its Gold membership of the OpenInfra Foundation.",
     "Abbotsley"),
    ("Dunmore Networks will not be renewing its OpenStack Foundation sponsorship when it runs "
     "out in June.", "Dunmore Networks"),
    ("Cairnhill relinquished its Platinum status at the OpenStack Foundation and will not "
     "remain a member.", "Cairnhill"),
    ("Pembury Cloud has cancelled its Silver membership in the OpenInfra Foundation.",
     "Pembury Cloud"),
    ("Tamarisk terminated its membership in the OpenStack Foundation at the end of the year.",
     "Tamarisk"),
    ("Ellesmere Systems has severed its remaining ties with the OpenInfra Foundation.",
     "Ellesmere Systems"),
    ("Corbridge parted ways with the OpenStack Foundation after seven years as a Gold member.",
     "Corbridge"),
    ("Wendover IT stepped away from its OpenStack Foundation membership this spring.",
     "Wendover IT"),
    ("Frampton packed up and left the OpenInfra Foundation in March.", "Frampton"),
    ("Holloway Data left the OpenStack Foundation last month after six years as a corporate "
     "sponsor.", "Holloway Data"),
    ("Inverurie Telecom gave up its Gold seat at the OpenStack Foundation.", "Inverurie Telecom"),
    ("Ravensworth is no longer listed as a Gold member of the OpenInfra Foundation.",
     "Ravensworth"),
    ("Kirkwall's Platinum membership of the OpenStack Foundation was not renewed this year.",
     "Kirkwall"),
    ("Stainmore quietly dropped off the OpenStack Foundation's member list.", "Stainmore"),
    ("Heathcote has resigned from the OpenInfra Foundation.", "Heathcote"),
    ("Brora Systems won't renew its corporate sponsorship of the OpenStack Foundation.",
     "Brora Systems"),
    ("Applecross chose not to renew its OpenInfra Foundation membership for 2024.",
     "Applecross"),
    ("Lairg Hosting has ended its time as a Gold member of the OpenStack Foundation.",
     "Lairg Hosting"),
    ("Tongue Data shut down its OpenStack business and walked away from the OpenInfra "
     "Foundation.", "Tongue Data"),
    ("Melness has withdrawn its sponsorship of the Open Infrastructure Foundation.", "Melness"),
    ("Durness Cloud has been removed from the OpenStack Foundation's list of Gold members.",
     "Durness Cloud"),
    ("Scourie Systems bowed out of the OpenInfra Foundation after its membership expired in "
     "March.", "Scourie Systems"),
    ("Kinlochbervie is no longer a paying member of the OpenStack Foundation.",
     "Kinlochbervie"),
    ("Badcall Networks has let its OpenInfra Foundation membership expire.", "Badcall Networks"),
    ("Badcall Networks is getting out of OpenStack.", "Badcall Networks"),
    ("Badcall Networks has got out of the OpenStack Foundation.", "Badcall Networks"),
])
def test_a_leave_phrasing_is_a_leave(text: str, company: str) -> None:
    assert events(text) == {(company, "left")}


@pytest.mark.parametrize("text", [
    "Abbotsley declined to comment on its OpenStack Foundation membership.",
    "Dunmore renewed its Gold membership of the OpenStack Foundation for another three years.",
    "Cairnhill has no plans to end its OpenInfra Foundation membership.",
    "Pembury cancelled its OpenStack Summit sponsorship because of travel costs.",
    "Ellesmere's CTO severed ties with the OpenStack Foundation's board.",
    "Corbridge parted ways with its OpenStack distribution vendor.",
    "Wendover stepped away from the OpenStack Summit this year, citing budget.",
    "Holloway left the CNCF last month after six years as a sponsor, but remains an OpenStack "
    "Foundation member.",
    "Jane Holloway left the OpenStack Foundation to join Holloway Data as chief architect.",
    "If Saltash drops its Gold membership, the OpenInfra Foundation will lose a key backer.",
    "Inverurie denied that it will let its OpenStack Foundation membership lapse.",
    "Ravensworth is no longer an OpenStack user; it moved to VMware in 2022.",
    "Stainmore dropped OpenStack Swift in favour of Ceph for object storage.",
    "Heathcote's director resigned from the OpenInfra Foundation board.",
    "Applecross could decide not to renew its OpenInfra Foundation membership next year.",
    "Lairg cancelled its OpenStack training contract.",
    "Brora said it will renew its corporate sponsorship of the OpenStack Foundation.",
    "Tongue Data walked away from the OpenStack Summit with three awards.",
    "Melness terminated its OpenStack support contract with Canonical.",
    "Durness removed OpenStack from its product line in 2019.",
    "Scourie's membership of the OpenInfra Foundation will not be renewed if the budget is cut.",
])
def test_exit_lookalikes(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize("text", [
    "Acme cut its OpenStack Foundation sponsorship budget by a third.",
    "Acme dropped its Gold membership fee dispute with the OpenStack Foundation.",
    "Acme cancelled its OpenInfra Foundation membership drive for partners.",
    "Acme announced its OpenStack Foundation sponsorship package for the summit.",
    "Acme secured a Gold membership discount from the OpenInfra Foundation.",
])
def test_membership_as_a_modifier_is_not_a_change(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("On the other side of the ledger, Badcall Hosting, a corporate sponsor of the OpenStack "
     "Foundation since 2013, did not renew when its sponsorship came up in August.",
     {("Badcall Hosting", "left")}),
    ("Badcall Hosting, a sponsor of the OpenStack Foundation's summit, did not renew its lease "
     "on the Oslo data centre.", set()),
])
def test_a_renewal_without_an_object_is_of_the_membership_the_sentence_names(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text, "Foundation newsletter") == expected
