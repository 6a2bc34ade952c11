"""Possessives and pronouns that point at the right company: "not to renew
Vasskar's corporate sponsorship" (the blog's own company), "Tencent's
arrival" after an earlier list of countries, "it" after a list of customers.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events

BLOG = """Vasskar Blog

An update on our sponsorship

Posted by Ines Moe, co-founder | March 3, 2021

When we started Vasskar, our first product was managed OpenStack. We have decided not to
renew Vasskar's corporate sponsorship of the OpenStack Foundation when it expires this month.
"""


def test_a_membership_named_by_its_owner_is_not_renewed() -> None:
    assert events(BLOG) == {("Vasskar", "left")}


def test_a_second_and_starts_a_new_clause_not_a_longer_list() -> None:
    text = ("The OpenStack Foundation kept adding members from Chile, Peru and Bolivia, and "
            "Quarrin Data's arrival as a Platinum Member this week was the biggest of them.")
    assert events(text) == {("Quarrin Data", "joined")}


def test_it_after_a_customer_list_is_the_sentences_subject() -> None:
    text = ("Quarrin Data has 150 staff and counts Tollund, Brede Telecom, Skagen-Hvide and "
            "Orlund among its customers. It has been a busy contributor, and it became a Gold "
            "Member of the OpenStack Foundation on Monday.")
    assert events(text, "OpenStack Foundation news") == {("Quarrin Data", "joined")}
