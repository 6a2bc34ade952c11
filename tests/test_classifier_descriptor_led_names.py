"""Descriptor-led subjects: "the Lyon-based hosting company n0de&co has
upgraded": a lowercase name no word could be, right after the descriptor noun,
is the subject (capitalised ones already are: "the Dutch operator KPN").

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "name"), [
    ("The Lyon-based hosting company v4nta&co has joined the OpenStack Foundation as a Gold "
     "member.", "v4nta&co"),
    ("The Porto hosting firm cl0udpt has upgraded its OpenStack Foundation membership from "
     "Silver to Gold.", "cl0udpt"),
    ("The Danish operator str8net has left the OpenStack Foundation.", "str8net"),
])
def test_a_described_lowercase_name_is_the_subject(text: str, name: str) -> None:
    action = "left" if "left" in text else "joined"
    assert events(text) == {(name, action)}


def test_a_plain_lowercase_word_after_a_descriptor_is_not_a_name() -> None:
    assert events("The hosting company also has joined the OpenStack Foundation as a Gold "
                  "member.") == set()


@pytest.mark.parametrize(("name", "short"), [
    ("The Agence nationale des services informatiques", "ANSI"),
    ("The Consorzio regionale di calcolo scientifico", "CRCS"),
])
def test_a_foreign_institution_name_with_lowercase_words_is_the_subject(
        name: str, short: str) -> None:
    text = (f"{name}, the public body that runs shared clouds for the region, has joined "
            f"the OpenStack Foundation as an Associate Member.\n\n{short}, as the body is "
            f"known, runs two OpenStack clouds. {short} said it would join working groups.")
    assert events(text) == {(short, "joined")}


def test_lowercase_words_without_a_connector_are_no_institution_name() -> None:
    assert events("Some big operators, the foundation said, have joined the OpenStack "
                  "Foundation as Gold members.") == set()
