"""Names one story teaches: forms the alias table cannot know in advance.

"Stack and Stone Networks, Inc." spelled out with a legal suffix says that
"Stack and Stone Networks" is one organisation, so the headline's "Stack and
Stone Networks Joins ..." is not two. A company blog that writes its own name
in lowercase ("kaskade joins the OpenInfra Foundation", "nuvola.io blog",
"grayfox.dev -- notes from ...") makes that word a name for the story, and
the one such brand is who "we" are. Both become a story's own `Lexicon`
(`Lexicon.for_story`), so every later step reads them like known names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from classifiers.lexicon import Lexicon
from classifiers.sentences import Sentence

#: How many leading sentences (the headline included) may name a lowercase brand.
BRAND_LINES = 4
_CAP_WORD = r"[A-Z][\w'’-]*"
_DOMAIN = re.compile(r"([a-z][a-z0-9-]{2,30})\.(?:io|dev|ai|app|cloud|com|net|org|co|tech|sh"
                     r"|eu|it|de|fr|nl|uk|se|no|fi|es|pt|ch|at|be|pl|systems|host|works)")
_LOWER_WORD = re.compile(r"[a-z][a-z0-9-]{2,30}(?:\.[a-z]{2,8})?")


def story_lexicon(sentences: Sequence[Sentence], body: str, lex: Lexicon) -> Lexicon:
    """`lex`, plus the names this story spells out and its lowercase brands
    (the same object when it teaches none)."""
    names = _joined_names(body, lex)
    brands = _lowercase_brands(sentences, body, lex)
    if not names and not brands:
        return lex
    return lex.for_story({**names, **brands}, frozenset(brands))


def _joined_names(body: str, lex: Lexicon) -> dict[str, str]:
    """"Stack and Stone Networks, Inc." -> {"stack and stone networks": ...}."""
    if " and " not in body and " & " not in body:
        return {}
    found = {}
    for m in _JOINED.finditer(body):
        name = m.group("name")
        parts = re.split(r" (?:and|&) ", name)  # "Dell and Intel Corp.": two companies
        if not lex.known(name) and not any(lex.known(p) for p in parts) and \
                not lex.is_stop_cap(name.split()[0]):
            found[name.casefold()] = name
    return found


#: "A and B Networks, Inc.": a legal suffix written after the whole (case as written).
_JOINED = re.compile(
    rf"(?<![\w&'’])(?<![^-]-)(?P<name>{_CAP_WORD}(?: {_CAP_WORD}){{0,2}} (?:and|&) "
    rf"{_CAP_WORD}(?: {_CAP_WORD}){{0,3}}),? (?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|"
    r"LLC|L\.L\.C|GmbH|PLC|plc|S\.A|N\.V|B\.V|Pty|Oy|Lda|Ltda|S\.L|S\.r\.l|S\.p\.A|K\.K|Pte|"
    r"SAS|SARL|Co)\b")


def _lowercase_brands(sentences: Sequence[Sentence], body: str, lex: Lexicon) -> dict[str, str]:
    """Lowercase words the first lines use as a name: a domain ("nuvola.io"),
    a word before a publisher noun ("kaskade blog") or one that opens a line
    ("kaskade joins ..."), used again later (a domain's bare stem counts:
    "grayfox.dev" and "grayfox is eight people")."""
    candidates: set[str] = set()
    for sentence in sentences[:BRAND_LINES]:
        text = sentence.text
        first = _LOWER_WORD.match(text)
        if first:
            candidates.add(first.group())
        candidates.update(m.group() for m in _DOMAIN.finditer(text))
        words = text.split()
        candidates.update(w for w, nxt in pairwise(words)
                          if lex.has("publisher_nouns", nxt) and _LOWER_WORD.fullmatch(w))
    brands: dict[str, str] = {}
    for word in candidates:
        if _is_common(word, lex):
            continue
        domain = _DOMAIN.fullmatch(word)
        stem = domain.group(1) if domain else word
        bare = _count(body, stem) + sum(_count(s.text, stem) for s in sentences[:1] if s.title)
        if domain and bare and not _is_common(stem, lex):
            brands[word] = brands[stem] = stem  # "grayfox.dev" is the "grayfox" the text names
        elif domain or bare >= 2:
            brands[word] = word
    return brands


def _count(text: str, word: str) -> int:
    return len(re.findall(rf"(?<![\w.@/-]){re.escape(word)}(?![\w@/-]|\.\w)", text))


def _is_common(word: str, lex: Lexicon) -> bool:
    """A word of the engine's own lists ("the", "why", "members") or a target."""
    return any(word in values for values in lex.words.values()) or \
        lex.target_re.search(word) is not None
