"""A member named as a programme or network: "the Tarn programme is now an
associate member", "the Kell research network has joined" keeps only the
name before the head noun; a nationality in that place names no member.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("The national research cloud has formalised its ties, with the TARNET programme now an "
     "associate member of the OpenStack Foundation.", {"TARNET"}),
    ("As of today the Kellgrid initiative has joined the OpenStack Foundation as an associate "
     "member.", {"Kellgrid"}),
    ("Last week the Ostby Research network became a Silver member of the OpenStack Foundation.",
     {"Ostby Research"}),
])
def test_a_programme_named_before_its_head_noun_joins(text: str, expected: set[str]) -> None:
    assert events(text) == {(name, "joined") for name in expected}


@pytest.mark.parametrize("text", [
    "As of today the Danish programme has joined the OpenStack Foundation as an associate member.",
    "As of today the national programme has joined the OpenStack Foundation as an associate "
    "member.",
])
def test_a_nationality_or_a_plain_word_before_the_head_names_no_member(text: str) -> None:
    assert events(text) == set()
