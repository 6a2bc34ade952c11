"""Coordinated names with appositives: "A, an Edinburgh-based provider, and B,
a Madrid-based operator, have both become Silver Members"; an appositive that
says "a"/"an" describes one organisation, so "X and Y" before it is one name.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Lunan Data, a Dundee hosting firm, and Arbroath Systems, a storage maker, have both "
     "joined the OpenInfra Foundation as Silver members.", {"Lunan Data", "Arbroath Systems"}),
    ("Carnoustie and Monifieth Cloud, an Angus colocation provider, and Forfar Networks "
     "S.L., a Madrid-based operator, have both become Silver Members of the OpenInfra "
     "Foundation.", {"Carnoustie and Monifieth Cloud", "Forfar Networks"}),
    ("Carnoustie and Monifieth Cloud, an Angus colocation provider, has become a Silver "
     "member of the OpenInfra Foundation.", {"Carnoustie and Monifieth Cloud"}),
    ("Lunan Data and Arbroath Systems, two Scottish hosts, have become Silver members of "
     "the OpenInfra Foundation.", {"Lunan Data", "Arbroath Systems"}),
    ("Lunan Data, Arbroath Systems and Forfar Networks have each become Silver members of "
     "the OpenInfra Foundation.", {"Lunan Data", "Arbroath Systems", "Forfar Networks"}),
])
def test_each_coordinated_organisation_joins(text: str, expected: set[str]) -> None:
    assert events(text) == {(c, "joined") for c in expected}


@pytest.mark.parametrize("text", [
    "Lunan Data, a Dundee hosting firm, and Arbroath Systems, a storage maker, are both "
    "long-standing Gold members of the OpenInfra Foundation.",
    "Lunan Data, a Dundee hosting firm, and Arbroath Systems, a storage maker, have both "
    "joined the Cloud Native Computing Foundation as Silver members.",
    "Lunan Data, a Dundee hosting firm, and Arbroath Systems, a storage maker, may both "
    "join the OpenInfra Foundation next year.",
])
def test_states_other_foundations_and_plans_report_nothing(text: str) -> None:
    assert events(text) == set()
