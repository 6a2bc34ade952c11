"""Headline grammar: no articles, comma-joined predicates, the foundation as subject.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Brodick ups its OpenStack commitment, joins foundation as Gold member",
     {("Brodick", "joined")}),
    ("OpenStack gains Brodick Systems as Gold member", {("Brodick Systems", "joined")}),
    ("OpenStack Foundation adds Brodick, Lamlash to Gold ranks",
     {("Brodick", "joined"), ("Lamlash", "joined")}),
    ("Brodick Systems named OpenStack Foundation Platinum member",
     {("Brodick Systems", "joined")}),
    ("The OpenStack Foundation on Monday named Brodick Systems its newest Gold member.",
     {("Brodick Systems", "joined")}),
    ("OpenStack Foundation loses another Gold member as Brodick walks", {("Brodick", "left")}),
    ("Brodick gets nod to join OpenStack Foundation as Gold member", {("Brodick", "joined")}),
    ("Brodick's bid to join OpenStack Foundation approved", {("Brodick", "joined")}),
    ("Rackspace hands OpenStack to new foundation; AT&T, IBM, HP among founding Platinum "
     "members", {("AT&T", "joined"), ("IBM", "joined"), ("HP", "joined")}),
])
def test_headline_shapes(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    "Lumenstack hired Jane Doe, who left the OpenStack Foundation in May.",
    "Brodick Systems named OpenStack Foundation board chair",
    "Kelso Data joins foundation's board as OpenStack grows",
    "Acme named Jane Roe its newest board member of the OpenStack Foundation.",
    "Cirrusbay picks Apache CloudStack over OpenStack, joins project as major contributor",
    "Brodick applies to join OpenStack Foundation as Gold member",
])
def test_headline_lookalikes(text: str) -> None:
    assert events(text) == set()


def test_a_comma_joined_predicate_shares_the_subject_in_prose_too() -> None:
    text = "Acme launched a storage product, joined the OpenStack Foundation and hired staff."
    assert events(text) == {("Acme", "joined")}
