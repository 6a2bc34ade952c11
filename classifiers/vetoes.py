"""Suppressors: the windows of text around a match that each veto looks at.

    before      sentence start .. verb          ("Analysts expect X to join"), no appositive
    lead        clause start .. subject         ("When HP joined ...")
    gap         subject .. verb                 ("HP may join", "HP, which joined")
    clause      clause start .. verb            (lead + subject + gap, no appositive)
    match       the matched phrase itself
    after       verb phrase end .. clause end   ("... as CTO", "... if approved")
    tail        verb phrase start .. clause end ("joined ... in 2011")
    subject     the subject's own text
    appositive  a skipped ", the Austin maker of X," between subject and verb
    rest        verb phrase end .. sentence end ("..., which joined X, said")
    onward      verb phrase start .. sentence end ("moved from Platinum to Gold, ...")
    sentence    the whole sentence              (questions, denials)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from classifiers.ruleset import Veto

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLAUSE_END = re.compile(r"[,;:!?()—–]|\.(?:\s|$)|\s-\s")
_RELATIVE = re.compile(r"^\W*(?:which|who|that)\b", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_YEAR_END = re.compile(r"(?:at\s+)?(?:the\s+end\s+of|late)\s+last\s+year", re.I)
_EARLY_MONTHS = frozenset({"jan", "feb", "mar", "apr"})
_CLAUSE_START = re.compile(r"[,;:(—–\"“]|\s-\s")


@dataclass(frozen=True, slots=True)
class Windows:
    sentence: str
    before: str
    lead: str
    gap: str
    clause: str
    match: str
    after: str
    tail: str
    subject: str
    appositive: str = ""
    rest: str = ""
    start: int = 0              # where the match starts in the sentence
    relative: str = ""

    @property
    def onward(self) -> str:
        return self.sentence[self.start:]

    def get(self, scope: str) -> str:
        text: str = getattr(self, scope)
        return text


def windows(sentence: str, start: int, end: int, subject_start: int,
            subject_end: int, gap_from: int = -1, appositive: str = "") -> Windows:
    """Cut the sentence around a match (`start`..`end`) and its subject."""
    if subject_end > start or subject_start >= subject_end:  # subject after the verb
        subject_start = subject_end = _clause_start(sentence, start)
        gap = sentence[subject_start:start]
    else:
        gap = sentence[max(subject_end, gap_from):start]
    found = _CLAUSE_END.search(sentence, end)
    clause_end = found.start() if found else len(sentence)
    lead_start = _clause_start(sentence, subject_start)
    clause, before = sentence[lead_start:start], sentence[:start]
    if gap_from > subject_end:  # leave out the skipped ", whose software can run ...,"
        clause = f"{sentence[lead_start:subject_end]} {sentence[gap_from:start]}"
        before = f"{sentence[:subject_end]} {sentence[gap_from:start]}"
    return Windows(
        sentence=sentence,
        before=before,
        lead=sentence[lead_start:subject_start],
        gap=gap,
        clause=clause,
        match=sentence[start:end],
        after=sentence[end:clause_end],
        tail=sentence[start:clause_end],
        subject=sentence[subject_start:subject_end],
        appositive=appositive,
        rest=sentence[end:],
        start=start,
        relative=f"{gap}{sentence[start:clause_end]}" if _RELATIVE.match(gap) else "",
    )


def _clause_start(sentence: str, pos: int) -> int:
    last = 0
    for found in _CLAUSE_START.finditer(sentence, 0, pos):
        last = found.end()
    return last


def first_veto(vetoes: Sequence[Veto], action: str, cut: Windows,
               year: str | None = None, month: str | None = None) -> Veto | None:
    """The first suppressor that fires for this action, if any. A veto with
    `unless_this_year` stands down when the date it found is the story's own
    (`year` and `month`, from its dateline): "joined in May 2024" in a story
    dated 2024, or "joined in May" in one dated May, is the news."""
    for veto in vetoes:
        if action not in veto.actions:
            continue
        found = veto.regex.search(cut.get(veto.scope))
        if found is None or (veto.unless and veto.unless.search(cut.get(veto.unless_scope))):
            continue
        if veto.unless_this_year and _dated_as_story(found.group(), year, month):
            continue
        return veto
    return None


def _dated_as_story(text: str, year: str | None, month: str | None) -> bool:
    """Every year in `text` is the story's year; or it names no year and every
    month in it is the story's month; or it is the end of last year and the
    story is from the first months of this one."""
    if _YEAR_END.fullmatch(text):  # "at the end of last year", told early in the next
        return month in _EARLY_MONTHS
    years = set(_YEAR.findall(text))
    if years:
        return year is not None and years == {year}
    months = {m[:3].casefold() for m in _MONTH.findall(text)}
    return month is not None and months == {month}
