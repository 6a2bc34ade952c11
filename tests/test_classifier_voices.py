"""Who speaks and how: outlets that "have reported" a join the company denies,
a forum reply's "They'd disappear from the member list" (would, not did), a
contraction that opens a sentence ("Don't") is no name, and "the agency"
after "<Org>'s director, <Person>, said" is that organisation.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events


def test_what_publications_reported_and_the_company_denies_is_no_join() -> None:
    text = ("Statement from Kell Cloud\n\nOver the past few days, several technology "
            "publications have reported that Kell Cloud has joined the OpenStack Foundation. "
            "Kell Cloud has not joined the OpenStack Foundation.")
    assert events(text) == set()


def test_a_forum_thread_of_guesses_reports_nothing() -> None:
    text = ("Thread: Is Ostby pulling out of OpenStack?\n\nSaw a tweet claiming Ostby is leaving "
            "the OpenStack Foundation. Don't believe everything you read. They'd disappear from "
            "the member list on the foundation site, that's the easiest tell.")
    assert events(text) == set()


def test_a_descriptor_after_an_attributed_speaker_is_the_speakers_organisation() -> None:
    text = ("Public sector cloud\n\nAlmost every ministry now runs on the shared platform. "
            "Brede Fellesdata's director, Tor Lie, said the agency had joined the OpenStack "
            "Foundation to make sure public-sector needs are heard.")
    assert events(text) == {("Brede Fellesdata", "joined")}


def test_a_welcomed_newcomers_companion_joins_too() -> None:
    text = ("Community newsletter\n\nThis month the OpenStack Foundation is pleased to welcome "
            "Kell Networks and Ostby AB as corporate sponsors, along with the University of "
            "Tarn, which joins as an associate member.")
    assert events(text) == {(c, "joined") for c in ("Kell Networks", "Ostby", "University of Tarn")}


def test_the_company_after_a_clause_that_names_its_officer_is_that_company() -> None:
    text = ("Retail cloud retreat\n\nThat era is over. In a memo seen by Retail Weekly, "
            "Ostmart's new chief information officer, Lea Berg, said the retailer would move to a "
            "public cloud. The memo did not name the provider. The company has also decided not "
            "to renew its Gold membership of the OpenStack Foundation, a spokeswoman said.")
    assert events(text) == {("Ostmart", "left")}


def test_a_headline_quoted_from_nobody_in_particular_is_no_news() -> None:
    text = ("What Ostby's roadmap really means\n\nThe headline writers had a field day last week. "
            '"Ostby quits OpenStack," said one. Neither is accurate.')
    assert events(text) == set()


def test_a_join_days_after_a_deal_is_still_a_join() -> None:
    assert events("Kell Data joins OpenStack Foundation days after closing $1bn Brede buy") == \
        {("Kell Data", "joined")}


def test_taking_the_step_up_to_gold_is_an_upgrade() -> None:
    text = ("Who's in, who's out\n\nNow the arrivals at the OpenStack Foundation. Kell Data, the "
            "Chinese services company, took the step from corporate sponsor to gold.")
    assert events(text) == {("Kell Data", "joined")}


def test_the_company_is_not_whom_a_quoted_speaker_names() -> None:
    text = ("Brede shuts its public cloud and walks away from OpenStack\n\nHobart hosting company "
            "Brede Hosting will close its public cloud in June. The decision ends an effort to "
            "build a local alternative to Kellcorp and Ostby. Brede launched its cloud in 2012. "
            "\"Our customers want to be on Kellcorp and Ostby, and we can help them get there.\" "
            "The company is also pulling out of the OpenStack Foundation.")
    assert events(text) == {("Brede Hosting", "left")}


def test_what_someone_on_my_team_said_is_hearsay() -> None:
    text = ("Topic: Did Ostby drop out of the Foundation?\n\nSomeone on my team said Ostby left "
            "the OpenInfra Foundation after the rebrand. Hi, no, Ostby has not left.")
    assert events(text) == set()


def test_a_move_down_said_not_to_be_leaving_is_no_leave() -> None:
    text = ("Board seat reshuffle\n\nKell Data will no longer be a platinum member of the "
            "OpenStack Foundation, the foundation confirmed this week, but it is not leaving: the "
            "company has shifted its membership to the gold tier.")
    assert events(text) == set()


def test_tier_newcomers_are_joins_and_a_boards_newcomers_are_not() -> None:
    joined = ("OpenInfra Foundation relaunch\n\nTwo companies come aboard at the platinum level, "
              "while the gold newcomers include Brede Data and Ostby Systems.")
    board = ("OpenStack Foundation board election results\n\nNewcomers include Ada Lund of Brede "
             "Data and Tor Berg of Ostby, both of whom campaigned on operator issues.")
    assert events(joined) == {("Brede Data", "joined"), ("Ostby Systems", "joined")}
    assert events(board) == set()


def test_a_place_possessive_before_a_two_field_institute() -> None:
    text = ("Weekly roundup\n\nOn the way in: Kell SDS has signed up as a gold member of the "
            "OpenStack Foundation, and Norway's Marine and Energy Research Institute (MERI), the "
            "government-funded agency, became an associate member.")
    assert ("Marine and Energy Research Institute", "joined") in events(text)
