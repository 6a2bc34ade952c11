"""Who acted: aliases, legal forms, descriptive references, unknown names."""

from __future__ import annotations

import pytest

from classifiers import classify
from tests.classifier_helpers import events


@pytest.mark.parametrize(("text", "company"), [
    ("Hewlett-Packard Co. has joined OpenStack.", "HP"),
    ("Hewlett Packard joins the OpenStack Foundation.", "HP"),
    ("AT&T Inc. joins the OpenStack Foundation.", "AT&T"),
    ("Hewlett Packard Enterprise has joined the OpenStack Foundation.", "HPE"),
    ("Chinese networking giant Huawei Technologies Co. joined OpenStack.", "Huawei"),
    ("Ubuntu maker Canonical joins OpenStack.", "Canonical"),
    ("Zyxcloud Systems has joined the OpenStack Foundation.", "Zyxcloud Systems"),
    ("Quarrytech, Inc., a storage firm, today announced that it has joined the OpenStack "
     "Foundation.", "Quarrytech"),
    ("Tencent, the Chinese internet giant, has joined the OpenStack Foundation.", "Tencent"),
    ("Big Switch Networks today joined the OpenStack community.", "Big Switch Networks"),
])
def test_company_forms_are_canonical(text: str, company: str) -> None:
    assert events(text) == {(company, "joined")}


def test_a_descriptive_reference_resolves_to_the_named_company() -> None:
    text = ("Microsoft unveiled its cloud plans on Tuesday. "
            "The Redmond giant has also joined OpenStack.")
    assert events(text) == {("Microsoft", "joined")}


def test_a_pronoun_resolves_to_the_nearest_organisation() -> None:
    text = "According to a blog post by AT&T, they are the first US telco to join OpenStack."
    assert events(text) == {("AT&T", "joined")}


def test_a_short_name_merges_into_the_full_one() -> None:
    text = ("Rivermark quits OpenStack\n\nRivermark Software has resigned its Gold membership "
            "of the OpenStack Foundation.")
    assert events(text) == {("Rivermark Software", "left")}


def test_a_surname_is_a_person_not_a_company() -> None:
    text = ("The OpenStack Foundation hired Mark Callahan as COO. "
            "Callahan joins the foundation from Rackspace.")
    assert events(text) == set()


def test_mojibake_is_repaired_before_matching() -> None:
    text = "Weâve said it before: AT&Tâs cloud matters. AT&T is joining the OpenStack community."
    found = classify(text).events
    assert [(e.company, e.action) for e in found] == [("AT&T", "joined")]
    assert "Weâ" not in found[0].evidence


def test_double_encoded_utf8_is_fixed() -> None:
    broken = "Acmeâ€™s news: Lumenstack has joined OpenStack."
    assert events(broken) == {("Lumenstack", "joined")}
