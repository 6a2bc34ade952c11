"""One article prepared for matching: title first, then body sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from classifiers.lexicon import Lexicon
from classifiers.sentences import Sentence, split_sentences
from classifiers.text import clean_lines, demarkdown, repair, split_front_matter

#: How many sentences back a target mention still counts for "context" rules.
CONTEXT_WINDOW = 3


@dataclass(frozen=True)
class Document:
    sentences: tuple[Sentence, ...]
    has_target: tuple[bool, ...]
    body: str
    lex: Lexicon = field(repr=False, compare=False)

    @cached_property
    def dominant(self) -> bool:
        """The watched target is named more often than other foundations."""
        ours = sum(1 for s in self.sentences for _ in self.lex.target_re.finditer(s.text))
        others = sum(1 for _ in self.lex.other_re.finditer(self.body))
        return ours > max(1, others)

    @property
    def title_has_target(self) -> bool:
        return bool(self.sentences) and self.sentences[0].title and self.has_target[0]

    def target_near(self, index: int) -> bool:
        """A target is named in this sentence, a few before it, or the title, or
        the story is mostly about the target anyway."""
        low = max(0, index - CONTEXT_WINDOW)
        return any(self.has_target[low:index + 1]) or self.title_has_target or self.dominant


def prepare(text: str, title: str | None, lex: Lexicon,
            header_re: re.Pattern[str]) -> Document:
    """Repair, strip markup, split; the front matter's title stands in for a
    missing `title`."""
    body, fm_title = split_front_matter(repair(text))
    title = repair(title).strip() if title else fm_title
    lines = clean_lines(demarkdown(body), header_re)
    starters = lex.words.get("stop_caps", frozenset())
    abbreviations = lex.words.get("abbreviations", frozenset())
    first = 1 if title else 0
    sentences = split_sentences(lines, abbreviations, starters, first_index=first)
    if title:
        title_text = " ".join(demarkdown(title).split())
        sentences.insert(0, Sentence(title_text, 0, -1, related=False, title=True))
    has_target = tuple(lex.target_re.search(s.text) is not None for s in sentences)
    body = "\n".join(line.text for line in lines)
    return Document(tuple(sentences), has_target, body, lex)
