"""Mailing-list posts and announcements with a lead-in: the Subject header is
the headline (without "Re:"; the "[list]" tag names the topic), and a negation in a lead-in
before a colon does not reach the announcement after it.

Every phrasing here is written for these tests; the companies are invented.
"""

from __future__ import annotations

import pytest

from classifiers import classify
from tests.classifier_helpers import events

HEADERS = ("From: Ann Roe <ann at example.org>\nTo: foundation at lists.openstack.org\n"
           "Subject: {subject}\nDate: Mon, 7 Nov 2022 10:12:45 +0000\n\n")


@pytest.mark.parametrize("subject", [
    "Re: [OpenStack Foundation] Pabay Systems will not renew its corporate sponsorship",
    "[OpenStack Foundation] Pabay Systems will not renew its corporate sponsorship",
    "Fwd: Re: [foundation] Pabay Systems will not renew its OpenStack sponsorship",
])
def test_the_subject_header_is_the_headline(subject: str) -> None:
    text = HEADERS.format(subject=subject) + "Hi all,\n\nDetails below. Thanks for everything.\n"
    verdict = classify(text)
    assert {(e.company, e.action) for e in verdict.events} == {("Pabay Systems", "left")}
    assert "Pabay Systems will not renew" in verdict.events[0].evidence
    assert not verdict.events[0].evidence.lower().startswith(("re:", "fwd:"))


def test_header_lines_are_not_story_sentences() -> None:
    text = HEADERS.format(subject="[Openstack] Meetup in Leeds") + \
        "Hi all, the meetup moves to Thursday.\n"
    assert not any("ann at example" in t.sentence for t in classify(text).trace)
    assert events(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("I wanted to tell you myself rather than have you read it on the member page: Pabay "
     "Systems will not be renewing its corporate sponsorship of the OpenStack Foundation.",
     {("Pabay Systems", "left")}),
    ("Instead of leaving it to the rumour mill: Pabay Systems has left the OpenStack "
     "Foundation.", {("Pabay Systems", "left")}),
    # the negation is in the verb's own clause
    ("Rather than quit the OpenStack Foundation, Pabay Systems will renew its corporate "
     "sponsorship.", set()),
    ("Pabay Systems renewed its sponsorship rather than leave the OpenStack Foundation.", set()),
])
def test_a_lead_in_before_a_colon_negates_nothing_after_it(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert events(text, "OpenStack Foundation news") == expected


@pytest.mark.parametrize(("to", "body", "expected"), [
    ("foundation-board at lists.openstack.org",
     "Quarry Lane Data has told the foundation that it will not renew its Silver membership "
     "next year.", {("Quarry Lane Data", "left")}),
    ("members@openinfra.example.org",
     "Bellwether Compute has informed the board that it does not renew its Gold membership "
     "for 2021.", {("Bellwether Compute", "left")}),
])
def test_a_post_to_the_targets_list_sets_the_foundation_in_context(
        to: str, body: str, expected: set[tuple[str, str]]) -> None:
    """Only the addresses name the community: "the foundation" of a post to its list is ours."""
    text = (f"From: Secretary <sec@example.org>\nTo: {to}\nSubject: Membership note\n"
            f"Date: Mon, 7 Jan 2019 10:00:00 +0000\n\nHello all,\n\n{body}\n\nRegards\n")
    assert events(text) == expected


def test_a_post_to_another_list_does_not_set_our_foundation_in_context() -> None:
    text = ("From: Secretary <sec@example.org>\nTo: members at lists.example.org\n"
            "Subject: Membership note\nDate: Mon, 7 Jan 2019 10:00:00 +0000\n\n"
            "Quarry Lane Data has told the foundation that it will not renew its Silver "
            "membership next year.\n\nThe meetup after that covers OpenStack upgrades.\n")
    assert events(text) == set()
