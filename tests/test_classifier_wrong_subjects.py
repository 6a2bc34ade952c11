"""Which organisation a sentence is about when other capitalised words stand
nearer the verb: a place in ", from Porto Velho," is not who "it" is; ",
many of them in Chile," and "the biggest names in enterprise IT" name no
member; an appositive may stand between an approved member and "as a new
Gold member".

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events


def test_it_is_the_subject_not_the_place_in_a_from_aside() -> None:
    text = ("Torrealta Cloud leaves the OpenStack Foundation\n\nTorrealta Cloud, from Porto Velho, "
            "confirmed on Friday that it has left the OpenStack Foundation.")
    assert events(text) == {("Torrealta Cloud", "left")}


def test_a_quantified_aside_names_no_member() -> None:
    text = ("OpenStack Foundation membership steady\n\nThe foundation said new companies, many of "
            "them in Chile, have joined at the Gold level this year.")
    assert events(text) == set()


def test_a_name_after_a_plural_head_and_preposition_is_no_subject() -> None:
    text = ("Cloud notes\n\nTwo of the biggest names in enterprise IT have thrown their weight "
            "behind OpenStack this week.")
    assert events(text) == set()


def test_an_appositive_between_the_member_and_as() -> None:
    text = ("OpenStack Foundation board notes\n\nThe board approved Sarnvik Data, the Bergen "
            "storage vendor, as a new Gold member by unanimous vote.")
    assert events(text) == {("Sarnvik Data", "joined")}


def test_we_in_a_column_quote_is_the_company_not_the_publication() -> None:
    text = ("Ventoria drops out of the OpenStack Foundation\n\nColuna Infra - Jornal Digital do "
            "Norte - 03/05/2021\n\nVentoria, from Belém, spoke to this column about its plans. "
            "The company runs OpenStack for 900 clients.\n\n\"We left the foundation in April, "
            "but not the community,\" said Ana Braga, director of technology.")
    assert events(text) == {("Ventoria", "left")}
