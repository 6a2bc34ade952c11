"""What counts as an organisation's name, and its canonical form.

`classify_name` says whether a capitalised run is an organisation ("name")
or why not (a person, the target, another foundation, a period like "Q3",
a tier like "Gold"); `canonical` maps it to the alias table's name or strips
legal suffixes and possessives; `list_names` splits "A, B and C".
"""

from __future__ import annotations

import re

from classifiers.lexicon import Lexicon

POSSESSIVE = re.compile(r"['’]s?$")
#: Lowercase words inside one name: "University of Skye", "Instituto Federal de
#: Tecnologia do Paraná", "Banca di Roma", "Hogeschool van Arnhem".
NAME_CONNECTORS = frozenset({"of", "de", "do", "da", "dos", "das", "des", "du", "del", "di",
                             "van", "von", "der"})
NAME_JOINERS = NAME_CONNECTORS | {"&"}
CONNECTOR_RE = "|".join(sorted(NAME_CONNECTORS, key=len, reverse=True))
_CAMEL = re.compile(r"[a-z]+-?[A-Z]")  # "eBay", "e-Governance"
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+"
                         r"|\s+\|\s+")  # "NEW MEMBERS: A | B | C"
_LIST_SPLIT_KEEP = re.compile(f"({_LIST_SPLIT.pattern})")
_OF_PLACE = re.compile(r"(\w+)\s+of\s+[A-Z][\w-]*$")
_ONE_WORD = re.compile(r"[A-Z][a-z]+")
_JOINERS = NAME_CONNECTORS | {"and", "&"}
#: "A and B, along with a batch of smaller firms such as C and D": one list of four.
_ALONG_EXAMPLES = re.compile(r",?\s+(?:along\s+with|as\s+well\s+as|plus)\s+(?:[\w-]+\s+){0,6}?"
                             r"(?:such\s+as|including|like)\s+")
_PAREN = re.compile(r"\s*\([^)]*\)")
_PAIR = re.compile(r"([^,]+?)\s+and\s+([^,]+)")
#: "Seoul-based", "Austin-headquartered": where a company is, not its name.
_PLACE_MODIFIER = re.compile(r"\S+-(?:based|headquartered|born|founded|registered|incorporated)$")
#: Lowercase job words around a person's name ("co-founder and chief technology officer").
_CONTRACTION = re.compile(r"(?i)(?:n['’]t|['’](?:re|ve|ll|d|m))$")
_ROLE_WORDS = frozenset({"co-founder", "cofounder", "founder", "chief", "officer", "director",
                         "spokesperson", "spokeswoman", "spokesman", "president", "head",
                         "executive", "veteran", "manager", "engineer", "analyst"})
#: Verbs whose object is a person: "has hired Dana Whitfield".
_HIRED = re.compile(r"\b(?:hire[sd]?|hiring|appoint(?:s|ed|ing)?|tap(?:s|ped)|promot(?:es|ed|ing)|"
                    r"poach(?:es|ed)?|recruit(?:s|ed)?)\s+$")
_ARTICLE = re.compile(r"^[Tt]he\s+(?=[A-Z])")
#: ", a Leeds provider of racks," after a list member: it describes, it names no one
#: (", the non-profit Civic Stack Trust," is a member of its own).
_NOT_DESCRIPTOR = r"(?!(?:of|for|from|in|with|at|to|by|on|and|or)\s)"
_APPOSITIVE = re.compile(rf",\s*(?:an?|the)\s+(?!(?:{_NOT_DESCRIPTOR}[a-z][\w-]*\s+){{0,2}}"
                         rf"[A-Z0-9][\w&'’.-]*(?:\s+(?:[A-Z0-9][\w&'’.-]*|{CONNECTOR_RE}|&))*\s*(?:,|\band\b|$))"
                         r"(?=[^,]*\b(?!and\b)[a-z]{3,})[^,]*"
                         r"|,\s*(?:which|who)\s[^,]*")
#: "the non-profit " before a member's name.
#: A nationality before a descriptor: "the Kenyan research network KENET-Cloud".
_DEMONYM = r"(?:[A-Z][a-z]+(?:an|ese|ish|ch|i)\s+(?=[a-z]))?"
_DESCRIBED = re.compile(
    rf"^(?:the|an?)\s+{_DEMONYM}(?:{_NOT_DESCRIPTOR}[a-z][\w-]*\s+){{0,2}}(?=[A-Z0-9])")


def is_cap(token: str) -> bool:
    """Could this word be part of a name? ("Cisco", "99Cloud", "eBay"; not "2014")."""
    if token[:1].isdigit():
        return not token.replace(",", "").replace(".", "").isdigit()
    return token[:1].isupper() or bool(_CAMEL.match(token))


