"""Places around names in lists and subjects: "A of Aarhus, Denmark",
"Nairobi-based B", "C from Nagoya", "Pune's Bharat Infranet", "Indonesia's
Awan Digital", "Vietnamese cloud operator Lotus Compute". The place is never
the organisation, and a town after the last item is no employer a person
moved from.

Every phrasing here is written for these tests; the organisations are invented.
"""

from __future__ import annotations

from tests.classifier_helpers import events

TITLE = "OpenStack community weekly"


def test_a_welcomed_list_with_places_names_each_company() -> None:
    text = ("This week the OpenStack project welcomed three more companies to the community: "
            "Brede Systems of Aarhus, Denmark, Nairobi-based Ostby Data, and Kell Netsystems "
            "from Nagoya.")
    assert events(text, TITLE) == {(c, "joined") for c in
                                   ("Brede Systems", "Ostby Data", "Kell Netsystems")}


def test_a_places_possessive_before_a_company() -> None:
    text = ("On the other side of the ledger, Pune's Tarn Infranet signed on as a corporate "
            "sponsor of the OpenStack Foundation in January.")
    assert events(text, TITLE) == {("Tarn Infranet", "joined")}


def test_a_list_of_members_each_with_its_place() -> None:
    text = ("Kell Networks of Japan, Indonesia's Ostby Digital and Vietnamese cloud operator "
            "Brede Compute have all signed up as Silver members of the OpenStack Foundation.")
    assert events(text, TITLE) == {(c, "joined") for c in
                                   ("Kell Networks", "Ostby Digital", "Brede Compute")}


def test_a_known_companys_unit_keeps_its_owner() -> None:
    text = "Google's Cloud Team and Brede have joined the OpenStack Foundation."
    assert ("Google's Cloud Team", "joined") in events(text, TITLE)
