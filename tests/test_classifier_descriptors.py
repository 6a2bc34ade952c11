"""Descriptive subjects ("The Danish operator", "the Leeds-based vendor") stand
for the company the headline or lede names; a name that merely ends in a
known alias ("Skagerrak Telekom") is its own company.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.backtest import load_text
from classifiers import classify
from tests.classifier_helpers import events


@pytest.mark.parametrize(("title", "body", "company", "action"), [
    ("Skagerrak Telekom walks away from the OpenStack Foundation",
     "The Danish operator has withdrawn from the OpenStack Foundation after six years, "
     "ending its Gold membership.", "Skagerrak Telekom", "left"),
    ("Why Lindale Mobile is done with OpenStack",
     "The Welsh carrier has quit the OpenStack Foundation, ending a Gold membership it held "
     "since 2015.", "Lindale Mobile", "left"),
    ("Corrie Systems bets on open infrastructure",
     "The Glasgow-based storage vendor has become a Silver member of the OpenInfra "
     "Foundation, the firm said on Monday.", "Corrie Systems", "joined"),
])
def test_a_descriptor_is_the_headline_company(title: str, body: str, company: str,
                                              action: str) -> None:
    assert events(body, title) == {(company, action)}


def test_a_capitalised_adjective_before_a_descriptor_is_no_company() -> None:
    found = events("The Norwegian carrier has quit the OpenStack Foundation, ending a Gold "
                   "membership.", "Vestby Net turns its back on OpenStack")
    assert found == {("Vestby Net", "left")}


@pytest.mark.parametrize("text", [
    "A Nordic carrier has quit the OpenStack Foundation, according to a survey.",
    "The operator may quit the OpenStack Foundation next year.",
])
def test_an_unnamed_or_uncertain_descriptor_reports_nothing(text: str) -> None:
    assert events(text, "Operators drift away from OpenStack") == set()


@pytest.mark.parametrize(("name", "expected"), [
    ("Skagerrak Telekom", "Skagerrak Telekom"),        # not Deutsche Telekom ("Telekom")
    ("Chinese telecom giant Huawei Technologies", "Huawei"),
    ("Beijing-based EasyStack", "EasyStack"),
])
def test_words_before_a_known_name_only_describe_it_when_they_are_not_a_name(
        name: str, expected: str) -> None:
    text = f"{name} has joined the OpenStack Foundation as a Gold member."
    assert {c for c, _ in events(text)} == {expected}


def test_an_html_page_gives_its_headline_as_title(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Ardnave Cloud quits OpenStack Foundation | Weekly</title>"
        '<meta property="og:title" content="Ardnave Cloud quits OpenStack Foundation"></head>'
        "<body><article><p>The Islay hosting company has left the OpenStack Foundation after "
        "four years as a corporate sponsor, its founder said on Friday, citing the cost of "
        "keeping its cloud current with upstream releases.</p><p>Customers will keep their "
        "servers, the firm said, and nothing changes for them this year.</p></article></body>"
        "</html>", encoding="utf-8")
    text, title = load_text(page)
    assert title == "Ardnave Cloud quits OpenStack Foundation"
    assert {(e.company, e.action) for e in classify(text, title).events} == {
        ("Ardnave Cloud", "left")}
