"""One article prepared for matching: title first, then body sentences."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from classifiers.history import History
from classifiers.lexicon import Lexicon
from classifiers.names import canonical, classify_name
from classifiers.sentences import Sentence, split_sentences
from classifiers.story_names import story_lexicon
from classifiers.text import Line, clean_lines, demarkdown, repair, split_front_matter, unwrap

#: A first line this short, not ending like a sentence, is the headline.
HEADLINE_MAX_CHARS = 160
_NOT_HEADLINE_END = (".", ":", ",", ";")

#: How many sentences back a target mention still counts for "context" rules.
CONTEXT_WINDOW = 4
#: A line this short without a sentence end (or any line ending in ":") heads a section.
HEADING_MAX_CHARS = 100
#: Unbulleted lines this short right after a "...:" heading are its list's items.
LIST_ITEM_MAX_CHARS = 80
#: A bulleted item may be a whole described sentence ("* Kumo Systems, a Tokyo-based ...").
BULLET_ITEM_MAX_CHARS = 320
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_BULLET = re.compile(r"^(?:[-*•·]|\d{1,2}[.)])\s")
DATELINE_SENTENCES = 4
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
                   rf"|\b\d{{1,2}}\s+{_MONTH}\s+((?:19|20)\d\d)\b"
                   r"|\b((?:19|20)\d\d)-\d\d-\d\d\b", re.I)
#: A byline or publication line dated only by month: "By A. Writer | April 2016",
#: "Published: March 2019".
_BYLINE_MONTH = re.compile(
    r"^(?:by\s+(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,3}\s*[|,·—–-]\s*"
    r"|(?:published|posted|updated|dated?|recorded|filed|issued|written)\b\W*(?:(?:in|on)\s+)?|.*\|\s*)"
    rf"({_MONTH})\s+((?:19|20)\d\d)\b", re.I)


#: Words that give a new thing its name, right before the target: "is called X".
_INTRODUCED = re.compile(
    r"\b(?:(?:is|was|will\s+be|be)\s+(?:called|named|dubbed|christened|known\s+as)"
    r"|,\s+(?:called|dubbed|christened|named)|\bdubbed)\s+(?:simply\s+)?$", re.I)


def _project_name(group: str) -> str:
    return rf"(?P<{group}>[A-Z][\w&.'’-]*(?:[ ]+[A-Z][\w&.'’-]*){{0,3}})"


_FILLER = (r"(?:(?!(?:of|for|by|from|with|that|which|member|members|company|firm|vendor)\b)"
           r"[a-z][\w-]*\s+)")
_PROJECT_KIND = r"(?:(?:pilot|incubat\w+|top-level|sub-?)\s*)?project\b"
#: How a story says a name is a software project: "Tundra, an open source
#: project for ...", "the Tundra project", "project Tundra", "accept Tundra ...
#: as a pilot project", "Tundra is a top-level project".
_PROJECT_CUES = re.compile(
    rf"{_project_name('p1')},\s+(?:an?|the|its)\s+{_FILLER}{{0,4}}?{_PROJECT_KIND}"
    rf"|\bthe\s+{_project_name('p2')}\s+(?:open[- ]source\s+)?project\b"
    rf"|\bproject[ ]+{_project_name('p3')}(?=[ ]*[,.;:)]|[ ]+(?:is|was|joins|joined)\b)"
    rf"|{_project_name('p4')}\s+(?:is|was|as|becomes|became|remains)\s+(?:now\s+|officially\s+)?(?:an?|the|its)\s+{_FILLER}{{0,3}}?"
    rf"(?:pilot|incubat\w+|top-level|open[- ]source)\s+project\b"
    rf"|\b(?:accept\w*|admit\w*|welcom\w*|add\w*|confirm\w*)\s+{_project_name('p5')}[^.;]{{0,100}}?"
    rf"\bas\s+(?:an?|its|the)\s+{_FILLER}{{0,2}}?{_PROJECT_KIND}")
_MONTH_START = re.compile(_MONTH, re.I)
_NUMERIC_MONTHS = {f"{n:02d}": m for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
MAIL_HEADERS_MAX = 12
_MAIL_HEADER = re.compile(r"^(From|To|Cc|Bcc|Date|Sent|Subject|Reply-To|Message-ID|In-Reply-To|"
                          r"References|Organi[sz]ation|List-Id|X-[\w-]+)\s*:\s*(.*)$", re.I)
_ADDRESS_HEADERS = frozenset({"from", "to", "cc", "list-id", "reply-to"})
_REPLY_PREFIX = re.compile(r"^((?:\s*\[[^\]]{1,60}\])*)(?:\s*(?:re|fwd?|aw|sv|wg)\s*:)+", re.I)
#: A label over a release's headline: "PRESS RELEASE (translated from German)".
_RELEASE_LABEL = re.compile(r"^(?:for\s+immediate\s+release|(?:press|news|media)\s+release|"
                            r"pressemitteilung|communiqu[ée]\s+de\s+presse|nota\s+de\s+prensa)"
                            r"\b[^\n.]{0,40}$", re.I)
_LABEL = re.compile(r"^[\w-]+(?:\s+[\w-]+)?:\s+\S")


@dataclass(frozen=True)
class Document:
    """Sentences (the headline first), where targets are named, and for each
    sentence the index of the heading line it sits under (-1 if none)."""

    sentences: tuple[Sentence, ...]
    has_target: tuple[bool, ...]
    body: str
    lex: Lexicon = field(repr=False, compare=False)
    headings: tuple[int, ...] = ()
    items: Mapping[int, int] = field(default_factory=dict)  # list item -> its opener
    year: str | None = None
    month: str | None = None  # "jan".."dec", with `year`
    #: A mail sent to or from a watched community's list: "the foundation" is ours.
    venue_is_target: bool = False

    @cached_property
    def dominant(self) -> bool:
        """The watched target is named more often than other foundations."""
        ours = sum(1 for s in self.sentences for _ in self.lex.target_re.finditer(s.text))
        others = sum(1 for _ in self.lex.other_re.finditer(self.body))
        return ours > max(1, others) or (
            self._introduces(self.lex.target_re) and not self._introduces(self.lex.other_re))

    def _introduces(self, names: re.Pattern[str]) -> bool:
        """A launch story may name its project once, as what the new thing is
        called ("The combined effort is called OpenStack"): that is its topic."""
        return any(_INTRODUCED.search(s.text[max(0, m.start() - 24):m.start()])
                   for s in self.sentences for m in names.finditer(s.text))

    @cached_property
    def history(self) -> History:
        """The story's own date and framing: which events it tells as history."""
        return History(self.sentences, self.year, self.month, self.headings)

    @cached_property
    def projects(self) -> frozenset[str]:
        """Names this story calls software projects: none of them is an
        organisation anywhere in it ("Tundra joins the foundation")."""
        text = "\n".join(s.text for s in self.sentences)
        if "project" not in text:
            return frozenset()
        return frozenset(canonical(name, self.lex) for found in _PROJECT_CUES.finditer(text)
                         for name in found.groupdict().values()
                         if name and classify_name(name, self.lex) == "name"
                         and not self.lex.known(name))  # "the NASA project": NASA's

    @property
    def title_has_target(self) -> bool:
        return bool(self.sentences) and self.sentences[0].title and self.has_target[0]

    def target_near(self, index: int) -> bool:
        """A target is named in this sentence, a few before it, or the title, or
        the story is mostly about the target anyway."""
        low = max(0, index - CONTEXT_WINDOW)
        heading = self.heading(index)
        return any(self.has_target[low:index + 1]) or self.title_has_target or \
            (heading >= 0 and self.has_target[heading]) or self.dominant or \
            self.venue_is_target

    def heading(self, index: int) -> int:
        """The sentence index of the heading line over `index`, or -1."""
        return self.headings[index] if index < len(self.headings) else -1

    def context(self, index: int) -> tuple[Sentence, ...]:
        """The sentences that set the scene for `index`: headline, heading, the
        few sentences before it."""
        picks = {self.heading(index), *range(max(0, index - CONTEXT_WINDOW), index)}
        if self.sentences and self.sentences[0].title:
            picks.add(0)
        return tuple(self.sentences[i] for i in sorted(picks) if 0 <= i < len(self.sentences))

    def named_in_prose(self, name: str) -> bool:
        """The story names `name` on a line that is not all capitals: in a
        shouted section heading ("QUIET EXITS") case tells no name from a
        word, so a name there counts only if the prose confirms it."""
        if self.lex.known(name) or not any(ch.islower() for ch in self.body):
            return True  # a story all in capitals has no prose to ask
        words = name.split()
        if not words:
            return False
        pattern = re.compile(r"(?<![\w&])" + r"\s+".join(map(re.escape, words)) + r"(?![\w&])",
                             re.I)
        for found in pattern.finditer(self.body):
            if not found.group()[0].isupper():  # "to" in prose names no "TO"
                continue
            begin = self.body.rfind("\n", 0, found.start()) + 1
            end = self.body.find("\n", found.end())
            if any(ch.islower() for ch in self.body[begin:end if end >= 0 else None]):
                return True
        return False

    def _last_named_foundation_is_other(self, index: int, ref: int) -> bool:
        """The last foundation named by name before "the foundation" (in this
        sentence or the two before it) is not a watched one: "The Open Edge
        Foundation launched ... The new foundation opened with ...", "The CNCF
        has been on a run. A and B have joined the foundation" (a bare
        "OpenStack", the software, names no foundation; "Kubernetes", a
        project, neither)."""
        last: tuple[int, int, str] | None = None
        for i in range(max(0, index - 2), index + 1):
            text = self.sentences[i].text[:ref] if i == index else self.sentences[i].text
            named = [(m.start(), m.group()) for m in _NAMED_FOUNDATION.finditer(text)
                     if _has_own_name(m.group())]
            named += [(m.start(), m.group()) for m in self.lex.other_re.finditer(text)
                      if _FOUNDATION_NAME.search(m.group())]
            for at, name in named:
                if last is None or (i, at) > last[:2]:
                    last = (i, at, name)
        return last is not None and self.lex.target_re.search(last[2]) is None

    def other_in_context(self, index: int) -> bool:
        """The heading over `index` (else the headline) names another
        foundation and no watched one ("CNCF member directory"), or "the
        foundation" here means another one named just before."""
        ref = _THE_FOUNDATION.search(self.sentences[index].text)
        if ref and self._last_named_foundation_is_other(index, ref.start()):
            return True
        heading = self.heading(index)
        if heading < 0 and self.sentences and self.sentences[0].title:
            heading = 0
        if heading < 0:
            return False
        text = self.sentences[heading].text
        return not self.has_target[heading] and self.lex.other_re.search(text) is not None


