"""History is not news: events the story dates well before its own date, and
events told by a story that looks back.

A story's own date is its dateline or byline (`Document.year`/`month`), else
the latest year it speaks of in the present tense ("is still deployed in
2020"), else unknown. An event is background when the date attached to it
(in its own clause, in time phrases leading up to it, or the year that leads
its timeline line: "2011 — Cisco and HP come on board") is at least a full
year before the story's date.

A story framed as a retrospective (an anniversary, "this week in history",
"looking back", "OpenStack at 10", "Five years on, ...") tells history, and so
does a digest's section or paragraph that files itself under the past ("From
the archive", "Ten years ago this month, ..."): there
any dated event, any timeline line and any past-tense or historical-present
event ("Oracle becomes a Corporate Sponsor.") is background, unless the
sentence says it is news ("this week", "today", "newest", "has joined", "is
now"); a headline's present tense stays news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from classifiers.sentences import Sentence
from classifiers.vetoes import Windows

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: The latest month a season can mean (an event's date is read as late as it may be).
_SEASON_MONTH = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 12}
_YEAR = r"(?:19|20)\d\d"
#: A date: "in 2012", "in April 2012", "on July 16, 2015", "16 July 2015",
#: "in the summer of 2010", "back in early 2011"; a bare year only after a
#: preposition ("the 2013 hype", "its 2019 exit" date nothing).
_DATE = re.compile(
    rf"\b(?:(?P<prep>in|on|during|by|around|since|until|till|through|before|after|from)\s+)?"
    r"(?:the\s+)?(?:(?:early|late|mid-?)\s*)?"
    rf"(?:(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
    rf"|(?P<month>{_MONTH})\s*,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s+)?"
    rf"|\d{{1,2}}\s+(?P<month2>{_MONTH})\s+)?"
    rf"(?P<year>{_YEAR})\b(?!\s*[-–/]\s*\d|\s*%)", re.I)
#: Prepositions that give a duration or a bound, not the event's own date.
_NOT_THE_EVENTS = frozenset({"since", "until", "till", "through", "before", "after", "from"})
#: A line that a year leads: "2011 — Cisco and HP come on board", "2015: ...".
_TIMELINE = re.compile(rf"(?:^|(?<=\s))(?P<year>{_YEAR})\s*(?:—|–|-{{1,2}}|:)\s+(?=\S)")
#: A line's lead may also be a month and year: "July 2011. HP joins", "Dec 2013 — ...".
_TIMELINE_LEAD = re.compile(
    rf"(?:{_MONTH}\s+)?(?P<year>{_YEAR})\s*(?:—|–|-{{1,2}}|:|\.)(?:\s+(?=\S)|$)", re.I)
_DATE_BEFORE_YEAR = re.compile(
    rf"\b(?:{_MONTH}\s*(?:\d{{1,2}}(?:st|nd|rd|th)?)?|\d{{1,2}}\s+{_MONTH})\s*,?\s*$", re.I)
_CHUNK_END = re.compile(r"[,;:()\[\]—–]|\s-{1,2}\s|\.(?:\s|$)")
#: What may stand between a leading date and the event ("Less than a year
#: later, in April 2012, Citrix left").
_TIME_ONLY = re.compile(
    r"^\W*(?:(?:and|but|then|so|yet)\s+)?(?:(?:less|more|just|only|barely|not)\s+(?:than\s+)?)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|some|\d+)"
    r"\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier|after(?:wards)?|on)"
    r"|later|then|soon\s+after(?:wards)?|back|way\s+back|already|even|eventually|finally"
    r"|originally|at\s+the\s+time)?\W*$", re.I)
#: Present-tense talk of a year: the story's present ("is still deployed in 2020").
_PRESENT_YEAR = re.compile(
    rf"\b(?:is|are|remains?|still|now|currently|this\s+year)\b[^,;:.]{{0,60}}?\bin\s+({_YEAR})\b",
    re.I)
#: What frames a whole story as looking back: in its headline or opening lines.
_RETRO_OPENING = re.compile(
    r"\b(?:anniversar(?:y|ies)|birthday|retrospective|look(?:s|ing)?\s+back"
    r"|(?:this|that)\s+(?:day|week|month)\s+in\s+(?:[\w-]+\s+){0,4}?history"
    r"|turn(?:s|ed|ing)\s+(?:\d{1,3}|five|ten|fifteen|twenty|twenty-five|thirty)(?!\s*(?:%|percent))\b"
    r"|(?:\d{1,3}|five|ten|fifteen|twenty)\s+years?\s+(?:ago|on|later)\s+(?:this|that)\s+"
    r"(?:day|week|month|spring|summer|autumn|fall|winter)\b)", re.I)
#: Only in the headline: "OpenStack at 10:", "Five years on, ...", "A decade after ...",
#: "A history of ...".
_RETRO_HEADLINE = re.compile(
    r"(?-i:[A-Z])[\w-]*\s+at\s+(?:\d{1,2}|five|ten|fifteen|twenty)(?=\s*(?:[;,!—–]|:(?!\d)|-\s|$))"
    r"|\b(?:(?:\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+"
    r"(?:years?|decades?)|a\s+decade)\s+(?:on|ago|later|after|since)\b"
    r"|\bhistory\s+of\b|\btimeline\b", re.I)
OPENING_SENTENCES = 4
#: A headline about the year that is ending: "The year in OpenInfra", "2022 in review".
_THIS_YEAR = re.compile(r"\b(?:the|this)\s+year\s+in\b|\byear[- ]in[- ]review\b", re.I)
#: A section heading that files what follows under the past: "From the archive",
#: "Flashback", "Ten years ago".
_RETRO_SECTION = re.compile(
    r"\b(?:from\s+the\s+archives?|archives?|flashback|throwback|history\s+corner"
    r"|(?:\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\s+"
    r"(?:years?|decades?)\s+ago)\b", re.I)
#: How many sentences of a section, after its heading, may frame it as history.
SECTION_OPENING = 2
#: Said of now, even of a story that looks back ("this week X joined as the newest member").
_NOW = re.compile(
    r"(?<!ago\s)\b(?:today|tonight|yesterday|this\s+(?:week|month|morning|afternoon)"
    r"|(?:earlier|later)\s+this\s+(?:week|month)|last\s+week)\b", re.I)
#: The event's own verb in the present or present perfect: news, whatever
#: else the sentence dates (in a story that looks back, only `_PERFECT`).
_PRESENT = re.compile(
    r"\b(?:has|have|is|are)\b|\b(?:joins|leaves|quits|exits|rejoins|signs|becomes|drops"
    r"|departs|returns|upgrades|welcomes|adds)\b", re.I)
#: Between an event and a date: another verb the date may belong to.
#: In a story that looks back, the simple present is the historical present
#: ("Oracle becomes a Corporate Sponsor."); the present perfect and "is" still
#: speak of now.
_PERFECT = re.compile(r"\b(?:has|have|is|are)\b", re.I)
_ANOTHER_VERB = re.compile(
    r"\b(?:which|that|who|whom|whose|where|it|they|he|she|we|(?:co-?)?founded|established"
    r"|created|formed|launched|started|built|bought|acquired|released|shipped)\b", re.I)
_NEWS = re.compile(
    r"\b(?:just|newly|newest|latest|most\s+recent|recently|on\s+(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day)\b", re.I)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date in a sentence: where it is, its year, its month (1-12) if given."""

    start: int
    end: int
    year: int
    month: int | None
    prep: str


