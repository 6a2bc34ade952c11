"""Looking up "it", "we" and "the Redmond giant".

"it"/"they" right after "<Name> said (...) that" is that name; otherwise a
pronoun or descriptor is the nearest organisation the story named before, with
a descriptor table ("Redmond" -> Microsoft) used only when that company is
named somewhere in the story. "we"/"our" is the story's principal company: the
publisher ("<Name> engineering blog", "<Name> Q3 earnings call", "posted by the
<Name> team"), else the organisation the story names most often."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from classifiers.clauses import DETERMINERS, TOKEN, blank_comma_suffixes
from classifiers.lexicon import Lexicon
from classifiers.name_runs import Subject
from classifiers.names import (
    CONNECTOR_RE,
    NAME_CONNECTORS,
    NAME_JOINERS,
    canonical,
    classify_name,
    is_cap,
    is_surname,
)
from classifiers.principal import most_prominent, publisher
from classifiers.sentences import Sentence
from classifiers.subjects import APPOSITIVE_STARTS, subject_before

_ORG = rf"(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z0-9][\w&.'’-]*|&|{CONNECTOR_RE})){{0,4}})"
_TITLE = (r"(?:chief\s+\w+(?:\s+officer)?|ceo|cto|coo|cfo|cio|cmo|president|vice\s+president|vp|"
          r"head|director|founder|co-founder|spokes(?:person|man|woman)|manager|general\s+manager|"
          r"executive|chair(?:man|woman)?|architect|evangelist|lead|officials?|representatives?)")
_SPEAKER_LABEL = re.compile(rf"^{_ORG}\s*:\s")
#: "We're Fennwick Hosting, ...", "we at Kell Data", "here at Kell Data, we": a whole name.
_SELF_NAMED = re.compile(
    rf"\b(?:(?i:we)(?:['’]re|\s+are|,?\s+at)|(?i:here)\s+at)\s+(?:the\s+)?{_ORG}"
    r"(?=\s*(?:[,.;:!?—–]|\s-|\s+and\b|\s+we\b|$))")
_ATTRIBUTION = re.compile(
    rf"(?i:{_TITLE})(?:\s+(?-i:[a-z]+)){{0,3}}\s+(?i:of|at|for|with)\s+{_ORG}"
    rf"|{_ORG.replace('?P<org>', '?P<owner>')}['’]s?\s+(?i:{_TITLE})\b")


#: "a Cindrell spokeswoman", "the Vornic CTO": the organisation a speaker works for.
_OWNED_TITLE = re.compile(rf"\b(?i:an?|the)\s+{_ORG}\s+(?i:{_TITLE})\b")
#: "Brightmart's new chief information officer, Leah Okonkwo, said": a speaker's employer.
_CLAUSE_OWNER = re.compile(rf"{_ORG}['’]s\s+(?:(?-i:[a-z]+)\s+){{1,2}}(?i:{_TITLE})\b")
_CALENDAR = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|"
                       r"jul|aug|sep|oct|nov|dec)[a-z]*|today|yesterday|tomorrow|this|last|next",
                       re.I)


class Mentions:
    """Organisation mentions of one document, in reading order."""

    def __init__(self, sentences: Sequence[Sentence], lex: Lexicon) -> None:
        self._sentences = sentences
        self._lex = lex
        self._cache: dict[int, list[tuple[int, str]]] = {}
        self._extra: dict[int, list[tuple[int, str]]] = {}
        self._subjects: dict[int, set[int]] = {}
        self._principal: tuple[str | None] | None = None
        self._text: str | None = None

    def add(self, index: int, pos: int, name: str) -> None:
        """Remember an organisation found by a rule as a subject."""
        self._extra.setdefault(index, []).append((pos, name))
        self._subjects.setdefault(index, set()).add(pos)

    def in_sentence(self, index: int) -> list[tuple[int, str]]:
        if index not in self._cache:
            text = self._sentences[index].text
            found = [(m.start(), canonical(m.group(), self._lex))
                     for m in self._lex.company_re.finditer(text)]
            for owned in (*_OWNED_TITLE.finditer(text), *_CLAUSE_OWNER.finditer(text)):
                name = owned.group("org")
                if classify_name(name, self._lex) == "name" and not _CALENDAR.match(name):
                    found.append((owned.start("org"), canonical(name, self._lex)))
            for at, name, subject in _subject_names(text, self._lex):
                found.append((at, name))
                if subject:
                    self._subjects.setdefault(index, set()).add(at)
            self._cache[index] = found
        return sorted(set(self._cache[index] + self._extra.get(index, [])))

    def nearest_before(self, index: int, pos: int, among: set[str] | None = None) -> str | None:
        """The last organisation (of `among`, if given) named before `pos` in
        sentence `index`; else an earlier sentence's last subject, or its last
        organisation if none is a subject (what a quoted speaker names is
        theirs: "we want to be on AWS" makes no AWS the next "company")."""
        for i in range(index, -1, -1):
            quoted = _quoted_spans(self._sentences[i].text) if i < index else ()
            found = [(at, name) for at, name in self.in_sentence(i)
                     if (i < index or at < pos) and (among is None or name in among)
                     and not any(a <= at < b for a, b in quoted)]
            if not found:
                continue
            subjects = self._subjects.get(i, set())
            chosen = [name for at, name in found if at in subjects] if i < index else []
            return (chosen or [name for _, name in found])[-1]
        return None

    def named(self, name: str) -> bool:
        return any(name == n for i in range(len(self._sentences)) for _, n in self.in_sentence(i))

    def resolve(self, how: str, text: str, index: int, pos: int) -> str | None:
        """The organisation a pronoun or descriptive phrase most likely means."""
        first = text.split()[0].casefold() if text.split() else ""
        if self._lex.has("first_person", first):
            return self.speaker(index) or self.self_named(index) or self.principal()
        attributed = self.attributed_before(index, pos)
        if attributed:  # "Acme's director, Jo Roe, said the agency had joined"
            return attributed
        if how == "pronoun":
            reporter = self.reporter(index, pos)
            return reporter.names[-1] if reporter else self.nearest_before(index, pos)
        if how == "descriptor":
            if self._opening(index) and self.nearest_before(index, pos) is None:
                # a dek before any name: "Korean research university becomes a member"
                return self._headed(text, len(self._sentences) - 1) or self.principal()
            if not self._opening(index) and first not in DETERMINERS:
                return None  # a bare "Chinese carrier joins" inside a story names no one
            return self._described(text, index, pos)
        return self.nearest_before(index, pos)

    def _headed(self, text: str, last: int) -> str | None:
        """The organisation whose name has the phrase's head noun ("the
        university" -> "University of Skye"), named in sentences up to `last`."""
        head = text.split()[-1].casefold()
        headed = {name for i in range(last + 1) for _, name in self.in_sentence(i)
                  if head in name.casefold().split()}
        return self.nearest_before(last, len(self._sentences[last].text), among=headed) \
            if headed else None

    def _described(self, text: str, index: int, pos: int) -> str | None:
        """The organisation named before that a descriptive phrase fits."""
        described = {company for word in re.findall(r"[\w&.-]+", text)
                     for company in self._lex.descriptors.get(word.casefold(), ())}
        named = [c for c in described if self.named(c)]
        if len(named) == 1:
            return named[0]
        if named:
            return (self.nearest_before(index, pos, among=set(named))
                    or self.nearest_before(index, pos))
        head = text.split()[-1].casefold()
        headed = {name for i in range(index + 1) for _, name in self.in_sentence(i)
                  if head in name.casefold().split()}
        if headed:  # "the university" -> "University of Skye"
            return self.nearest_before(index, pos, among=headed)
        return self.nearest_before(index, pos)

    def _opening(self, index: int) -> bool:
        """The headline or the story's first line, where a descriptor may stand
        for the story's subject before any name is given."""
        sentence = self._sentences[index]
        return sentence.title or sentence.line <= 0


    def reporter(self, index: int, pos: int) -> Subject | None:
        """"Acme, which ..., announced on Monday that it ...": Acme (with where it
        stands, so that "IBM and Red Hat are expected to announce they ..." is
        judged from the reporter on)."""
        text = self._sentences[index].text
        found = self._lex.reporting_re.search(text, 0, pos)
        if found is None:
            return None
        subject = subject_before(text, found.start(), self._lex)
        return subject if subject.how == "name" and subject.names else None

    def attributed_before(self, index: int, pos: int) -> str | None:
        """The organisation a speaker named before `pos` works for, when a
        reporting verb follows: "Statens Fellessky's director, Thomas Berge,
        said the agency had joined"."""
        text = self._sentences[index].text
        found = self._lex.reporting_re.search(text, 0, pos)
        if found is None:
            return None
        return self._first_organisation(m.group("org") or m.group("owner")
                                        for m in _ATTRIBUTION.finditer(text, 0, found.start()))

    def speaker(self, index: int) -> str | None:
        """The organisation a quoted speaker is attributed to in this sentence:
        '"We ...," said Jane Roe, CTO at Acme', 'Acme's CEO said: "We ..."', or
        a speaker label 'Acme: we have joined ...'."""
        text = self._sentences[index].text
        label = _SPEAKER_LABEL.match(text)
        names = [label.group("org")] if label and not is_surname(
            self._body(), label.group("org"), self._lex) else []  # "Okafor: We joined"
        names += [found.group("org") or found.group("owner")
                  for found in _ATTRIBUTION.finditer(text)]
        return self._first_organisation(names)

    def _first_organisation(self, names: Iterable[str]) -> str | None:
        """The first of the names a speaker is attributed to that is an
        organisation (trailing stop words dropped) and not a watched target."""
        for name in names:
            words = name.split()
            while words and self._lex.is_stop_cap(words[-1]):
                words.pop()
            name = " ".join(words)
            if name and classify_name(name, self._lex) == "name" and \
                    not self._lex.target_re.search(name):
                return canonical(name, self._lex)
        return None

    def self_named(self, index: int) -> str | None:
        """The organisation the writer says "we" are, in this sentence or an
        earlier one: "We're Fennwick Hosting, a small MSP, and we ..."."""
        for i in range(index, -1, -1):
            for found in reversed(list(_SELF_NAMED.finditer(self._sentences[i].text))):
                name = self._lex.strip_legal_suffix(found.group("org"))
                if classify_name(name, self._lex) == "name" and \
                        not self._lex.target_re.search(name):
                    return canonical(name, self._lex)
        return None

    def _body(self) -> str:
        if self._text is None:
            self._text = "\n".join(s.text for s in self._sentences)
        return self._text

    def principal(self) -> str | None:
        """The company the story speaks for or about (cached)."""
        if self._principal is None:
            self._principal = (publisher(self._sentences, self._lex) or _brand(self._lex)
                               or most_prominent(self._sentences, self._lex, self.in_sentence,
                                                 self.subjects),)
        return self._principal[0]

    def subjects(self, index: int) -> set[int]:
        """Where in sentence `index` an organisation stands as a subject."""
        self.in_sentence(index)
        return self._subjects.get(index, set())


