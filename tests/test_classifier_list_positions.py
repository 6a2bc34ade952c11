"""Organisations listed somewhere other than before the verb: the named examples
of a plural subject ("five hosts, among them A and B, have joined"), the object
of an approval ("approved Gold memberships for A and B") and an institution
that keeps its article ("welcome the University of X as its newest member").

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

import pytest

from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "expected"), [
    ("Five hosting firms, among them Quenby Cloud, Arlo Data and Strand IT, have joined the "
     "OpenStack Foundation as Corporate Sponsors.",
     {("Quenby Cloud", "joined"), ("Arlo Data", "joined"), ("Strand IT", "joined")}),
    ("Several universities, including Tessel Polytechnic and Mara Institute, have become "
     "Associate Members of the OpenStack Foundation this week.",
     {("Tessel Polytechnic", "joined"), ("Mara Institute", "joined")}),
    ("Three long-time sponsors, notably Brisk Compute and Olwen Systems, have left the "
     "OpenInfra Foundation.",
     {("Brisk Compute", "left"), ("Olwen Systems", "left")}),
])
def test_named_examples_of_a_plural_subject_act(text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


@pytest.mark.parametrize("text", [
    # negated, dated or merely compared: the examples do nothing new
    "Big clouds, including Harrow Cloud and Delby, have not joined the OpenStack Foundation.",
    "Several vendors, such as Marn Systems and Osk Data, joined the OpenStack Foundation in 2012 "
    "and have stayed since.",
    "Oracle stayed out, even as rivals such as Pell Systems and Dunmore signed up to the "
    "OpenStack Foundation.",
    # the examples are not a list of names
    "Several providers, including some in Europe, have joined the OpenStack Foundation.",
])
def test_examples_that_report_no_change(text: str) -> None:
    assert events(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The OpenStack Foundation board approved Gold memberships for Corran Networks and Skellig "
     "Data at its meeting on Monday.",
     {("Corran Networks", "joined"), ("Skellig Data", "joined")}),
    ("On Tuesday the OpenInfra Foundation granted Silver status to Lochan Hosting.",
     {("Lochan Hosting", "joined")}),
    ("The OpenStack Foundation's board also accepted a Platinum membership for Ardrossan "
     "Telecom.", {("Ardrossan Telecom", "joined")}),
])
def test_organisations_granted_a_membership_join(text: str,
                                                 expected: set[tuple[str, str]]) -> None:
    assert events(text) == expected


def test_a_membership_of_something_else_granted_is_no_join() -> None:
    text = ("The OpenStack Foundation board approved sponsorships for the Kubernetes Summit "
            "and renewed the Gold memberships for Orla Cloud.")
    assert events(text) == set()


@pytest.mark.parametrize(("text", "company"), [
    ("The OpenStack Foundation is pleased to welcome the University of Carrick as its newest "
     "Associate Member.", "University of Carrick"),
    ("The OpenInfra Foundation welcomed the Polytechnic of Dunmore as a new Associate Member "
     "on Thursday.", "Polytechnic of Dunmore"),
])
def test_an_institution_named_with_its_article_is_welcomed(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}
