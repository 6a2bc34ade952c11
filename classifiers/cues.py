"""Cue lists: the verbs and phrases of a rule family, kept as data.

A ``[cues]`` table maps an UPPER_CASE name to a list of phrases. Lists with
the same name in several files are merged (an admin's extra file extends the
packaged one), and each list becomes a macro ``{NAME}`` that rules use like
any other: ``'{AUX}{ENTRY}\\s+{TARGET}'``.

A phrase is a regular expression (case-insensitive) with two conveniences:

    a space      matches any run of whitespace
    ``word~``    the word and its inflections: ``enlist~`` matches enlist,
                 enlists, enlisted, enlisting; ``take~`` also took, taken;
                 ``drop~`` also dropped, dropping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_INFLECT = re.compile(r"([A-Za-z]+)~")
_SPACE = re.compile(r" +")
_VOWELS = "aeiou"
_DOUBLING = "bdgklmnprt"

#: Irregular forms the ``~`` shorthand knows (base -> other forms).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "was", "were", "been", "being"),
    "become": ("becomes", "became", "becoming"),
    "break": ("breaks", "broke", "broken", "breaking"),
    "bring": ("brings", "brought", "bringing"),
    "buy": ("buys", "bought", "buying"),
    "choose": ("chooses", "chose", "chosen", "choosing"),
    "come": ("comes", "came", "coming"),
    "cut": ("cuts", "cutting"),
    "fall": ("falls", "fell", "fallen", "falling"),
    "get": ("gets", "got", "gotten", "getting"),
    "give": ("gives", "gave", "given", "giving"),
    "go": ("goes", "went", "gone", "going"),
    "hold": ("holds", "held", "holding"),
    "leave": ("leaves", "left", "leaving"),
    "let": ("lets", "letting"),
    "lose": ("loses", "lost", "losing"),
    "put": ("puts", "putting"),
    "quit": ("quits", "quitting"),
    "rise": ("rises", "rose", "risen", "rising"),
    "run": ("runs", "ran", "running"),
    "set": ("sets", "setting"),
    "sit": ("sits", "sat", "sitting"),
    "split": ("splits", "splitting"),
    "strike": ("strikes", "struck", "stricken", "striking"),
    "stand": ("stands", "stood", "standing"),
    "take": ("takes", "took", "taken", "taking"),
    "throw": ("throws", "threw", "thrown", "throwing"),
    "win": ("wins", "won", "winning"),
    "withdraw": ("withdraws", "withdrew", "withdrawn", "withdrawing"),
}


def inflect(word: str) -> str:
    """Regex source for a verb and its usual forms ("cancel" -> cancels,
    cancelled, canceled, cancelling...)."""
    low = word.lower()
    if low in IRREGULAR:
        forms = sorted({low, *IRREGULAR[low]}, key=len, reverse=True)
        return "(?:" + "|".join(forms) + ")"
    if low.endswith("e"):
        return f"{low[:-1]}(?:e|es|ed|ing)"
    if low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        return f"{low[:-1]}(?:y|ies|ied|ying)"
    endings = ["s", "es", "ed", "ing"]
    if len(low) >= 3 and low[-1] in _DOUBLING and low[-2] in _VOWELS and \
            low[-3] not in _VOWELS:
        endings += [f"{low[-1]}ed", f"{low[-1]}ing"]
    return f"{low}(?:{'|'.join(endings)})?"


def phrase_source(phrase: str) -> str:
    """Regex source for one cue phrase (shorthand expanded, spaces loosened)."""
    expanded = _INFLECT.sub(lambda m: inflect(m.group(1)), phrase.strip())
    return _SPACE.sub(r"\\s+", expanded)


def cue_source(phrases: Iterable[str]) -> str:
    """One alternation for a whole cue list, longest phrases first, word-bounded."""
    sources = [phrase_source(p) for p in sorted(set(phrases), key=len, reverse=True)]
    if not sources:
        return "(?!x)x"
    return r"\b(?:" + "|".join(sources) + r")\b"
