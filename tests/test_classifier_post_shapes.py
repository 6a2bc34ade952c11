"""Shapes of posts and notes seen in the wild: a social post whose header
names the company a few lines down, an infographic line "NEW MEMBERS: A | B |
C", a one-word short name in brackets, a hire told as "X joins the
foundation", and an aside that only says where new members come from.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events

SOCIAL = """Brede Cloud
Cloud platform provider | Bergen
2,108 followers
3w

Big news from the Brede Cloud team!

Today we're joining the OpenInfra Foundation as a Silver Member.
"""


def test_a_social_post_speaks_for_the_company_its_header_names() -> None:
    assert events(SOCIAL) == {("Brede Cloud", "joined")}


def test_pipe_separated_new_members_are_each_an_event() -> None:
    text = ("OpenInfra Summit in numbers\n\n6,000 attendees from 70 countries.\n\n"
            "NEW MEMBERS: Ostby | Kell Data | Tarn Mobile\n")
    assert events(text) == {(c, "joined") for c in ("Ostby", "Kell Data", "Tarn Mobile")}


def test_a_one_word_short_name_in_brackets_is_the_name_used() -> None:
    text = ("Public data company joins OpenStack\n\nThe National Data Processing Service "
            "(Dataprev), the state's largest IT company, has been accepted as an associate member "
            "of the OpenStack Foundation. Dataprev runs two clouds. Dataprev said it will send "
            "engineers to the summit.")
    assert events(text) == {("Dataprev", "joined")}


def test_a_tier_in_brackets_is_no_short_name() -> None:
    text = ("OpenInfra Foundation member list changes\n\nAdded: Ostby Cloud (Silver).\n"
            "Added: Kell Data (Silver).\n")
    assert events(text) == {("Ostby Cloud", "joined"), ("Kell Data", "joined")}


def test_a_hire_is_a_person_joining_not_a_company() -> None:
    text = ("OpenStack Foundation hires Mira Fenwick as head of ecosystem\n\nThe OpenStack "
            "Foundation has hired Mira Fenwick, a veteran channel executive, as vice president. "
            "Fenwick joins the OpenStack Foundation after four years at Kell Data.")
    assert events(text) == set()


def test_where_newcomers_come_from_is_no_newcomer() -> None:
    text = ("OpenStack Foundation notes\n\nThe number of gold members of the OpenStack "
            "Foundation has stayed stable as new companies, particularly from Asia, have come "
            "aboard.")
    assert events(text) == set()


def test_a_previously_aside_is_skipped_to_the_subject() -> None:
    text = ("OpenInfra membership check\n\nOstby Group, previously a gold member, upgraded to the "
            "platinum tier of the OpenInfra Foundation this month.")
    assert events(text) == {("Ostby Group", "joined")}


def test_comma_joined_names_before_a_plural_headline_verb() -> None:
    text = ("OpenStack Foundation Sees Gold-Tier Churn as Ostby, Kell Data Depart\n\n"
            "Two gold members did not renew this quarter.")
    assert events(text) == {("Ostby", "left"), ("Kell Data", "left")}


def test_nested_fuller_forms_give_the_longest() -> None:
    text = ("Brede Tele, Ostby sign up with global OpenStack body\n\nBrede Tele Infocomm and "
            "Ostby have joined the OpenStack Foundation. Tele, which launched its network last "
            "year, has signed up as a gold member, the foundation said on Tuesday.")
    assert {c for c, _ in events(text)} == {"Brede Tele Infocomm", "Ostby"}


def test_a_blog_byline_names_the_company_that_we_are() -> None:
    text = ("Why we're putting our name on the OpenStack membership list\n\n"
            "Posted by Rina Sari, Chief Technology Officer, Tarn Komputasi | April 2018\n\n"
            "We have always been a modest contributor. That changes this month. \"We are proud "
            "to join the OpenStack Foundation as a Silver member,\" said our chief executive.")
    assert events(text) == {("Tarn Komputasi", "joined")}


def test_a_descriptor_after_a_clause_that_names_the_organisation() -> None:
    text = ("African research network signs on with OpenStack Foundation\n\nCAPE TOWN, "
            "September 2017 -- For a network that spends most of its budget on fibre, the Brede "
            "Research Alliance has found energy for cloud software.\n\nThe non-profit consortium, "
            "which links 90 universities, has joined the OpenStack Foundation as an associate "
            "member, its board confirmed last week.")
    assert events(text) == {("Brede Research Alliance", "joined")}