def dates(text: str) -> list[Dated]:
    """Every date the sentence gives, in order."""
    out = []
    for found in _DATE.finditer(text):
        month_name = found.group("month") or found.group("month2")
        season = found.group("season")
        month = (_MONTHS.index(month_name[:3].casefold()) + 1 if month_name
                 else _SEASON_MONTH[season.casefold()] if season else None)
        prep = (found.group("prep") or "").casefold()
        attributive = month is None and found.group().casefold().startswith(f"{prep} the ")
        if (prep or month is not None) and not attributive:  # not "after the 2013 vote"
            out.append(Dated(found.start(), found.end(), int(found.group("year")), month, prep))
    return out


def months_before(event: tuple[int, int | None], story: tuple[int, int | None]) -> int:
    """How many months the event at least lies before the story (a missing
    month is read as late as it may be for the event, as early for the story)."""
    return (story[0] - event[0]) * 12 + (story[1] or 1) - (event[1] or 12)


class History:
    """One story's date and framing, and which of its events it tells as history."""

    def __init__(self, sentences: Sequence[Sentence], year: str | None,
                 month: str | None, headings: Sequence[int] = ()) -> None:
        self._sentences = sentences
        self._headings = headings
        self.story = _story_date(sentences, year, month)
        self.own_year = _reviews_own_year(sentences, self.story)
        self.retrospective = _looks_back(sentences) and not self.own_year
        self._sections: dict[int, bool] = {}

    def looks_back_at(self, index: int) -> bool:
        """The story, or the section sentence `index` sits in, looks back: a
        digest's "From the archive" or "Ten years ago this month, ..." part."""
        if self.own_year:
            return False  # the year in review: this year's events are news
        if self.retrospective or self._paragraph_looks_back(index):
            return True
        heading = self._headings[index] if index < len(self._headings) else -1
        if heading < 0:
            return False
        if heading not in self._sections:
            self._sections[heading] = self._section_looks_back(heading)
        return self._sections[heading]

    def _section_looks_back(self, heading: int) -> bool:
        """The heading, or the first sentences under it, file the section under the past."""
        text = self._sentences[heading].text
        if _RETRO_SECTION.search(text) or _RETRO_OPENING.search(text):  # "Looking back"
            return True
        under = [s for i, s in enumerate(self._sentences[heading + 1:], heading + 1)
                 if i < len(self._headings) and self._headings[i] == heading]
        return any(_RETRO_OPENING.search(s.text) for s in under[:SECTION_OPENING])

    def background(self, index: int, cut: Windows) -> str:
        """Why the event cut out of sentence `index` is history, or ""."""
        sentence, start = cut.sentence, cut.start
        if _NOW.search(sentence):
            return ""
        when = self._timeline_year(index, sentence, start)
        retrospective = self.looks_back_at(index)
        present = _PERFECT if retrospective and not self._sentences[index].title \
            else _PRESENT  # a headline's present is news even in a look back
        if when is None and present.search(f"{cut.gap} {cut.match}"):
            return ""  # "has withdrawn from the project it co-founded in 2010"
        attached = _attached_dates(sentence, start, start + len(cut.match))
        if when is not None:
            attached.append(Dated(0, 0, when, None, "in"))
        old = [d for d in attached if self.story is not None and
               months_before((d.year, d.month), self.story) >= 12]
        if old:
            return f"dated {old[0].year}, at least a year before the story"
        if not retrospective:
            return ""
        if when is not None:
            return f"a {when} timeline entry in a story that looks back"
        if any(self.story is None or d.year < self.story[0] for d in attached):
            return "a dated past event in a story that looks back"
        if _NEWS.search(_chunk(sentence, start)):
            return ""
        return "a past event in a story that looks back"

    def _paragraph_looks_back(self, index: int) -> bool:
        """An earlier sentence of the same paragraph files it under the past
        ("Ten years ago this month, ... . A reader sent us an old headline")."""
        line = self._sentences[index].line
        k = index - 1
        while k >= 0 and self._sentences[k].line == line and not self._sentences[k].title:
            if _RETRO_SECTION.search(self._sentences[k].text):
                return True
            k -= 1
        return False

    def _timeline_year(self, index: int, text: str, start: int) -> int | None:
        """The year that leads this timeline line, if the line (or a line
        merged into this sentence) starts with one."""
        found = None
        first = self._line_start(index)
        if first is not None:
            lead = _timeline_at_start(first.text)
            if lead is not None:
                found = lead
        if _timeline_at_start(text) is not None or found is not None:
            marks = [m for m in _TIMELINE.finditer(text, 0, start) if not _inside_date(text, m)]
            if marks:
                found = int(marks[-1].group("year"))
        return found

    def _line_start(self, index: int) -> Sentence | None:
        sentence = self._sentences[index]
        if sentence.title:
            return None
        first = index
        while first > 0 and self._sentences[first - 1].line == sentence.line \
                and not self._sentences[first - 1].title:
            first -= 1
        return self._sentences[first]