_QUOTE = re.compile(r'"[^"]*"|“[^”]*”')
#: "Coralbay launched ...": a past-tense verb after a clause-initial name.
_FINITE_VERB = re.compile(r"[a-z]{3,}ed")


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _QUOTE.finditer(text)) if '"' in text or "“" in text else ()


def _brand(lex: Lexicon) -> str | None:
    """The one lowercase brand a company blog writes its name as, if one."""
    names = {canonical(b, lex) for b in lex.words.get("brands", ())}
    return names.pop() if len(names) == 1 else None


def _org_like(words: list[str], lex: Lexicon) -> bool:
    """"Granitefall Software", "University of Skye": a name that says it is one."""
    if len(words) < 2:
        return False
    if lex.has("org_heads", words[-1]):
        return True
    return any(w in NAME_CONNECTORS and lex.has("org_heads", words[k - 1])
               for k, w in enumerate(words) if k > 0)


#: "Asked about", "Reached for comment", "Speaking at": a participle opening a
#: clause before the subject; the word is no name.
_PARTICIPLE = re.compile(r"[A-Z][a-z]{2,}(?:ed|ing)")
_PARTICIPLE_FOLLOWERS = frozenset({
    "about", "for", "by", "on", "at", "to", "with", "in", "from", "over", "after", "during",
    "into", "whether", "why", "if", "how", "what", "via", "through", "under", "alongside",
    "before", "earlier", "later", "last", "this", "shortly",
})


