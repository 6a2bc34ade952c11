"""Which of a company's names to report: the form the story itself goes by.

A story may name one actor several ways. The short form an event found is
lengthened to the one fuller form the story uses ("Rivermark" -> "Rivermark
Software"), where a name after "its"/"their" ("its Arcturus Compute cloud")
is a product, not a fuller form. A name the story gives once as a legal name
("Internap Network Services Corporation") and then calls by a shorter name
("Internap") in the headline and, on its own, more often in the text is
reported by that shorter name: the name it trades under. A name the story
defines with an acronym ("The National Agency for Digital Infrastructure
(ANIN)") is reported in whichever of the two forms the text uses more; so
is a short name a legal name defines in brackets ("Kaveri Cloud Technologies
Pvt. Ltd. (Kaveri Cloud)", '... Ltd. ("Kaveri")'), but never a defined term
('(the "Company")').
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from classifiers.document import Document
from classifiers.lexicon import Lexicon
from classifiers.names import CONNECTOR_RE, NAME_CONNECTORS, canonical

_OWNED = re.compile(r"\b(?:its|their|our|his|her)\s+$", re.I)
_RUN_BEFORE = re.compile(r"(?:[A-Z][\w&'’-]*|&|\bof|\band)[ \t]+$")
_JOINERS = NAME_CONNECTORS | {"&", "and"}
_ACRONYM = r"[A-Z][A-Z0-9&]{1,9}"
#: A one-word short name in brackets: "The Federal Data Processing Service (Serpro)".
_SHORT_WORD = r"[A-Z][a-z]{2,14}"
_NOT_SHORT_NAMES = ("tier_words", "org_heads", "descriptor_heads", "stop_caps", "gap_caps")
_THE = re.compile(r"^The\s+")
#: How far back "its" may stand before a product name.
_OWNER_REACH = 8


def reported_names(names: Iterable[str], doc: Document, lex: Lexicon) -> dict[str, str]:
    """For each event name, the form to report when it is not the name itself."""
    names = set(names)
    out: dict[str, str] = {}
    for name in names:
        if lex.known(name):
            continue
        form = _fuller(name, names, doc, lex)
        form = _trading_name(form, doc, lex)
        form = _without_of_tail(form, doc)
        form = _acronym_or_full(form, doc)
        form = _defined_short_form(form, doc, lex)
        if form != name:
            out[name] = form
    return out


def _fuller(name: str, names: set[str], doc: Document, lex: Lexicon) -> str:
    """Another event's longer name for this actor, else the one fuller form
    the text uses that ends like a company ("Caldera Peak" -> "Caldera Peak
    Networks")."""
    fuller = [n for n in names if n.startswith(name + " ") or
              n.endswith(" " + name) or f" {name} " in n] or _fuller_forms(name, doc, lex)
    longest = max(fuller, key=len, default=name)
    if all(longest.startswith(n) for n in fuller):  # "Reliance Jio" within "Reliance Jio Infocomm"
        return longest
    return name


def _fuller_forms(name: str, doc: Document, lex: Lexicon) -> list[str]:
    pattern = re.compile(rf"(?<![\w&-]){re.escape(name)}((?:[ ]+[A-Z0-9][\w&'’-]*){{1,3}})")
    forms = set()
    for found in pattern.finditer(doc.body):
        if _owned(doc.body, found.start()):
            continue  # "its Arcturus Compute cloud": a product of the company
        words = found.group(1).split()
        while words and not (lex.has("org_heads", words[-1]) and not lex.is_stop_cap(words[-1])):
            words.pop()
        if words and not any(lex.is_stop_cap(w) or lex.is_target(w) for w in words):
            forms.add(canonical(f"{name} {' '.join(words)}", lex))
    return sorted(forms)


def _trading_name(name: str, doc: Document, lex: Lexicon) -> str:
    """"Internap Network Services Corporation" once, "Internap" in the headline
    and on its own more often in the text: "Internap". Only for a name the
    story writes with a legal suffix (the legal entity of a press release)."""
    words = name.split()
    headline = doc.sentences[0].text if doc.sentences and doc.sentences[0].title else ""
    if len(words) < 2 or not headline or not _with_legal_suffix(name, doc.body, lex):
        return name
    prose = _prose(doc.body)
    best, best_count = name, _standalone(name, prose)
    for k in range(1, len(words)):
        if words[k].casefold() in _JOINERS or words[k - 1].casefold() in _JOINERS:
            continue  # never "Marlow" of "Marlow & Finch"
        short = " ".join(words[:k])
        count = _standalone(short, prose)
        if count > best_count and _names(headline, short) and not _names(headline, name):
            best, best_count = short, count
    return best


#: A press release's boilerplate starts at its "About <Company>" heading.
_ABOUT = re.compile(r"^About [A-Z][^\n.]{0,80}$", re.M)


def _prose(body: str) -> str:
    """The story without the boilerplate at its end ("About Acme AG", the
    company profile, the press contact), which repeats the legal name and says
    nothing about what the story calls the company."""
    found = _ABOUT.search(body)
    return body[:found.start()] if found and found.start() > 0 else body


def _without_of_tail(name: str, doc: Document) -> str:
    """"Nordhafen University of Applied Sciences" once, then "Nordhafen
    University" on its own more often: the story's name for it. The short form
    keeps at least two words ("University of Texas" stays whole); a tie keeps
    `name`."""
    words = name.split()
    if "of" not in words[2:-1]:
        return name
    short = " ".join(words[:words.index("of", 2)])
    return short if _standalone(short, doc.body) > _mentions(name, doc.body) else name


def _with_legal_suffix(name: str, body: str, lex: Lexicon) -> bool:
    """The story writes `name` followed by a legal suffix ("..., Inc.", "Corporation")."""
    for found in re.finditer(rf"(?<![\w&-]){re.escape(name)},?\s+(\S+)(?:\s+(\S+))?", body):
        one = found.group(1).rstrip(",;:()")
        two = f"{one} {found.group(2).rstrip(',;:()')}" if found.group(2) else one
        if any(lex.strip_legal_suffix(f"{name} {w}") == name for w in (one, two)):
            return True
    return False


def _standalone(name: str, body: str) -> int:
    """Mentions of `name` not inside a longer run ("Gregory Marlow", "Marlow &
    Finch", "Internap Network Services") and not owned ("its Arcturus Compute")."""
    pattern = re.compile(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])"
                         r"(?![ \t]+(?:[A-Z0-9&]|and\s|of\s))")
    return sum(1 for m in pattern.finditer(body)
               if not _owned(body, m.start()) and not _RUN_BEFORE.search(body, 0, m.start()))