def classify_name(text: str, lex: Lexicon, sentence_initial: bool = False) -> str:
    """"name", or why this capitalised run is not an organisation."""
    if lex.known(text) or lex.known(strip_suffixes(text, lex)):
        return "name"
    if lex.is_target(text) or lex.target_re.search(text):
        return "target"
    if lex.is_other(text):
        return "other"
    if lex.has("project_names", text):
        return "project"  # "Airship joins the foundation as a pilot project"
    words = text.split()
    if any(lex.is_non_name(w) for w in words):
        return "none"  # "Q3", "FY2024": periods, not organisations
    if len(words) == 1 and (lex.has("descriptor_heads", text) or lex.has("org_heads", text)):
        return "none"  # "Company to contribute ...": a common noun, not a name
    if all(lex.has("tier_words", w) for w in words):
        return "none"  # "Gold", "Platinum Member": a tier, not an organisation
    if len(words) <= 3 and lex.has("first_names", words[0]):
        return "person"
    if all(lex.has("person_titles", w) for w in words):
        return "none"  # "VP", "CEO": a role, not an organisation
    if len(words) > 1 and any(lex.has("person_titles", w) for w in words):
        return "person"
    if all(lex.is_stop_cap(w) for w in words):
        return "none"
    if len(words) == 1 and _CONTRACTION.search(text):
        return "none"  # "Don't", "They'd", "It's": a word, not a name
    if sentence_initial and len(words) == 1 and text.isalpha() and text.endswith("s") \
            and not text.endswith(("ss", "us", "is")) and not text.isupper():
        return "none"  # "Telcos are joining ...": a common plural noun, not a name
    return "name"


def canonical(name: str, lex: Lexicon) -> str:
    """The alias table's name, else the name without legal suffix or possessive."""
    name = POSSESSIVE.sub("", name.strip().rstrip(".,"))
    known = lex.known(name)
    if known:
        return known
    stripped = _without_place(strip_suffixes(name, lex), lex)
    words = stripped.split()
    for k in range(len(words)):  # "Chinese telecom giant Huawei Technologies"
        known = lex.known(" ".join(words[k:]))
        if known and (k == 0 or _only_describes(words[:k], lex)):
            return known
    return stripped


def _without_place(name: str, lex: Lexicon) -> str:
    """"Seoul-based Sejong Cloud" -> "Sejong Cloud"; "Alpenglow Hosting of Salt
    Lake City" -> "Alpenglow Hosting", but "Bank of America" and "University of
    Texas" keep their "of" (a head noun in `of_heads` takes it)."""
    words = name.split()
    placed = next((i for i, w in enumerate(words[:3]) if _PLACE_MODIFIER.match(w)), None)
    if placed is not None and placed + 1 < len(words):  # "Cape Town-based Baobab Networks"
        words = words[placed + 1:]
    if "of" in words[1:-1]:
        at = words.index("of", 1)
        if not lex.has("of_heads", words[at - 1]):
            words = words[:at]
    return " ".join(words)


def _only_describes(words: list[str], lex: Lexicon) -> bool:
    """Words before a known name that only describe it ("Chinese telecom giant",
    "Beijing-based", "the German"), not a name of their own ("Nordfjord" in "Nordfjord Telekom")."""
    if any(w.rsplit("-", 1)[-1].islower() or not any(c.isalpha() for c in w) for w in words):
        return True  # "telecom giant", "Beijing-based", a dateline's "TOKYO --"
    return all(
        lex.is_stop_cap(w) or w.casefold() in lex.descriptors for w in words)


def strip_suffixes(name: str, lex: Lexicon) -> str:
    words = lex.strip_legal_suffix(name).replace(",", " ").split()
    if len(words) > 1 and words[0].casefold() == "the":
        words.pop(0)
    return " ".join(words).rstrip(".")


def one_name(first: str, second: str, lex: Lexicon) -> bool:
    """Is "<first> and <second>" one organisation? Yes when the alias table
    knows it ("Nippon Telegraph and Telephone"), or when only the second part
    carries a legal suffix and neither part is a known company on its own
    ("Marlow Gas and Light Co."), or when both name the fields an institution is
    "of" ("College of Engineering and Design"). A first part that is a whole company name
    already, ending in an organisation head ("Tessellate Networks and
    Brightfjord AS"), is a name of its own."""
    words = first.split()
    if _fields_of(words, second.split(), lex):
        return True
    if len(words) > 1 and lex.has("org_heads", words[-1]):
        return False
    joined = f"{first} and {second}"
    if lex.known(joined) or lex.known(strip_suffixes(joined, lex)):
        return True
    return (lex.strip_legal_suffix(second) != second and strip_suffixes(first, lex) == first
            and not lex.known(first) and not lex.known(strip_suffixes(second, lex)))


