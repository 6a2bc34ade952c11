"""Names a story teaches (classifiers/story_names.py): a company blog that
writes its own name in lowercase ("kestrel joins the OpenInfra Foundation",
"ferrum.io blog", "brackenfold.dev -- notes"), and "A and B Systems" that the
body spells with a legal suffix ("A and B Systems, Inc."), which makes the
headline's "A and B Systems Joins ..." one name.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events


def test_a_lowercase_brand_that_heads_the_blog_is_a_name() -> None:
    text = ("kestrel blog\n\nkestrel joins the OpenInfra Foundation\n\nkestrel has joined the "
            "OpenInfra Foundation as a Silver member. We run OpenStack for three universities.")
    assert events(text) == {("kestrel", "joined")}


def test_a_domain_brand_is_who_we_are() -> None:
    text = ("ferrum.io blog\n\nWhy ferrum.io is now an OpenInfra Foundation Silver member\n\n"
            "Posted by Ada Kerr\n\nToday we are proud to have joined the OpenInfra Foundation as "
            "a Silver member.")
    assert events(text) == {("ferrum.io", "joined")}


def test_a_domain_whose_stem_the_text_uses_is_named_by_the_stem() -> None:
    text = ("brackenfold.dev -- notes from a small hosting company\n\nWhy we're leaving the "
            "OpenInfra Foundation\n\nWe have decided not to renew our Silver membership. "
            "brackenfold is six people, and the fee is a lot for us.")
    assert events(text) == {("brackenfold", "left")}


def test_a_news_site_domain_and_its_editorial_we_report_nothing() -> None:
    text = ("cloudwire.net -- daily cloud news\n\nOpinion: smaller hosts and the OpenInfra "
            "Foundation\n\nwe have argued that smaller hosts could join the OpenInfra "
            "Foundation. We are not members of the OpenInfra Foundation ourselves.")
    assert events(text) == set()


def test_a_name_spelled_with_a_legal_suffix_stays_whole_in_the_headline() -> None:
    text = ("Heron and Finch Networks Joins OpenStack Foundation as Corporate Sponsor\n\n"
            "RENO, Nev.--(BUSINESS WIRE)--Heron and Finch Networks, Inc. (NASDAQ: HFN) today "
            "announced that it has joined the OpenStack Foundation as a Corporate Sponsor.")
    assert events(text) == {("Heron and Finch Networks", "joined")}


def test_two_companies_approved_as_members_stay_two() -> None:
    text = ("The OpenStack Foundation board voted to approve Heron and Finch as Gold members of "
            "the OpenStack Foundation.")
    assert events(text) == {("Heron", "joined"), ("Finch", "joined")}
