"""Looking up "it", "they" and "the Redmond giant": the nearest organisation the
story named before, with a descriptor table ("Redmond" -> Microsoft) used only
when that company is named somewhere in the story."""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifiers.lexicon import Lexicon
from classifiers.sentences import Sentence
from classifiers.subjects import TOKEN, blank_comma_suffixes, canonical, classify_name, is_cap


class Mentions:
    """Organisation mentions of one document, in reading order."""

    def __init__(self, sentences: Sequence[Sentence], lex: Lexicon) -> None:
        self._sentences = sentences
        self._lex = lex
        self._cache: dict[int, list[tuple[int, str]]] = {}
        self._extra: dict[int, list[tuple[int, str]]] = {}

    def add(self, index: int, pos: int, name: str) -> None:
        """Remember an organisation found by a rule (unknown names included)."""
        self._extra.setdefault(index, []).append((pos, name))

    def in_sentence(self, index: int) -> list[tuple[int, str]]:
        if index not in self._cache:
            text = self._sentences[index].text
            found = [(m.start(), canonical(m.group(), self._lex))
                     for m in self._lex.company_re.finditer(text)]
            found += _subject_names(text, self._lex)
            self._cache[index] = found
        return sorted(self._cache[index] + self._extra.get(index, []))

    def nearest_before(self, index: int, pos: int, among: set[str] | None = None) -> str | None:
        """The last organisation (of `among`, if given) named before `pos` in
        sentence `index`, or in an earlier sentence."""
        for i in range(index, -1, -1):
            names = [name for at, name in self.in_sentence(i)
                     if (i < index or at < pos) and (among is None or name in among)]
            if names:
                return names[-1]
        return None

    def named(self, name: str) -> bool:
        return any(name == n for i in range(len(self._sentences)) for _, n in self.in_sentence(i))

    def resolve(self, how: str, text: str, index: int, pos: int) -> str | None:
        """The organisation a pronoun or descriptive phrase most likely means."""
        if how == "descriptor":
            described = {company for word in re.findall(r"[\w&.-]+", text)
                         for company in self._lex.descriptors.get(word.casefold(), ())}
            named = [c for c in described if self.named(c)]
            if len(named) == 1:
                return named[0]
            if named:
                return (self.nearest_before(index, pos, among=set(named))
                        or self.nearest_before(index, pos))
        return self.nearest_before(index, pos)


def _in_subject_position(tokens: list[re.Match[str]], i: int, j: int, lex: Lexicon) -> bool:
    """Clause-initial and followed by a verb-ish word or an appositive."""
    if i > 0 and tokens[i - 1].group() not in (",", ";", ":"):
        return False
    if j >= len(tokens):
        return False
    after = tokens[j].group()
    if after == ",":
        return j + 1 < len(tokens) and tokens[j + 1].group().casefold() in ("a", "an", "the")
    return lex.has("gap_words", after)


def _subject_names(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Organisations named in subject position ("Second, Cobaltline Networks
    has", "Granitefall, a Denver provider") or with a name that says so
    ("Granitefall Software")."""
    text = blank_comma_suffixes(text)
    tokens = list(TOKEN.finditer(text))
    found = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and is_cap(tokens[j].group()) and tokens[j].group() not in ",;:":
            j += 1
        if j > i:
            run = tokens[i:j]
            while run and (lex.has("stop_caps", run[0].group()) or
                           lex.has("gap_caps", run[0].group())):
                run.pop(0)
            if run and (_in_subject_position(tokens, i, j, lex) or
                        (len(run) > 1 and lex.has("org_heads", run[-1].group()))):
                name = text[run[0].start():run[-1].end()]
                if classify_name(name, lex, sentence_initial=run[0].start() == 0) == "name":
                    found.append((run[0].start(), canonical(name, lex)))
        i = max(j, i + 1)
    return found