def _fields_of(first: list[str], second: list[str], lex: Lexicon) -> bool:
    """"College of Engineering" + "Design", "University of Science" +
    "Technology of Hanoi", "Electronics" + "Telecommunications Research
    Institute": an institution of two fields."""
    if "of" not in first[1:-1]:
        leading = next((k for k, w in enumerate(second) if not lex.has("field_words", w)),
                       len(second))
        return len(first) == 1 and lex.has("field_words", first[0]) and \
            0 < leading < len(second) and lex.has("org_heads", second[-1])
    at = first.index("of", 1)
    fields = second[:second.index("of")] if "of" in second[1:] else second
    return lex.has("of_heads", first[at - 1]) and 1 <= len(fields) <= 2 and \
        all(lex.has("field_words", w) for w in (*first[at + 1:], *fields))


def _split_list(text: str, lex: Lexicon) -> list[str]:
    """The items of a list, keeping "and" inside "Ministry of Trade and Industry"."""
    pieces = _LIST_SPLIT_KEEP.split(text)
    parts = [pieces[0]]
    for sep, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if sep.strip() == "and" and _fields_of(parts[-1].split(), part.split(), lex):
            parts[-1] = f"{parts[-1]} and {part}"
        elif sep.strip() == "," and _ONE_WORD.fullmatch(part) and \
                (place := _OF_PLACE.search(parts[-1])) and not lex.has("of_heads", place.group(1)):
            parts[-1] = f"{parts[-1]} {part}"  # "Nordhavn Systems of Aarhus, Denmark"
        else:
            parts.append(part)
    return parts


def blank_appositives(text: str, start: int, end: int) -> str:
    """`text` with the appositives of the list at start..end blanked (same
    length): what describes a member is no part of the phrase a veto reads."""
    inner = _APPOSITIVE.sub(lambda m: " " * len(m.group()), text[start:end])
    return text[:start] + inner + text[end:]


def list_names(text: str, lex: Lexicon) -> tuple[str, ...]:
    """Canonical names of "Canonical, Cisco, Extreme Networks and Grid Dynamics"."""
    names = []
    text = _ALONG_EXAMPLES.sub(", ", _PAREN.sub("", text))
    if "," in text:
        text = _APPOSITIVE.sub("", text)
    pair = _PAIR.fullmatch(text.strip())
    if pair and one_name(pair.group(1), pair.group(2).rstrip(",. "), lex):
        return (canonical(text.strip().rstrip(".,"), lex),)
    for part in _split_list(text, lex):
        part = _ARTICLE.sub("", _DESCRIBED.sub("", part.strip().rstrip(".")))  # "the non-profit X"
        if any(w.islower() and w not in _JOINERS
               for w in lex.strip_legal_suffix(part).split()[1:]):
            continue  # "a Swedish orchestration startup": a description, not a name
        if part and (is_cap(part) or lex.is_brand(part)) and classify_name(part, lex) == "name":
            names.append(canonical(part, lex))
    return tuple(dict.fromkeys(names))


def is_surname(body: str, name: str, lex: Lexicon) -> bool:
    """"Callahan joins ...", "Okafor: we joined ...": the story calls this
    person "Mark Callahan" (a first name), "CTO Dana Okafor" (a job title
    before) or "Dana Okafor, chief technology officer" (one after). A name the
    story also gives a company ("Bas Quillon" of "Quillon Hosting") is the
    company's short name: an eponymous firm acts as one."""
    if " " in name or lex.known(name) or _names_a_company(body, name, lex):
        return False
    pattern = re.compile(rf"\b([A-Z][a-z]+) {re.escape(name)}\b(,\s+(?:[\w-]+\s+){{0,3}}\w+)?")
    for found in pattern.finditer(body):
        if lex.has("first_names", found.group(1)):
            return True
        if _HIRED.search(body, max(0, found.start() - 30), found.start()):
            return True  # "has hired Dana Whitfield"
        before = body[max(0, found.start() - 40):found.start()].split()[-3:]
        after = found.group(2).split() if found.group(2) else []
        if any(lex.has("person_titles", w.strip(",")) or w.casefold() in _ROLE_WORDS
               for w in (*before, *after)):
            return True
    return False


def _names_a_company(body: str, name: str, lex: Lexicon) -> bool:
    """The story writes `name` followed by a company word: "Quillon Hosting"."""
    pattern = re.compile(rf"\b{re.escape(name)}\s+([A-Z][\w-]*)")
    return any(lex.has("org_heads", found.group(1)) for found in pattern.finditer(body))
