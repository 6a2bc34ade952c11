"""One matching key for company names: the ledger merges on it, the backtest
matches labels with it, and an old database is re-keyed on upgrade."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from bot.backtest import normalise_company
from bot.ledger import company_key
from bot.storage import open_database
from bot.storage.migrations import HEAD, MIGRATIONS, _rekey_companies
from bot.storage.schema import events, schema_version

SAME = [
    ("Ostrava Cloud s.r.o.", "Ostrava Cloud"),
    ("Halvorsen & Søn AS", "Halvorsen and Son"),
    ("Norrsken Data AB", "norrsken data"),
    ("Nubes Ibérica S.L.", "Nubes Iberica"),
    ("Tanaka Network Engineering K.K.", "Tanaka Network Engineering"),
    ("Vistula Systems Sp. z o.o.", "Vistula Systems"),
    ("Kestrel Cloud Pty Ltd", "Kestrel Cloud"),
    ("Indus Stack Pvt. Ltd.", "Indus Stack"),
    ("Fjordline A/S", "Fjordline"),
    ("Moselle Datacenter GmbH", "Moselle Datacenter"),
    ("Ligure Cloud S.p.A.", "Ligure Cloud"),
    ("Helsinki Racks Oy", "Helsinki Racks"),
    ("Orbis Datacenter Group", "Orbis Datacenter"),
    ("Red Hat, Inc.", "red hat"),
    ("The Brightwater Company", "Brightwater"),
]
DIFFERENT = [
    ("Hewlett Packard Enterprise", "HP"),
    ("Baird and Keller Datacenters", "Baird"),
    ("NASA", "NA"),
    ("Atlas", "At"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_company_share_a_key(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)
    assert normalise_company(a) == normalise_company(b)  # the backtest's key is the same


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_companies_keep_different_keys(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def test_a_suffix_alone_is_still_a_key() -> None:
    assert company_key("Inc.") and company_key("AB") != company_key("AS")


def test_upgrading_rekeys_old_events(db_url: str) -> None:
    """An event keyed by the old ledger function merges with new reports."""
    [version] = [m.version for m in MIGRATIONS if m.apply is _rekey_companies]
    now = datetime(2024, 1, 1, tzinfo=UTC)
    db = open_database(db_url)
    with db.engine.begin() as conn:  # rewind: an old key, and the version before
        conn.execute(insert(events).values(
            company="Ostrava Cloud s.r.o.", company_key="ostravacloudsro", action="left",
            first_seen_at=now, last_seen_at=now, created_at=now))
        conn.execute(schema_version.delete().where(schema_version.c.version >= version))
    db.dispose()
    db = open_database(db_url)
    try:
        assert db.schema_version == HEAD
        with db.engine.connect() as conn:
            keys = conn.execute(select(events.c.company_key)).scalars().all()
        assert keys == [company_key("Ostrava Cloud")]
    finally:
        db.dispose()