def _timeline_at_start(text: str) -> int | None:
    found = _TIMELINE_LEAD.match(text.lstrip())
    return int(found.group("year")) if found else None


def _inside_date(text: str, mark: re.Match[str]) -> bool:
    """A wire dateline's "April 12, 2011 --" is a date, not a timeline entry."""
    return _DATE_BEFORE_YEAR.search(text, 0, mark.start("year")) is not None


def _chunks(text: str) -> list[tuple[int, int]]:
    """The sentence cut at commas, dashes and the like, never inside a date."""
    spans = [(d.start, d.end) for d in dates(text)]
    cuts = [m for m in _CHUNK_END.finditer(text)
            if not any(s <= m.start() < e for s, e in spans)]
    out, begin = [], 0
    for cut in cuts:
        out.append((begin, cut.start()))
        begin = cut.end()
    out.append((begin, len(text)))
    return out


def _chunk(text: str, start: int) -> str:
    return next((text[b:e] for b, e in _chunks(text) if b <= start <= e), text)


def _attached_dates(text: str, start: int, end: int) -> list[Dated]:
    """Dates of the event's own clause (`start`..`end` is its verb phrase) and
    of the time phrases that lead up to it or close it ("in April 2012, Citrix
    left", "joined ..., in 2015."); not a date a relative clause or participle
    in between claims ("left the project it co-founded in 2010")."""
    chunks = _chunks(text)
    here = next((i for i, (b, e) in enumerate(chunks) if b <= start <= e), len(chunks) - 1)
    spans = [chunks[here]]
    for b, e in reversed(chunks[:here]):
        if not _time_only(text, b, e):
            break
        spans.append((b, e))
    if here + 1 < len(chunks) and _time_only(text, *chunks[here + 1]):
        spans.append(chunks[here + 1])
    return [d for d in dates(text) if d.prep not in _NOT_THE_EVENTS
            and any(b <= d.start and d.end <= e for b, e in spans)
            and not _ANOTHER_VERB.search(text, min(end, d.end), max(start, d.start))]


