"""Whose story is it: the company "we", "our company" and "the company" stand for
when no quoted speaker is attributed.

The publisher ("<Name> engineering blog", "<Name> Q2 2019 earnings call") wins
outright. Otherwise every organisation the story names scores its mentions,
plus a bonus for being in the headline, for being the subject of one of the
first body sentences (the lede of an interview or a press release) and for
heading the "About <Name>" boilerplate of a press release. A name only the
headline uses ("Life at a small OpenStack shop") does not count; the best
score must be unique and at least `MIN_SCORE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from classifiers.clauses import blank_comma_suffixes
from classifiers.lexicon import Lexicon
from classifiers.names import canonical, classify_name
from classifiers.sentences import Sentence

#: How many leading sentences (the headline included) may name the publisher.
PUBLISHER_LINES = 6
#: Body sentences that make up the lede.
LEDE_SENTENCES = 3
TITLE_BONUS = 3
LEDE_BONUS = 2
ABOUT_BONUS = 5
#: The best-scoring organisation is the principal only if it scores this much.
MIN_SCORE = 2

_ABOUT = re.compile(r"^About\s+(?P<name>[A-Z0-9][^:]{0,60}?)\s*(?::|$)")
#: A company's own story of itself, the "About us" line of a blog post: "Fernhill &
#: Daughters started life in 1998 as a small hosting company", "Acme was founded in".
_ORIGIN = re.compile(
    r"(?:^|(?<=\bthat\s)|(?<=[,;:]\s))(?P<name>[A-Z0-9][\w.'’-]*(?:\s+(?:&\s+|and\s+|of\s+)?"
    r"[A-Z0-9][\w.'’-]*){0,4})\s+(?:started\s+(?:life|out)|was\s+(?:founded|set\s+up|"
    r"established|started)|began\s+(?:life|as))\b")

#: "Posted by Dewi Anggraini, Chief Technology Officer, Nusantara Komputasi | April 2018".
_BYLINE_ORG = re.compile(
    r"(?i:posted|written|published)\s+(?i:by)\s+[^,|]{2,60},\s*[^,|]{2,60}?,\s*"
    r"(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z0-9][\w&.'’-]*){0,4})\s*(?:[|·—–]|$)")

Found = Callable[[int], list[tuple[int, str]]]
Subjects = Callable[[int], set[int]]


def publisher(sentences: Sequence[Sentence], lex: Lexicon) -> str | None:
    """The organisation that publishes the story, named near the top."""
    for sentence in sentences[:PUBLISHER_LINES]:
        byline = _BYLINE_ORG.match(sentence.text)
        if byline and classify_name(byline.group("name"), lex) == "name":
            return canonical(byline.group("name"), lex)  # "Posted by A. Writer, CTO, Acme |"
        for found in lex.publisher_re.finditer(blank_comma_suffixes(sentence.text)):
            words = found.group("name").split()
            while words and lex.is_stop_cap(words[0]):
                words.pop(0)
            name = " ".join(words)
            if name and classify_name(name, lex) == "name":
                return canonical(name, lex)
    return None


def most_prominent(sentences: Sequence[Sentence], lex: Lexicon, found: Found,
                   subjects: Subjects) -> str | None:
    """The organisation the story is mostly about, if one clearly is."""
    scores: dict[str, int] = {}
    abouts: set[str] = set()
    title = sentences[0].text if sentences and sentences[0].title else ""
    body_seen = 0
    for i, sentence in enumerate(sentences):
        if sentence.related:
            continue
        lede = not sentence.title and body_seen < LEDE_SENTENCES
        body_seen += not sentence.title
        heads = subjects(i)
        for at, name in dict.fromkeys(found(i)):
            bonus = TITLE_BONUS if sentence.title else LEDE_BONUS if lede and at in heads else 0
            scores[name] = scores.get(name, 0) + 1 + bonus
        about = _about(sentence.text, lex)
        if about:
            scores[about] = scores.get(about, 0) + ABOUT_BONUS
            abouts.add(about)
    if title:  # "Stackhaus CTO on joining ...": named in the headline, not as a subject
        in_title = {name for _, name in found(0)}
        for name in scores.keys() - in_title:
            if re.search(rf"(?<![\w&]){re.escape(name)}(?![\w&])", title):
                scores[name] += TITLE_BONUS
    in_body = {name for i, s in enumerate(sentences) if not s.title and not s.related
               for _, name in found(i)} | abouts
    scores = _fold_short_forms({name: n for name, n in scores.items() if name in in_body})
    if not scores:
        return None
    best = max(scores.values())
    top = [name for name, n in scores.items() if n == best]
    return top[0] if len(top) == 1 and best >= MIN_SCORE else None


def _fold_short_forms(scores: dict[str, int]) -> dict[str, int]:
    """"Quillon" counts for "Quillon Systems" when that is the one fuller form."""
    out = dict(scores)
    for name, n in scores.items():
        fuller = [other for other in scores if other.startswith(name + " ")]
        if len(fuller) == 1:
            out[fuller[0]] += n
            del out[name]
    return out


def _about(text: str, lex: Lexicon) -> str | None:
    """"About Penmore Systems": the press release's own company; "Penmore
    started life in 2009 as ...": a company blog's own."""
    found = _ABOUT.match(text) or _ORIGIN.search(text)
    if found is None:
        return None
    name = blank_comma_suffixes(found.group("name")).strip()
    if classify_name(name, lex) != "name" or lex.target_re.search(name):
        return None
    return canonical(name, lex)
