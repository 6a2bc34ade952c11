"""One article prepared for matching: title first, then body sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from classifiers.lexicon import Lexicon
from classifiers.sentences import Sentence, split_sentences
from classifiers.text import clean_lines, demarkdown, repair, split_front_matter, unwrap

#: A first line this short, not ending like a sentence, is the headline.
HEADLINE_MAX_CHARS = 160
_NOT_HEADLINE_END = (".", ":", ",", ";")

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
    """Repair, strip markup, split. A missing `title` is taken from the front
    matter, else from a first line that reads like a headline."""
    body, fm_title = split_front_matter(repair(text))
    title = repair(title).strip() if title else fm_title
    lines = clean_lines(demarkdown(unwrap(body)), header_re)
    if not title and len(lines) > 1 and _is_headline(lines[0].text) and not lines[0].related:
        title, lines = lines[0].text, lines[1:]
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


def _is_headline(line: str) -> bool:
    return (len(line) <= HEADLINE_MAX_CHARS and not line.endswith(_NOT_HEADLINE_END)
            and len(line.split()) >= 3 and not line.startswith(("-", "*", "•")))