def _time_only(text: str, begin: int, end: int) -> bool:
    """The chunk says only when: dates and time phrases."""
    piece = text[begin:end]
    for d in reversed(dates(piece)):
        piece = piece[:d.start] + " " + piece[d.end:]
    return _TIME_ONLY.match(piece) is not None


def _story_date(sentences: Sequence[Sentence], year: str | None,
                month: str | None) -> tuple[int, int | None] | None:
    """The dateline's (year, month), else the latest year told in the present."""
    if year is not None:
        return int(year), (_MONTHS.index(month) + 1 if month in _MONTHS else None)
    present = [int(y) for s in sentences if not s.related
               for y in _PRESENT_YEAR.findall(s.text)]
    return (max(present), None) if present else None


def _reviews_own_year(sentences: Sequence[Sentence],
                      story: tuple[int, int | None] | None) -> bool:
    """"OpenInfra in 2022: the year in review", dated December 2022: a look
    back at this year is this year's news, not history."""
    if story is None or not sentences or not sentences[0].title:
        return False
    years = {int(y) for y in re.findall(_YEAR, sentences[0].text)}
    return years == {story[0]} or bool(_THIS_YEAR.search(sentences[0].text))


def _looks_back(sentences: Sequence[Sentence]) -> bool:
    """The headline or opening lines frame the story as history."""
    for sentence in sentences[:OPENING_SENTENCES + 1]:
        if _RETRO_OPENING.search(sentence.text):
            return True
        if sentence.title and _RETRO_HEADLINE.search(sentence.text):
            return True
    return False