_THE_FOUNDATION = re.compile(
    r"\bthe\s+(?:new\s+|newly[- ]formed\s+|young\s+)?(?:foundation|consortium)\b", re.I)
#: A foundation by its capitalised name, known or not: "the Open Edge Foundation".
_NAMED_FOUNDATION = re.compile(r"(?:[A-Z][\w&.'’-]*\s+){1,5}(?:Foundation|Consortium)\b")
#: Another foundation by name ("the CNCF", "Linux Foundation"), not a project ("Kubernetes").
_FOUNDATION_NAME = re.compile(r"(?i:foundation|consortium)|^[A-Z]{2,5}$")


_NOT_OWN_NAME = frozenset({"The", "This", "That", "Our", "Its", "Their", "A", "An", "New", "Any"})


def _has_own_name(found: str) -> bool:
    """"The Open Edge Foundation" has a name of its own; "The Foundation" does not."""
    return any(word not in _NOT_OWN_NAME for word in found.split()[:-1])


def prepare(text: str, title: str | None, lex: Lexicon,
            header_re: re.Pattern[str]) -> Document:
    """Repair, strip markup, split. A missing `title` is taken from the front
    matter, else from a mail's Subject header, else from a first line that
    reads like a headline."""
    body, fm_title = split_front_matter(repair(text))
    title = repair(title).strip() if title else fm_title
    lines = clean_lines(demarkdown(unwrap(body)), header_re)
    subject, venue, lines = _mail_headers(lines, lex)
    title = title or subject
    if not title and len(lines) > 2 and _RELEASE_LABEL.match(lines[0].text) and \
            _is_headline(lines[1].text) and not lines[1].related:  # "PRESS RELEASE" over it
        title, lines = lines[1].text, [lines[0], *lines[2:]]
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
    lex = story_lexicon(sentences, body, lex)
    headings, items = _headings(sentences, lines)
    year, month = _dateline(sentences)
    return Document(tuple(sentences), has_target, body, lex, headings, items, year, month,
                    venue)


