"""Announcement lists: a line such as "the following organizations have joined
the foundation:" opens a list, bulleted, numbered or one name per line; each
item's organisation is an event, without its description, with its suffix.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from bot.ledger import company_key
from tests.classifier_helpers import events

TITLE = "Foundation news"


def keyed(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(company_key(c), a) for c, a in found}


@pytest.mark.parametrize(("text", "expected", "action"), [
    ("Since the Denver Summit, the following organizations have joined the OpenStack "
     "Foundation:\n\n- Rousay Data (Gold Member)\n- Wyre & Egilsay Consulting AB (Corporate "
     "Sponsor)\n- Stronsay Cloud S.A. (Corporate Sponsor)\n",
     {"Rousay Data", "Wyre & Egilsay Consulting AB", "Stronsay Cloud S.A."}, "joined"),
    ("Membership grew again. These five companies have signed up with the OpenInfra "
     "Foundation this quarter:\n\nRousay Data Sp. z o.o., a Warsaw hosting firm\n"
     "Stronsay Cloud — object storage for archives\nShapinsay Networks (Silver Member)\n",
     {"Rousay Data", "Stronsay Cloud", "Shapinsay Networks"}, "joined"),
    ("The following organizations did not renew their sponsorship of the OpenStack "
     "Foundation:\n\n1. Rousay Data GmbH\n2. Stronsay Cloud Pvt. Ltd., citing costs\n",
     {"Rousay Data", "Stronsay Cloud"}, "left"),
])
def test_each_item_of_an_announced_list_is_an_event(text: str, expected: set[str],
                                                      action: str) -> None:
    assert keyed(events(text, TITLE)) == {(company_key(c), action) for c in expected}


@pytest.mark.parametrize("text", [
    "The following companies are sponsoring the OpenStack Summit:\n\nRousay Data\n"
    "Stronsay Cloud\n",
    "At KubeCon, the following organizations have joined the Cloud Native Computing "
    "Foundation:\n\nRousay Data\nStronsay Cloud\n",
    "The following companies have applied to join the OpenStack Foundation:\n\n"
    "- Rousay Data\n- Stronsay Cloud\n",
    "The following companies spoke at the OpenStack Foundation's board meeting:\n\n"
    "Rousay Data\nStronsay Cloud\n",
])
def test_lists_of_something_else_report_nothing(text: str) -> None:
    assert events(text, TITLE) == set()


def test_prose_after_the_list_is_not_an_item() -> None:
    text = ("The following companies have joined the OpenStack Foundation:\n\nRousay Data\n\n"
            "Stronsay Cloud, meanwhile, keeps running its own OpenStack cloud.\n")
    assert events(text, TITLE) == {("Rousay Data", "joined")}


def test_a_mail_header_is_no_list() -> None:
    text = ("Subject: Welcome our newest sponsors of the OpenStack Foundation\nFrom: Ann Roe\n"
            "Date: Tue Feb 9 2016\n\nHi all, nothing to announce yet.\n\nThanks,\nAnn\n")
    assert events(text) == set()
