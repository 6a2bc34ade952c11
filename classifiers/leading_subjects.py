"""Subjects that open a clause rather than stand before the verb: "Frampton
packed up [and left]", "Japanese telecom giant NTT ..., becoming", "The
Minnesota server maker has stopped X, will end Y, and has dropped Z"."""

from __future__ import annotations

import re

from classifiers.clauses import DETERMINERS, TOKEN, blank_comma_suffixes, segment_start
from classifiers.lexicon import Lexicon
from classifiers.name_runs import Subject, name_subject
from classifiers.names import is_cap

_MAX_COORDINATED_PREDICATE = 12


def clause_subject(sentence: str, end: int, lex: Lexicon) -> Subject:
    """The name that starts the clause ending at `end`, when a short predicate
    lies between ("Acme completed [its exit ...]")."""
    sentence = blank_comma_suffixes(sentence)
    tokens = list(TOKEN.finditer(sentence, segment_start(sentence, end), end))
    return leading_subject(sentence, tokens, len(tokens), lex)


def leading_subject(sentence: str, tokens: list[re.Match[str]], stop: int,
                     lex: Lexicon, predicate: int = _MAX_COORDINATED_PREDICATE) -> Subject:
    """The name starting the comma-free clause that ends before tokens[stop],
    followed by a lowercase word and at most a short predicate
    ("Frampton packed up [and left ...]")."""
    none = Subject("none", (), tokens[stop - 1].end() if stop else 0,
                   tokens[stop - 1].end() if stop else 0, "")
    start = 0
    for j in range(stop - 1, -1, -1):
        if tokens[j].group() in (",", ";", ":"):
            start = j + 1
            break
    k = start
    while k < stop and lex.is_stop_cap(tokens[k].group()):
        k += 1
    if k >= stop or not is_cap(tokens[k].group()):
        return none
    last = k
    while last + 1 < stop and is_cap(tokens[last + 1].group()):
        last += 1
    k, last = _past_descriptor(tokens, k, last, stop, lex)
    follower = tokens[last + 1].group() if last + 1 < stop else ""
    head = next((j for j in range(last + 1, min(stop, last + 4))
                 if lex.has("descriptor_heads", tokens[j].group())), None)
    if k > start and head is not None and all(
            t.group().islower() for t in tokens[last + 1:head]) and \
            tokens[k - 1].group().casefold() in DETERMINERS:  # "The Minnesota server maker"
        begin, end = tokens[k - 1].start(), tokens[head].end()
        return Subject("descriptor", (), begin, end, sentence[begin:end])
    if not follower.islower() or follower in ("which", "who", "that") or \
            stop - last > predicate:
        return none
    found = name_subject(sentence, tokens, last, tokens[start].start(), lex)
    return found if found.how == "name" else none


def series_subject(sentence: str, tokens: list[re.Match[str]], conjunction: int,
                    lex: Lexicon) -> Subject:
    """"The Minnesota server maker has stopped X, will end Y, and has dropped
    Z": the subject of a series of predicates, each opened by an auxiliary."""
    commas = [j for j in range(conjunction) if tokens[j].group() == ","]
    if not commas or conjunction != commas[-1] + 1:
        return Subject("none", (), tokens[conjunction].start(), tokens[conjunction].end(), "")
    for comma in commas[1:]:
        if not lex.has("gap_words", tokens[comma + 1].group().casefold()):
            return Subject("none", (), tokens[comma].start(), tokens[comma].end(), "")
    if not lex.has("gap_words", tokens[commas[0] + 1].group().casefold()):
        return Subject("none", (), tokens[commas[0]].start(), tokens[commas[0]].end(), "")
    return leading_subject(sentence, tokens, commas[0], lex, predicate=len(tokens))


def _past_descriptor(tokens: list[re.Match[str]], k: int, last: int, stop: int,
                     lex: Lexicon) -> tuple[int, int]:
    """"Japanese telecom giant NTT ...": the capitalised run after a short
    descriptor is the name, not the adjective that opens it."""
    j = last + 1
    while j < min(stop, last + 4) and tokens[j].group().islower() and \
            not lex.has("descriptor_heads", tokens[j].group()):
        j += 1
    if j + 1 >= stop or not lex.has("descriptor_heads", tokens[j].group()) or \
            not is_cap(tokens[j + 1].group()):
        return k, last
    k = last = j + 1
    while last + 1 < stop and is_cap(tokens[last + 1].group()):
        last += 1
    return k, last
