"""Whose "we" it is, and subjects hidden behind an appositive.

A quoted "we" attributed to a named organisation's official, representative
or spokesperson is that organisation, not the story's main company; an
appositive opening with "another" ("X, another regional carrier,") does not
hide X from its verb.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events

TWO_CARRIERS = (
    "Gwynedd Telecom upgrades to Platinum at the OpenInfra Foundation\n\n"
    "Gwynedd Telecom has upgraded to Platinum membership of the OpenInfra Foundation, the "
    "company said on Tuesday. Gwynedd Telecom runs its mobile core on OpenStack, and Gwynedd "
    "Telecom engineers lead two project teams. {sentence}"
)


@pytest.mark.parametrize("sentence", [
    'An official of Powys Mobile said "we decided not to renew our membership of the '
    'foundation because our cloud budget moved elsewhere."',
    'A representative of Powys Mobile said: "we will not continue the membership next year."',
    'A spokesperson for Powys Mobile said we have ended our OpenInfra Foundation membership.',
])
def test_a_quoted_we_belongs_to_the_speakers_organisation(sentence: str) -> None:
    text = TWO_CARRIERS.format(sentence=sentence)
    assert events(text) == {("Gwynedd Telecom", "joined"), ("Powys Mobile", "left")}


@pytest.mark.parametrize("text", [
    "Ceredigion Net, another regional carrier, withdrew from the OpenInfra Foundation this year.",
    "Ceredigion Net, another of the founding Gold members, has left the OpenStack Foundation.",
])
def test_an_appositive_with_another_does_not_hide_the_subject(text: str) -> None:
    assert events(text) == {("Ceredigion Net", "left")}
