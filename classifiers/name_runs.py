"""Names in a sentence: the capitalised run that ends at a word, and the names
coordinated with it ("Dell, Cisco and Intel"; "A, B and C" between dashes).

A run is an organisation only if `classify_name` says so; "Nippon Telegraph
and Telephone Corp." stays one name (`one_name`). `Subject` is the result
type the subject finder in `classifiers.subjects` returns too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers.lexicon import Lexicon
from classifiers.names import (
    NAME_JOINERS,
    POSSESSIVE,
    canonical,
    classify_name,
    is_cap,
    list_names,
    one_name,
    strip_suffixes,
)

_DASHED = re.compile(r"\s(?:--?|—|–)\s+(?P<names>[A-Z][^-—–;:]{1,200}?)\s+(?:--?|—|–)\s*$")
_LIST_PARTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
MAX_RUN = 6
MAX_APPOSITIVE = 45
#: Words that open an appositive after a name: ", a Madrid-based operator,".
APPOSITIVE_STARTS = frozenset({
    "the", "a", "an", "its", "one", "now", "formerly", "long", "already", "itself", "which",
    "who", "whose", "based", "headquartered", "best", "maker", "owner", "parent", "founded",
    "owned", "backed", "known", "led", "part", "creator", "developer", "provider", "home",
    "also", "once", "then", "still", "too", "meanwhile", "however", "like", "unlike",
    "for", "from", "in", "by", "with", "despite", "along", "together", "both", "spun", "acquired",
    "created", "started", "launched", "listed", "valued", "funded", "among", "not", "no",
    "never", "having", "after", "following", "fresh", "where", "whom", "operator", "supplier",
    "vendor", "specialist", "two", "three", "four", "five", "several", "each", "another",
    "many", "some", "most", "few", "half", "mostly", "mainly", "largely",  # ", many of them,"
    "on", "acting", "speaking", "representing",  # ", on behalf of its partners,"
    "particularly", "especially", "notably", "chiefly", "primarily", "including",
    "previously", "currently", "originally", "recently", "historically", "traditionally"})
#: A bare plural verb after the last of comma-joined names: "Juniper, Yahoo Depart".
_PLURAL_VERB = re.compile(r"\s+(?i:join|rejoin|leave|quit|exit|depart|drop|sign|come|become|"
                          r"ditch|abandon|desert|defect|withdraw|pull|walk|bow|step|opt|upgrade)"
                          r"\b")
#: "Indonesia's Awan Digital": a place's possessive before a list member's name.
_PLACE_OWNER = re.compile(r"^[A-Z][\w-]*['’]s\s+(?=\S+\s+\S)")
_LOOSE_PLACE_OWNER = re.compile(r"^(?:[A-Z][\w-]*\s+)?[A-Z][\w-]*['’]s\s+(?=\S)")
_SINGULAR_VERB = re.compile(r"\s*(?:has|is|was|does|[a-z]+[^s\W]s)\b")
_NUMERAL = re.compile(r"\d{1,3}")
#: Lowercase words of a descriptor before a list member's name, and a nationality.
_DESCRIPTOR_WORD = re.compile(r"[a-z][a-z-]*")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|i)")
_NOT_DESCRIPTOR = frozenset({"of", "for", "from", "in", "with", "at", "to", "by", "on", "and",
                             "or", "the", "a", "an", "its", "their", "his", "her"})
_MAX_DESCRIPTOR = 8
#: Spelled numbers that may open a name ("Ten Forty Labs"), not only count ("Ten firms").
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred"})


@dataclass(frozen=True, slots=True)
class Subject:
    """What stands before the verb; `how` says how `names` were found.

    how: "name" (one or a coordinated list), "pronoun" or "descriptor" (still to
    resolve), "person" (a person, not an organisation), "target" (the watched
    community itself), "project" (one of its software projects), "none" (no
    name: "large organizations").
    """

    how: str
    names: tuple[str, ...]
    start: int
    end: int
    text: str
    gap_from: int = -1          # where the gap starts when an appositive was skipped
    appositive: str = ""        # ", the Texas computer maker," when one was skipped


def dashed_list(sentence: str, seg_start: int, lex: Lexicon) -> Subject | None:
    """"Three sponsors - A, B and C - have dropped out": the names between
    the dashes are the subject when only auxiliaries follow the second dash."""
    found = _DASHED.search(sentence, 0, seg_start)
    if found is None:
        return None
    text = found.group("names")
    names = list_names(text, lex)
    if not names or len(names) != len(_LIST_PARTS.split(text)):
        return None
    return Subject("name", names, found.start("names"), found.end("names"), text)


def run_start(tokens: list[re.Match[str]], last: int, lex: Lexicon) -> int:
    """Where the capitalised run ending at tokens[last] starts ("University of
    Skye", "Agency for Digital Infrastructure" included), at most `MAX_RUN`
    tokens back."""
    k = last
    while k - 1 >= 0 and last - k < MAX_RUN:
        prev = tokens[k - 1].group()
        if (is_cap(prev) and prev not in "," and not lex.is_non_name(prev)) or \
                _numeral_in_name(tokens, k - 1, lex):  # "Zeta 9 Networks", "42 Layers"
            k -= 1
        elif prev in NAME_JOINERS and k - 2 >= 0 and is_cap(tokens[k - 2].group()):
            k -= 2
        elif prev == "for" and k - 2 >= 0 and lex.has("of_heads", tokens[k - 2].group()):
            k -= 2  # "National Agency for Digital Infrastructure", "Centre for Cloud Research"
        elif prev == "at" and k - 2 >= 0 and _campus_run(tokens, k - 2, lex):
            k -= 2  # "University of Texas at Austin"
        else:
            break
    return k


def _campus_run(tokens: list[re.Match[str]], last: int, lex: Lexicon) -> bool:
    """The capitalised run ending at tokens[last] names a campus institution
    ("University of Texas"), so an "at <Place>" after it is part of its name."""
    if not is_cap(tokens[last].group()):
        return False
    first = run_start(tokens, last, lex)
    return any(lex.has("campus_heads", t.group()) for t in tokens[first:last + 1])


def name_subject(sentence: str, tokens: list[re.Match[str]], last: int, seg_start: int,
                 lex: Lexicon) -> Subject:
    """The organisation(s) named by the run ending at tokens[last], with any
    names coordinated before it; or why the run is no organisation."""
    if _numeral_in_name(tokens, last + 1, lex, trailing=True):  # "Helix 7, the ..., has"
        last += 1
    last = past_located(tokens, last, lex)
    k = run_start(tokens, last, lex)
    run = tokens[k:last + 1]
    singular = _SINGULAR_VERB.match(sentence, tokens[last].end()) is not None
    owner = next((j for j, t in enumerate(run[:-1]) if POSSESSIVE.search(t.group())), None)
    if owner is not None and _owned_name(run, owner, lex):  # "Pune's Bharat Infranet"
        run = run[owner + 1:]
        k += owner + 1
    elif owner is not None:  # "Ferrocene Cloud's CEO on dropping ...": the company acts
        run = run[:owner + 1]
        last = k + owner
    full = sentence[run[0].start():run[-1].end()]
    if not (lex.known(full) or lex.known(strip_suffixes(full, lex))):
        run = strip_stop_caps(run, lex)
    if not run:
        return Subject("none", (), tokens[last].start(), tokens[last].end(), "")
    start, end = run[0].start(), tokens[last].end()
    text = sentence[start:end]
    kind = classify_name(text, lex, sentence_initial=start == 0 and not singular)
    if kind != "name":
        return Subject(kind, (), start, end, text)
    names = [text]
    if len(run) == last + 1 - k:  # nothing stripped: a list may continue leftwards
        plural = _PLURAL_VERB.match(sentence, tokens[last].end()) is not None
        lead = _descriptor_lead(tokens, k) if k > 0 else None  # "A and the Dutch firm B"
        more, start = _coordinated_before(sentence, tokens, lead or k, lex, text, plural)
        if not more:
            start = tokens[k].start()
        joined = sentence[start:end]
        if len(more) == 1 and "," not in joined and one_name(more[0], text, lex):
            names = [joined]  # "Nippon Telegraph and Telephone Corp."
        else:
            names = [*more, text]
    return Subject("name", tuple(canonical(n, lex) for n in names), start, end,
                   sentence[start:end])


def _without_place_owner(text: str, lex: Lexicon, loose: bool = False) -> str:
    """"Indonesia's Awan Digital" -> "Awan Digital"; a company's own unit
    ("Google's Cloud Team") keeps its owner. `loose` also takes a two-word
    place and a one-word rest ("South Korea's Electronics", checked by the caller)."""
    found = (_LOOSE_PLACE_OWNER if loose else _PLACE_OWNER).match(text)
    if found is None or lex.known(POSSESSIVE.sub("", found.group().strip())):
        return text
    return text[found.end():]


def _owned_description(tokens: list[re.Match[str]], start: int, stop: int) -> bool:
    """"South Korea's largest mobile operator": a place's possessive, then only
    lowercase words up to the closing comma."""
    k = start
    while k < stop and is_cap(tokens[k].group()) and not POSSESSIVE.search(tokens[k].group()):
        k += 1
    return k < stop - 1 and is_cap(tokens[k].group()) and \
        POSSESSIVE.search(tokens[k].group()) is not None and \
        all(t.group().islower() for t in tokens[k + 1:stop])


def _before_descriptor(tokens: list[re.Match[str]], head: int) -> int:
    """Where a descriptor before a list's last name starts ("Vietnamese cloud
    operator"): the index just after the separator before it, else `head + 1`."""
    j = head - 1
    while j > 0 and tokens[j].group().islower() and tokens[j].group() != "and":
        j -= 1
    if j > 0 and is_cap(tokens[j].group()) and tokens[j - 1].group() in (",", "and"):
        return j
    return head + 1


def _owned_name(run: list[re.Match[str]], owner: int, lex: Lexicon) -> bool:
    """"Pune's Bharat Infranet", "Indonesia's Awan Digital": a place's company,
    named after the possessive; not "Ferrocene Cloud's CEO" (a role) nor a known
    company's unit ("Google's Kubernetes Engine")."""
    owner_text = POSSESSIVE.sub("", " ".join(t.group() for t in run[:owner + 1]))
    rest = [t.group() for t in run[owner + 1:]]
    return not lex.known(owner_text) and (len(rest) >= 2 or bool(lex.known(rest[0]))) and not any(
        lex.has("person_titles", w) or lex.is_stop_cap(w) for w in rest) and \
        classify_name(" ".join(rest), lex) == "name"


def skip_appositive(tokens: list[re.Match[str]], comma: int) -> int:
    """From a comma, jump over ", the Texas computer maker," (or ", based in
    Austin, Texas,") to the word before it; else just step over the comma."""
    for j in range(comma - 1, max(-1, comma - MAX_APPOSITIVE), -1):
        if tokens[j].group() == "," and j + 1 < comma and \
                tokens[j + 1].group().casefold() in APPOSITIVE_STARTS:
            return j - 1
        if tokens[j].group() == "," and _owned_description(tokens, j + 1, comma):
            return j - 1  # "SK Telecom, South Korea's largest mobile operator, is"
        if tokens[j].group() == "," and 0 < comma - j - 1 <= 3 and j >= 2 and \
                tokens[j - 2].group() == "of" and all(  # "Sahel Cloud of Jeddah, Saudi Arabia,"
                    t.group()[:1].isupper() for t in tokens[j - 1:comma] if t.group() != ","):
            return j - 1
    return comma - 1


def _coordinated_before(sentence: str, tokens: list[re.Match[str]], k: int,
                        lex: Lexicon, last_name: str,
                        plural: bool = False) -> tuple[list[str], int]:
    """Earlier members of "Dell, Cisco and Intel joined"; needs an "and". An
    appositive after a member is skipped ("A, an Edinburgh provider, and B");
    one that says "a"/"an" makes "X and Y" before it one name ("Baird and
    Keller Datacenters, an Edinburgh provider, and ...")."""
    found: list[str] = []
    start = first_start = tokens[k].start()
    saw_and = False
    single = False  # the member found last is described as one organisation
    if k >= 2 and lex.has("descriptor_heads", tokens[k - 1].group()):
        k = _before_descriptor(tokens, k - 1)  # "..., and Vietnamese cloud operator Lotus"
    while k >= 2:
        sep = k - 1
        if tokens[sep].group() == "the" and sep >= 2:  # "A and the University of B"
            sep -= 1
        plain_and = tokens[sep].group().casefold() == "and" and tokens[sep - 1].group() != ","
        if tokens[sep].group().casefold() == "and":
            if saw_and and not single:  # "from China, Japan and Korea, and Tencent's"
                return [], first_start
            saw_and = True
            if tokens[sep - 1].group() == ",":
                sep -= 1
        elif tokens[sep].group() != ",":
            break
        last = sep - 1
        described = False
        if last >= 0 and tokens[sep].group() == "," and not is_cap(tokens[last].group()):
            last = skip_appositive(tokens, sep)  # "A, an Edinburgh-based provider, and B"
            described = last < sep - 1 and tokens[last + 2].group().casefold() in ("a", "an")
        if last < 0 or not is_cap(tokens[last].group()):
            break
        last = past_located(tokens, last, lex)
        first = run_start(tokens, last, lex)
        lead = _descriptor_lead(tokens, first) if first > 0 else None
        if lead is not None and classify_name(
                sentence[tokens[first].start():tokens[last].end()], lex) == "name":
            found.insert(0, sentence[tokens[first].start():tokens[last].end()])
            start, k, single = tokens[lead].start(), lead, False  # ", the Chilean network X,"
            continue
        if first > 0 and not _opens_list(tokens[first - 1].group(), lex):
            if not (saw_and and _plural_descriptor(tokens[first - 1].group(), lex)):
                break
            found.insert(0, sentence[tokens[first].start():tokens[last].end()])
            start = tokens[first].start()  # "Japanese IT giants Fujitsu and Hitachi"
            break
        run = strip_stop_caps(tokens[first:last + 1], lex)
        first_part = _without_place_owner(sentence[run[0].start():tokens[last].end()], lex,
                                          loose=True) if run else ""
        if plain_and and not found and run and one_name(first_part, last_name, lex):
            begin = tokens[last].end() - len(first_part)  # "The X and Y", "Korea's X and Y"
            return [first_part], begin
        opening = first == 0 or tokens[first - 1].group() in (",", ";", ":")
        if not run or (len(run) != last + 1 - first and not opening):
            break  # "Both Dell and Cisco" opens a clause; "said Dell and" does not
        text = _without_place_owner(sentence[run[0].start():tokens[last].end()], lex)
        if classify_name(text, lex, sentence_initial=first == 0) != "name":
            break
        if plain_and and single and found:  # "Baird and Keller Datacenters, an ..."
            found[0] = f"{text} and {found[0]}"
        else:
            found.insert(0, text)
        single = described
        start, k = run[0].start(), first
        if len(run) != last + 1 - first:
            break
    if found and (saw_and or plural or all(lex.known(n) for n in (*found, last_name))):
        return found, start  # "Dell, Cisco and Intel joined"; "Huawei, Intel elevated";
        # a headline's "as Juniper, Yahoo Depart"
    return [], first_start


def past_located(tokens: list[re.Match[str]], last: int, lex: Lexicon) -> int:
    """"Tarrow University in Leeds": a place after a name whose last word is an
    organisation's ("University", "Systems") only says where it is; the name
    ends before "in"."""
    k = run_start(tokens, last, lex)
    if k >= 2 and tokens[k - 1].group() == "in" and lex.has("org_heads", tokens[k - 2].group()):
        return k - 2
    return last


def _descriptor_lead(tokens: list[re.Match[str]], first: int) -> int | None:
    """Where "the Chilean research and education network" starts before the
    name at tokens[first], when a list separator stands before it; else None."""
    j = first - 1
    if not _DESCRIPTOR_WORD.fullmatch(tokens[j].group()) or tokens[j].group() in _NOT_DESCRIPTOR:
        return None
    while j > 0 and first - j <= _MAX_DESCRIPTOR:
        word = tokens[j - 1].group()
        if word in ("the", "a", "an"):
            return j - 1 if j - 1 == 0 or tokens[j - 2].group() in (",", "and") else None
        if word in _NOT_DESCRIPTOR - {"and"} or not (_DESCRIPTOR_WORD.fullmatch(word)
                                                     or _DEMONYM.fullmatch(word)):
            return None
        j -= 1
    return None


def _plural_descriptor(word: str, lex: Lexicon) -> bool:
    """"giants", "carriers", "companies": a plural descriptor before a list."""
    low = word.casefold()
    return low.endswith("s") and (lex.has("descriptor_heads", low[:-1]) or
                                  (low.endswith("ies") and lex.has("descriptor_heads",
                                                                   low[:-3] + "y")))


def _opens_list(word: str, lex: Lexicon) -> bool:
    """What may stand right before a coordinated name: a separator, or a
    complementiser or reporting verb ("said this week that A, B and C had")."""
    low = word.casefold()
    return low in (",", "and", "that", "as", "while", "when", "after", "since", "because",
                   "once") or lex.has("reporting_verbs", low)  # "as Juniper, Yahoo Depart"


def _numeral_in_name(tokens: list[re.Match[str]], j: int, lex: Lexicon,
                     trailing: bool = False) -> bool:
    """Is tokens[j] a short number that belongs to the name around it? Inside
    ("Zeta 9 Networks") or opening it ("42 Layers") when one space joins it to
    a capitalised word that is no tier, month or stop word; closing it ("Helix
    7") when `trailing` and only a comma or the verb follows."""
    if not 0 <= j < len(tokens) or not _NUMERAL.fullmatch(tokens[j].group()):
        return False
    text = tokens[j].string
    if trailing:
        word = tokens[j - 1].group() if j > 0 else ""
        after = tokens[j + 1].group() if j + 1 < len(tokens) else ""
        return text[tokens[j - 1].end():tokens[j].start()] == " " and after in ("", ",") \
            and _name_word(word, lex)
    if j + 1 >= len(tokens) or text[tokens[j].end():tokens[j + 1].start()] != " " or \
            not _name_word(tokens[j + 1].group(), lex):
        return False
    before = tokens[j - 1].group() if j > 0 else ""
    return not before[:1].isalnum() or (  # "-- 42 Layers", or inside "Zeta 9 Networks"
        _name_word(before, lex) and text[tokens[j - 1].end():tokens[j].start()] == " ")


def _name_word(word: str, lex: Lexicon) -> bool:
    return is_cap(word) and not word[:1].isdigit() and not lex.is_stop_cap(word) and \
        not lex.has("tier_words", word) and not lex.is_non_name(word)


def strip_stop_caps(run: list[re.Match[str]], lex: Lexicon) -> list[re.Match[str]]:
    """The run without leading words that never start a name ("The", "Now");
    a spelled number stays when another follows it ("Ten Forty Labs")."""
    i = 0
    while i < len(run) and lex.is_stop_cap(run[i].group()):
        if i + 1 < len(run) and run[i].group().casefold() in _NUMBER_WORDS and \
                run[i + 1].group().casefold() in _NUMBER_WORDS:
            break
        i += 1
    return run[i:]
