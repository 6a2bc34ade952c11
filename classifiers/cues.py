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


_GROUP_OF_WORDS = re.compile(r"^\(\?:((?:[a-z'’-]+~?\|)*[a-z'’-]+~?)\)$")
_WORD = re.compile(r"^[a-z'’-]+~?$")
_LETTERS = re.compile(r"[a-z]{3,}")
MIN_ANCHOR = 3


def anchors(phrase: str) -> frozenset[str] | None:
    """Literal strings one of which every match of `phrase` contains, for
    cheap keyword gating; None when the phrase is too irregular to tell."""
    best: frozenset[str] | None = None
    for token in _top_level_tokens(_required_part(phrase.lower())):
        found = _token_anchors(token)
        if found and min(map(len, found)) >= MIN_ANCHOR and \
                (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


def list_anchors(phrases: Iterable[str]) -> frozenset[str] | None:
    """Anchors of a whole cue list; None if any phrase has none."""
    out: set[str] = set()
    for phrase in phrases:
        found = anchors(phrase)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def _required_part(phrase: str) -> str:
    """The phrase without lookarounds and optional groups ("(?: x)?")."""
    out: list[str] = []
    starts: list[int] = []
    i = 0
    while i < len(phrase):
        char = phrase[i]
        if char == "\\":
            out.append(phrase[i:i + 2])
            i += 2
            continue
        if char == "(":
            starts.append(len(out))
        out.append(char)
        if char == ")" and starts:
            start = starts.pop()
            group = "".join(out[start:])
            optional = i + 1 < len(phrase) and phrase[i + 1] in "?*"
            if optional or group.startswith(("(?=", "(?!", "(?<=", "(?<!")):
                del out[start:]
                i += 2 if optional else 1
                continue
        i += 1
    return "".join(out)


def _top_level_tokens(phrase: str) -> list[str]:
    tokens, depth, current = [], 0, ""
    for char in phrase:
        depth += (char == "(") - (char == ")")
        if char == " " and depth == 0:
            tokens.append(current)
            current = ""
        else:
            current += char
    tokens.append(current)
    return [t for t in tokens if t and not t.endswith(("?", "*"))]


def _token_anchors(token: str) -> frozenset[str] | None:
    group = _GROUP_OF_WORDS.match(token)
    words = group.group(1).split("|") if group else [token] if _WORD.match(token) else None
    if words is None:
        plain = "(" not in token and "|" not in token and "[" not in token
        letters = _LETTERS.findall(token.split("?")[-1]) if plain else []
        words = [letters[-1] + ("~" if token.endswith("~") else "")] if letters else None
    if words is None:
        return None
    return frozenset(stem for word in words for stem in _stems(word))


def _stems(word: str) -> tuple[str, ...]:
    """Substrings every inflection of a `word~` contains (the word itself otherwise)."""
    if not word.endswith("~"):
        return (word,)
    base = word[:-1]
    if base in IRREGULAR:
        forms = (base, *IRREGULAR[base])
        prefix = base[:-1] if base.endswith("e") else base
        return tuple(sorted({prefix, *(f for f in forms if not f.startswith(prefix))}))
    if base.endswith("e") or (base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS):
        return (base[:-1],)
    return (base,)
