"""A member tracker's plain-text table: each row stays a line of its own
("Gold | Acme | new member, approved in March"), the change cell says who
joined or left, and a table cell never runs into the subject of the next
("Silver | Acme | left ..." is Acme). Renewals, unchanged rows and tables that
are no member list (a summit's sponsors) stay quiet.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

_TRACKER = """OpenStack Foundation membership changes, first half

Our tracker lists every change to the OpenStack Foundation's member list this half.

Tier | Company | Change
{rows}

The foundation did not comment.
"""


@pytest.mark.parametrize(("rows", "expected"), [
    ("Gold | Zentrix Systems | new member, approved in March\n"
     "Silver | Halvora | left the foundation in May\n"
     "Silver | Kestrel Cloud | no change (renewed)",
     {("Zentrix Systems", "joined"), ("Halvora", "left")}),
    ("Platinum | (no changes) |\n"
     "Gold | Brabant Data | did not renew, left in June\n"
     "Silver | Tarbet Networks | joined in April",
     {("Brabant Data", "left"), ("Tarbet Networks", "joined")}),
    ("| Ullapool Data | Silver | new Silver member |\n"
     "| Lochcarron IT | Gold | withdrew after a merger |\n"
     "| Applecross Cloud | Silver | unchanged |",
     {("Ullapool Data", "joined"), ("Lochcarron IT", "left")}),
])
def test_a_tracker_row_reports_its_change(rows: str, expected: set[tuple[str, str]]) -> None:
    assert events(_TRACKER.format(rows=rows)) == expected


@pytest.mark.parametrize("text", [
    _TRACKER.format(rows="Gold | Zentrix Systems | renewed for two more years\n"
                         "Silver | Halvora | no change"),
    "OpenStack summit sponsors by tier\n\nThe OpenStack summit in Berlin drew 40 sponsors this "
    "year.\n\nTier | Company | Booth\nGold | Zentrix Systems | new sponsor booth in hall B\n"
    "Silver | Halvora | left side of the main stage\n\nRegistration opens in June.",
    "OpenStack Foundation membership changes, first half\n\nNothing changed this half.\n\n"
    "Company | Tier | Note\nHalvora | Silver | left-hand column shows the old tier\n",
])
def test_renewals_and_other_tables_stay_quiet(text: str) -> None:
    assert events(text) == set()