def _mail_headers(lines: list[Line], lex: Lexicon) -> tuple[str | None, bool, list[Line]]:
    """A mailing-list post's Subject (without "Re:"; its "[list]" tag stays: it
    says what the thread is about), whether its address headers name a watched
    target (a post to foundation@lists.openstack.org: its "the foundation" is
    ours), and its lines without the address headers (the Date line stays: it
    dates the story)."""
    count = 0
    while count < min(len(lines), MAIL_HEADERS_MAX) and _MAIL_HEADER.match(lines[count].text):
        count += 1
    subjects = [_MAIL_HEADER.match(line.text) for line in lines[:count]]
    subject = next((m.group(2) for m in subjects if m and m.group(1).lower() == "subject"), None)
    if count < 2 or subject is None:
        return None, False, lines
    kept = [line for line, m in zip(lines[:count], subjects, strict=True)
            if m and m.group(1).lower() == "date"]
    venue = any(m and m.group(1).lower() in _ADDRESS_HEADERS and lex.target_re.search(m.group(2))
                for m in subjects)
    return _REPLY_PREFIX.sub(r"\1", subject).strip() or None, venue, kept + lines[count:]


def _dateline(sentences: list[Sentence]) -> tuple[str | None, str | None]:
    """The year and month ("jan".."dec") of the first date near the top ("May
    2, 2024 /PRNewswire/", "Date: Tue Feb 9 2016", "2021-11-08", or a byline
    dated by month only: "By A. Writer | April 2016"), if the story gives one."""
    for sentence in sentences[:DATELINE_SENTENCES]:
        found = _DATE.search(sentence.text)
        if found:
            year = next(g for g in found.groups() if g)
            if found.group(3):  # "2021-11-08"
                return year, _NUMERIC_MONTHS.get(found.group()[5:7])
            month = _MONTH_START.search(found.group())
            return year, month.group()[:3].casefold() if month else None
        byline = _BYLINE_MONTH.search(sentence.text)
        if byline:
            return byline.group(2), byline.group(1)[:3].casefold()
    return None, None


