"""Names a story defines or shortens: a short name in brackets after the legal
name ('Corvane Networks Ltd. ("Corvane")'), never a defined term ('(the
"Company")'); connectors inside institution names (do, van, di); "X College of
Y" called "X College" afterwards; and a release whose headline sits under a
"PRESS RELEASE" label and uses the brand its legal name starts with.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events


def test_a_short_name_in_brackets_is_the_name_used_afterwards() -> None:
    text = ("Corvane Networks joins the OpenStack Foundation\n\nCorvane Networks Ltd. (Corvane), "
            "a Dublin hosting firm, today announced that it has joined the OpenStack Foundation "
            "as a Gold Member. Corvane will contribute to Swift. Corvane runs three regions.")
    assert events(text) == {("Corvane", "joined")}


def test_a_quoted_short_name_counts_too() -> None:
    text = ("Corvane Networks joins the OpenStack Foundation\n\nCorvane Networks Ltd. "
            "(\u201cCorvane\u201d) said that it has joined the OpenStack Foundation as a Gold "
            "Member. Corvane will contribute to Swift.")
    assert events(text) == {("Corvane", "joined")}


def test_a_defined_term_is_not_a_name() -> None:
    text = ("Corvane Networks joins the OpenStack Foundation\n\nCorvane Networks Ltd. (the "
            "\"Company\") said that it has joined the OpenStack Foundation as a Gold Member. The "
            "Company will contribute to Swift. The Company runs three regions.")
    assert events(text) == {("Corvane Networks", "joined")}


def test_connectors_inside_institution_names() -> None:
    text = ("New Associate Members\n\nThe OpenInfra Foundation today welcomed two new Associate "
            "Members: the Instituto Superior do Minho and the Politecnico di Ancona.")
    assert events(text) == {("Instituto Superior do Minho", "joined"),
                            ("Politecnico di Ancona", "joined")}


def test_an_institution_called_by_its_shorter_name_afterwards() -> None:
    text = ("New Associate Members\n\nThe OpenInfra Foundation today welcomed a new Associate "
            "Member: Eskerfield College of Music and Media. Eskerfield College runs a small "
            "cloud. Staff at Eskerfield College maintain it.")
    assert events(text) == {("Eskerfield College", "joined")}


def test_headline_under_a_press_release_label_names_the_brand() -> None:
    text = ("PRESS RELEASE\n\nBRAUNWALD joins the OpenInfra Foundation\n\nBRAUNWALD "
            "Rechenzentren AG, the Linz operator, has joined the OpenInfra Foundation as a "
            "Silver Member. BRAUNWALD runs OpenStack since 2016. BRAUNWALD will contribute to "
            "Nova.\n\nAbout BRAUNWALD Rechenzentren AG\nBRAUNWALD Rechenzentren AG was founded in "
            "1999.\n\nContact: BRAUNWALD Rechenzentren AG")
    assert events(text) == {("BRAUNWALD", "joined")}