def _participle_opener(tokens: list[re.Match[str]], i: int, j: int, lex: Lexicon) -> bool:
    """A lone clause-initial "-ed"/"-ing" word followed by a preposition, with a
    comma later in the sentence: "Asked about the change, a Cindrell
    spokeswoman said ..." (not a name the story knows: "Boeing in 2019 ...")."""
    if j != i + 1 or j >= len(tokens) or (i > 0 and tokens[i - 1].group() not in (";", ":")):
        return False
    word = tokens[i].group()
    return bool(_PARTICIPLE.fullmatch(word)) and not lex.known(word) and \
        tokens[j].group() in _PARTICIPLE_FOLLOWERS and \
        any(t.group() == "," for t in tokens[j + 1:j + 12])


def _in_subject_position(tokens: list[re.Match[str]], i: int, j: int, lex: Lexicon) -> bool:
    """Clause-initial ("..., the Afrinet Research Alliance has") and followed
    by a verb-ish word or an appositive."""
    if i > 0 and tokens[i - 1].group().casefold() == "the":
        i -= 1
    if i > 0 and tokens[i - 1].group() not in (",", ";", ":", "-", "--", "—", "–"):
        return False
    if i > 1 and tokens[i - 1].group() == "," and is_cap(tokens[i - 2].group()):
        return False  # "counts Cisco, Ericsson, Alcatel-Lucent and Orange": a list item
    if j >= len(tokens):
        return False
    after = tokens[j].group()
    if after == ",":
        return j + 1 < len(tokens) and tokens[j + 1].group().casefold() in APPOSITIVE_STARTS
    return lex.has("gap_words", after) or bool(_FINITE_VERB.fullmatch(after))


def _subject_names(text: str, lex: Lexicon) -> list[tuple[int, str, bool]]:
    """Organisations named in subject position ("Second, Cobaltline Networks
    has", "Granitefall, a Denver provider") or with a name that says so
    ("Granitefall Software")."""
    text = blank_comma_suffixes(text)
    tokens = list(TOKEN.finditer(text))
    found = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and (is_cap(tokens[j].group()) or (
                j > i and tokens[j].group() in NAME_JOINERS and j + 1 < len(tokens)
                and is_cap(tokens[j + 1].group()))):  # "University of Skye"
            j += 1
        if j > i and _participle_opener(tokens, i, j, lex):
            i = j
            continue
        if j > i:
            run = tokens[i:j]
            while run and lex.is_stop_cap(run[0].group()):
                run.pop(0)
            subject = bool(run) and _in_subject_position(tokens, i, j, lex)
            if run and (subject or _org_like([t.group() for t in run], lex)):
                name = text[run[0].start():run[-1].end()]
                if classify_name(name, lex, sentence_initial=run[0].start() == 0) == "name" \
                        and not lex.is_target(name):
                    found.append((run[0].start(), canonical(name, lex), subject))
        i = max(j, i + 1)
    return found