def _names(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])", text) is not None


def _owned(body: str, at: int) -> bool:
    return _OWNED.search(body, max(0, at - _OWNER_REACH), at) is not None


def _acronym_or_full(name: str, doc: Document) -> str:
    """"The National Agency for Digital Infrastructure (ANIN)" (or "..., better
    known as ANIN") once, then "ANIN" four times: "ANIN"; and the other way
    round. A tie keeps `name`."""
    if re.fullmatch(_ACRONYM, name):
        found = re.search(rf"((?:[A-Z][\w&'’-]*[ ]+(?:(?:&|for|and|{CONNECTOR_RE})[ ]+)?){{1,7}})"
                          rf"\([ ]*{re.escape(name)}[ ]*\)", doc.body)
        other = _THE.sub("", found.group(1).strip()) if found else ""
    else:
        found = re.search(rf"(?<![\w&-]){re.escape(name)}"
                          rf"(?:[ ]*\([ ]*({_ACRONYM}|{_SHORT_WORD})[ ]*\)"
                          rf"|,[^,()]{{0,80}}?\bknown\s+as\s+(?:the\s+)?({_ACRONYM})\b)", doc.body)
        other = (found.group(1) or found.group(2)) if found else _initials(name)
    if other and any(doc.lex.has(key, other) for key in _NOT_SHORT_NAMES):
        return name  # "Scourie Cloud (Silver)": a tier, not a name
    if not other or _mentions(other, doc.body) <= _mentions(name, doc.body):
        return name
    return other


def _initials(name: str) -> str:
    """"Direction interministérielle des infrastructures numériques" -> "DIIN":
    the acronym a story may use without defining it in brackets (connectors
    skipped; three letters at least; only for a name that capitalises its first
    word alone, so a ticker "(NASDAQ: HFN)" never renames "Heron and Finch Networks")."""
    words = [w for w in _THE.sub("", name).split() if w.casefold() not in _JOINERS]
    if not any(w.islower() for w in words[1:]):  # "Heron and Finch Networks": its own name
        return ""
    initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
    return initials if len(words) >= 3 and len(initials) == len(words) else ""


def _mentions(form: str, body: str) -> int:
    return len(re.findall(rf"(?<![\w&-]){re.escape(form)}(?![\w&-])", body))


#: '(Kaveri Cloud)', '("Kaveri")', '(“Kaveri”)' right after a name and its legal suffix.
_DEFINED = (r"(?P<between>[^()\n]{0,24}?)[ ]*\([ ]*(?P<the>the[ ]+)?[\"“']?(?P<short>%s)"
            r"[\"”']?[ ]*\)")
_SHORT = r"[A-Z][\w&'’.-]*(?:[ ]+[A-Z0-9][\w&'’.-]*){0,3}"


def _defined_short_form(name: str, doc: Document, lex: Lexicon) -> str:
    """"Kaveri Cloud Technologies Pvt. Ltd. (Kaveri Cloud)": the story defines
    the name it goes on to use, so "Kaveri Cloud", unless the full name comes
    back more often after the definition (boilerplate aside). The brackets must follow the name or
    its legal suffix, the short form must start like the name (acronyms are
    `_acronym_or_full`'s), and a defined term ('(the "Company")') is no name."""
    if "(" not in doc.body:
        return name
    pattern = rf"(?<![\w&-]){re.escape(name)}{_DEFINED % _SHORT}"
    for found in re.finditer(pattern, doc.body):
        short, between = found.group("short"), found.group("between")
        if found.group("the") or short == name or not _legal_tail(name, between, lex) or \
                short.split()[0] != name.split()[0] or \
                lex.has("descriptor_heads", short) or lex.has("org_heads", short):
            continue
        rest = _prose(doc.body)[found.end():]
        if _standalone(short, rest) and _standalone(short, rest) >= _mentions(name, rest):
            return short
    return name


def _legal_tail(name: str, between: str, lex: Lexicon) -> bool:
    """Nothing, or only a legal suffix, between a name and its brackets."""
    between = between.strip(" ,")
    return not between or lex.strip_legal_suffix(f"{name} {between}").rstrip(" .,") == name
