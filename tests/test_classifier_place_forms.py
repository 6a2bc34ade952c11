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


def test_a_multi_word_place_before_based_is_no_part_of_the_name() -> None:
    text = ("Among the first organisations to sign on under the new OpenInfra banner is Cape "
            "Town-based Brede Networks, which joins as a Silver member.")
    assert events(text, "OpenInfra news") == {("Brede Networks", "joined")}


def test_an_e_prefixed_word_stays_in_the_name() -> None:
    text = ("The Tarn e-Governance Cell, the state body that runs shared IT services, was also "
            "welcomed as an associate member of the OpenInfra Foundation.")
    assert events(text, "OpenInfra news") == {("Tarn e-Governance Cell", "joined")}


def test_described_newcomers_without_names_are_no_events() -> None:
    text = ("The other four new members of the OpenStack Foundation are a Swedish orchestration "
            "startup, two Chinese equipment vendors and a US university lab.")
    assert events(text, "OpenInfra news") == set()


def test_a_software_vendor_appositive_is_an_organisation() -> None:
    text = ("Zurich-based Kell, the private cloud software vendor whose distribution never sold "
            "abroad, has resigned its gold membership of the OpenStack Foundation.")
    assert events(text, "OpenInfra news") == {("Kell", "left")}


BERLIN = """Summit recap: edge, CI tooling and a pair of new Gold members

Membership news

Tucked into the Tuesday keynote was the news that the OpenStack Foundation has two new Gold
members. Izmir-based Brede Telekom and Kell Cloud of Jeddah, Saudi Arabia, were approved by the
board of directors on Monday and welcomed on stage.
"""


def test_an_approval_by_the_board_after_news_of_new_members() -> None:
    assert events(BERLIN) == {("Brede Telekom", "joined"), ("Kell Cloud", "joined")}


def test_an_approval_by_the_board_of_something_else_is_no_membership() -> None:
    text = ("Summit recap\n\nThe OpenStack Foundation held its summit. Brede Telekom's keynote "
            "and Kell Cloud's demo were approved by the board of directors on Monday.")
    assert events(text) == set()


def test_a_places_possessive_description_after_a_name() -> None:
    text = ("Kell Telecom, Norway's largest mobile operator, is now a gold member of the OpenStack "
            "Foundation, the company said on Wednesday.")
    assert events(text, TITLE) == {("Kell Telecom", "joined")}


def test_welcomes_into_a_programme_and_approvals_of_both() -> None:
    welcome = ("We were delighted to welcome Brede Cloud and Ostby into the corporate sponsor "
               "programme of the OpenStack Foundation during the quarter.")
    approve = ("The OpenStack Foundation board voted to approve both Brede Cloud and Ostby as gold "
               "members.")
    assert events(welcome, TITLE) == {("Brede Cloud", "joined"), ("Ostby", "joined")}
    assert events(approve, TITLE) == {("Brede Cloud", "joined"), ("Ostby", "joined")}


def test_a_places_possessive_before_a_known_company() -> None:
    text = ("Japan's NEC was accepted into the gold tier of the OpenStack Foundation at the same "
            "board meeting.")
    assert events(text, TITLE) == {("NEC", "joined")}
