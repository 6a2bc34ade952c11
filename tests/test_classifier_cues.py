"""The cue-list shorthand and the keyword anchors derived from it."""

from __future__ import annotations

import re

import pytest

from classifiers.cues import anchors, cue_source, inflect, list_anchors


@pytest.mark.parametrize(("word", "forms", "not_forms"), [
    ("enlist", ["enlist", "enlists", "enlisted", "enlisting"], ["enlistment"]),
    ("drop", ["drop", "drops", "dropped", "dropping"], ["droplet"]),
    ("cancel", ["cancel", "cancels", "cancelled", "canceled", "cancelling"], []),
    ("terminate", ["terminate", "terminates", "terminated", "terminating"], ["terminal"]),
    ("ratify", ["ratify", "ratifies", "ratified", "ratifying"], []),
    ("take", ["take", "takes", "took", "taken", "taking"], ["tak"]),
    ("leave", ["leave", "leaves", "left", "leaving"], ["leaf"]),
    ("withdraw", ["withdraw", "withdrew", "withdrawn", "withdrawing"], []),
])
def test_inflections(word: str, forms: list[str], not_forms: list[str]) -> None:
    pattern = re.compile(rf"(?:{inflect(word)})", re.I)
    assert all(pattern.fullmatch(f) for f in forms)
    assert not any(pattern.fullmatch(f) for f in not_forms)


def test_a_cue_list_is_one_word_bounded_alternation() -> None:
    pattern = re.compile(cue_source(["sign~ up (?:with|to)", "enlist~ in"]), re.I)
    assert pattern.search("Acme signed  up with OpenStack")
    assert pattern.search("Acme is enlisting in OpenStack")
    assert not pattern.search("Acme's designers signed autographs")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("enlist~ in", {"enlist"}),
    ("re-?join~", {"join"}),
    ("take~ (?:up|out)", {"tak", "took"}),
    ("(?:is|are) (?:now|officially)(?: listed)?", {"now", "officially"}),
    ("(?<![,;:]\\s)now(?=\\s(?:an?|the)\\s)", {"now"}),
    ("(?:been |was )?remove~ from", {"remov"}),
    ("as of (?:today|this (?:week|month))", None),
    ("(?:begin~|began|begun)", {"begin", "began", "begun"}),
])
def test_anchors_are_substrings_every_match_contains(phrase: str,
                                                      expected: set[str] | None) -> None:
    found = anchors(phrase)
    assert (set(found) if found is not None else None) == expected


def test_one_unreadable_phrase_leaves_the_list_ungated() -> None:
    assert list_anchors(["enlist~ in", "as of (?:today|this (?:week|month))"]) is None
    assert list_anchors(["enlist~ in", "re-?join~"]) == frozenset({"enlist", "join"})