def _headings(sentences: list[Sentence],
              lines: list[Line]) -> tuple[tuple[int, ...], dict[int, int]]:
    """For each sentence, the first sentence of the nearest heading line above
    it; and the items of lists, each with the sentence that opens its list: the
    short lines right after a line that ends in ":" (bulleted or not, never
    headings of their own), opened by that line's last sentence."""
    first_of_line: dict[int, int] = {}
    last_of_line: dict[int, int] = {}
    for s in sentences:
        if not s.title:
            first_of_line.setdefault(s.line, s.index)
            last_of_line[s.line] = s.index
    out = []
    items: dict[int, int] = {}
    current = -1
    listing, opener = -1, -1  # the list's last item line so far, and its opener
    for s in sentences:
        if not s.title and first_of_line.get(s.line) == s.index:
            text = lines[s.line].text
            if listing >= 0 and s.line == listing + 1 and _is_item(text):
                listing = s.line  # "Orbis Datacenter Group (Gold)" under "...have joined:"
                items[s.index] = opener
                out.append(current)
                continue
            listing, opener = -1, -1
            if text.endswith(":"):
                listing, opener = s.line, last_of_line[s.line]
            if _is_heading(text):
                out.append(_parent_of(current, text, out, sentences, lines))
                current = s.index
                continue
        out.append(current)
    return tuple(out), items


def _parent_of(current: int, text: str, out: list[int], sentences: list[Sentence],
               lines: list[Line]) -> int:
    """The heading over a new heading line: a numbered one after a numbered
    heading is its sibling ("2. Tokyo Summit" after "1. New Gold Members"), so
    it sits under what that one sits under, never under it."""
    if current < 0 or not _NUMBERED.match(text) or \
            not _NUMBERED.match(lines[sentences[current].line].text):
        return current
    return out[current]


def _is_item(line: str) -> bool:
    """A line of a list: short and unfinished ("Orbis Datacenter Group (Gold)"),
    or bulleted and at most a few described sentences long."""
    if _BULLET.match(line):
        return len(line) <= BULLET_ITEM_MAX_CHARS and not line.endswith(":")
    return len(line) <= LIST_ITEM_MAX_CHARS and not line.endswith((".", ":", "!", "?"))


def shouted(text: str) -> bool:
    """All capitals: a section heading ("NOT AN EXIT"), where case marks no name."""
    return not any(ch.islower() for ch in text) and any(ch.isupper() for ch in text)


def _is_heading(line: str) -> bool:
    """A short line that introduces what follows: no sentence end, or a colon."""
    if line.startswith(("-", "*", "•")) or _LABEL.match(line):
        return False
    if line.endswith(":"):
        return len(line) <= HEADLINE_MAX_CHARS
    return len(line) <= HEADING_MAX_CHARS and not line.endswith((*_NOT_HEADLINE_END, "!", "?"))


def _is_headline(line: str) -> bool:
    return (len(line) <= HEADLINE_MAX_CHARS and not line.endswith(_NOT_HEADLINE_END)
            and len(line.split()) >= 3 and not line.startswith(("-", "*", "•")))
