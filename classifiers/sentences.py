"""Splitting clean lines into sentences that remember where they came from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from classifiers.text import Line

_BOUNDARY = re.compile(r"([.!?]+[\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.&]*)$")
_WORD_AFTER = re.compile(r"[\"“‘(\[]?([A-Za-z]+)")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}[.)]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, its position, and whether it may only be vetoed.

    `related` marks sentences from trailing related-links or comment blocks;
    `title` marks the headline.
    """

    text: str
    index: int
    line: int
    related: bool = False
    title: bool = False


def split_sentences(lines: Sequence[Line], abbreviations: frozenset[str],
                    starters: frozenset[str], first_index: int = 0) -> list[Sentence]:
    """Sentences of every line; `abbreviations` never end one unless a common
    sentence starter (`starters`, casefolded) follows ("... AT&T Inc. The ...")."""
    out: list[Sentence] = []
    for line_no, line in enumerate(lines):
        for piece in _split_line(line.text, abbreviations, starters):
            out.append(Sentence(piece, first_index + len(out), line_no, line.related))
    return out


def _split_line(text: str, abbreviations: frozenset[str], starters: frozenset[str]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for found in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, found, abbreviations, starters) or \
                _LIST_NUMBER.fullmatch(text, start, found.end(1)):  # "1. Acme Ltd"
            continue
        piece = text[start:found.end(1)].strip()
        if piece:
            pieces.append(piece)
        start = found.end()
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _is_abbreviation(text: str, found: re.Match[str], abbreviations: frozenset[str],
                     starters: frozenset[str]) -> bool:
    if found.group(1) != ".":
        return False
    before = _WORD_BEFORE.search(text, max(0, found.start() - 40), found.start())
    if before is None:
        return False
    word = before.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "John F. Kennedy"
    if word.casefold() not in abbreviations and "." not in word:
        return False
    after = _WORD_AFTER.match(text, found.end())
    return not (after and after.group(1).casefold() in starters)
