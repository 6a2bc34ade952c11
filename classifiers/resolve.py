"""Looking up "it", "they" and "the Redmond giant": the nearest organisation the
story named before, with a descriptor table ("Redmond" -> Microsoft) used only
when that company is named somewhere in the story."""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifiers.lexicon import Lexicon
from classifiers.sentences import Sentence
from classifiers.subjects import TOKEN, canonical, classify_name, is_cap


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
            lead = _leading_name(text, self._lex)
            if lead is not None:
                found.append(lead)
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


def _leading_name(text: str, lex: Lexicon) -> tuple[int, str] | None:
    """A sentence-initial unknown organisation ("Acme Cloud said on Tuesday ...")."""
    tokens = list(TOKEN.finditer(text, 0, min(len(text), 80)))
    run = []
    for tok in tokens:
        if not is_cap(tok.group()) or tok.group() in ",;:":
            break
        run.append(tok)
    while run and (lex.has("stop_caps", run[0].group()) or lex.has("gap_caps", run[0].group())):
        run.pop(0)
    if not run or len(run) == len(tokens):
        return None
    follower = tokens[tokens.index(run[-1]) + 1].group()
    if not lex.has("gap_words", follower):
        return None
    name = text[run[0].start():run[-1].end()]
    if classify_name(name, lex, sentence_initial=run[0].start() == 0) != "name":
        return None
    return run[0].start(), canonical(name, lex)
