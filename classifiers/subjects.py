"""Who did it: the organisation(s) in subject position before a matched verb,
or the coordinated names a list rule captured.

Sentence structure, not a company list, decides: walking left from the verb
over auxiliaries and adverbs ("has now officially"), the first capitalised run
is the subject ("Extreme Networks"); a pronoun or "the Redmond giant" is left
for `resolve` to look up; any other word means the subject is not a name
("large organizations continue to join") and nothing is reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

from classifiers.clauses import DETERMINERS, TOKEN, blank_comma_suffixes, segment_start
from classifiers.leading_subjects import leading_subject, series_subject
from classifiers.lexicon import Lexicon
from classifiers.name_runs import (
    APPOSITIVE_STARTS,
    MAX_RUN,
    Subject,
    dashed_list,
    name_subject,
    run_start,
    skip_appositive,
)
from classifiers.names import NAME_CONNECTORS, POSSESSIVE, canonical, is_cap, list_names

_YEAR_OR_NUMBER = re.compile(r"\d[\d,.]*")
_ADVERB = re.compile(r"[a-z]{3,}ly")  # "widely", "publicly": may stand between subject and verb
_RELATIVES = frozenset({"that", "which", "who"})
#: Heads a programme or network is named with: "the Tarn programme", "the Kell
#: research network" (the name before the head is the member).
_NAMED_HEADS = frozenset({"programme", "program", "initiative", "network", "consortium"})
_DEMONYM_WORD = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|i)")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_GENERIC_PREPOSITIONS = frozenset({"of", "at", "in", "from", "within", "inside", "across"})
_PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "near", "from", "outside", "across"})
_PLACE_PARTICIPLES = frozenset({"based", "headquartered", "located", "registered", "founded",
                                "incorporated", "active", "operating"})
_MAX_GAP = 10
__all__ = ["APPOSITIVE_STARTS", "Subject", "subject_before"]
_SINGULAR_APPOSITIVE = re.compile(r",\s*an?\s", re.I)
#: "<plural noun>, among them A, B and C, <gap words>" right before the verb.
_EXAMPLES = re.compile(
    r"(?:^|(?<=[,;:]\s)|(?<=^\W))(?P<head>(?:[\w-]+\s+){0,6}?(?-i:[a-z][\w-]*s))\s*(?P<comma>,)?\s*"
    r"(?:among\s+them|among\s+whom|including|such\s+as|notably|namely)\s+"
    r"(?P<names>(?-i:[A-Z0-9])[^;:()]*?)\s*(?(comma),\s*|)(?P<gap>(?-i:[a-z]+\s+){0,4})$", re.I)
_SUBORDINATORS = frozenset({"as", "when", "while", "since", "because", "if", "after", "before",
                            "unlike", "like"})
_EXAMPLE_WORDS = ("among them", "among whom", "including", "such as", "notably", "namely")
_NAME_PART = re.compile(r"(?:[Tt]he\s+)?[A-Z0-9][\w&.'’+-]*"
                        r"(?:\s+(?:of\s+|&\s+|de\s+)?[A-Z0-9][\w&.'’+-]*)*!?")  # "Yahoo!"
_LIST_SEPARATORS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_ODD_NAME = re.compile(r"(?=[^\s]*[a-z])(?=[^\s]*[\d&+.])[a-z][\w&.+-]*[\w&+]")
_FOREIGN_CONNECTORS = NAME_CONNECTORS - {"of"}  # "des", "de", "del", "voor", ...
_CONTRACTED = re.compile(r"['’](?:re|ve|ll|d)$")
def subject_before(sentence: str, end: int, lex: Lexicon) -> Subject:
    """The subject of the verb phrase that starts at `end`."""
    sentence = blank_comma_suffixes(sentence)
    seg_start = segment_start(sentence, end)
    if any(word in sentence for word in _EXAMPLE_WORDS):
        examples = _named_examples(sentence, seg_start, end, lex)
        if examples is not None:
            return examples
    tokens = list(TOKEN.finditer(sentence, seg_start, end))
    i = len(tokens) - 1
    gap = 0
    gap_from = -1
    aside = ""
    conjunction = -1
    relative = False
    while i >= 0:
        tok = tokens[i].group()
        low = tok.casefold()
        if low == "and" and conjunction < 0:
            conjunction = i
        relative = relative or low in _RELATIVES
        if tok == ",":
            j = skip_appositive(tokens, i)
            if j == i - 1 and gap == len(tokens) - 1 - i and i > 0 and not relative:
                shared = leading_subject(sentence, tokens, i, lex)
                if shared.how in ("name", "descriptor"):  # "Brodick ups ..., joins foundation"
                    return shared
            if j < i - 1 and gap_from < 0:
                gap_from = tokens[i].end()
                aside = sentence[tokens[j + 1].start():tokens[i].end()]
            i = j
            continue
        if lex.is_non_name(tok):  # "Dornoch in Q2 signed up"
            i -= 1
            continue
        low = _CONTRACTED.sub("", low)  # "we're", "they've"
        if (lex.has("pronouns", low) or lex.has("person_pronouns", low)) and \
                (not tok.isupper() or tok == "I"):  # "It", "We"; not "IT", "US"
            how = "pronoun" if lex.has("pronouns", low) else "person"
            m = tokens[i]
            return Subject(how, (), m.start(), m.end(), tok[:len(low)])
        if lex.is_brand(tok) or _described_lowercase_name(tokens, i, lex):
            # "kaskade joins", "nuvola.io is now": a story's own name;
            # "the hosting company n0de&co has": a name a descriptor introduces
            m = tokens[i]
            return Subject("name", (canonical(tok, lex),), m.start(), m.end(), tok,
                           gap_from=gap_from, appositive=aside)
        if is_cap(tok) and not lex.has("gap_caps", low) and not _YEAR_OR_NUMBER.fullmatch(tok):
            found = name_subject(sentence, tokens, i, seg_start, lex)
            if relative:  # "a consortium based in Santiago, Chile, that became": not Chile
                found = _past_place(sentence, tokens, found, seg_start, lex) or found
            elif _object_of_noun(tokens, found, lex):  # "Payments affiliate of Strathmore takes"
                return Subject("none", (), found.start, found.end, found.text)
            found = _one_if_described(found, aside, lex)
            return replace(found, gap_from=gap_from, appositive=aside)
        named = _named_by_head(sentence, tokens, i, seg_start, lex)
        if named is not None:  # "with the Tarn programme now a member"
            return replace(named, gap_from=gap_from, appositive=aside)
        if lex.has("descriptor_heads", low):  # "The virtualisation company, whose ..., is"
            return replace(_descriptor(sentence, tokens, i, lex), gap_from=gap_from,
                           appositive=aside)
        foreign = _foreign_institution(sentence, tokens, i, lex)
        if foreign is not None:  # "The Direction interministérielle des infrastructures ..."
            return replace(foreign, gap_from=gap_from, appositive=aside)
        if lex.has("proxy_nouns", low) and i > 0 and is_cap(tokens[i - 1].group()) and \
                POSSESSIVE.search(tokens[i - 1].group()):  # "Acme's name has gone from"
            found = name_subject(sentence, tokens, i - 1, seg_start, lex)
            return replace(found, gap_from=gap_from, appositive=aside)
        if low == "that" and i > 0 and _opens_clause(tokens[i - 1].group(), lex):
            break  # "..., and that rejoining the foundation was": no subject of its own
        if POSSESSIVE.search(tok) is None and (lex.has("gap_words", low) or _ADVERB.fullmatch(tok)
                                                or _YEAR_OR_NUMBER.fullmatch(tok)):
            gap += 1
            if gap > _MAX_GAP:
                break
            i -= 1
            continue
        break
    if conjunction > 0 and i < conjunction:
        found = leading_subject(sentence, tokens, conjunction, lex)
        return found if found.how != "none" else series_subject(sentence, tokens, conjunction,
                                                                 lex)
    if i < 0 and seg_start > 0:
        return dashed_list(sentence, seg_start, lex) or Subject("none", (), end, end, "")
    return Subject("none", (), end, end, "")


def _named_examples(sentence: str, seg_start: int, end: int, lex: Lexicon) -> Subject | None:
    """"More than two dozen companies, among them Citrix, Dell and AMD, have
    joined": a plural subject's named examples are who acted."""
    found = _EXAMPLES.search(sentence, seg_start, end)
    if found is None or not all(lex.has("gap_words", w) for w in found.group("gap").split()) \
            or _SUBORDINATORS & set(found.group("head").casefold().split()):
        return None  # "even as rivals such as A and B signed up": background, not the clause
    text = found.group("names")
    parts = _LIST_SEPARATORS.split(text)
    names = list_names(text, lex)
    if not names or len(names) != len(parts) or \
            not all(_NAME_PART.fullmatch(p) for p in parts):
        return None
    return Subject("name", names, found.start("head"), found.end("names"), text)


def _foreign_institution(sentence: str, tokens: list[re.Match[str]], i: int,
                         lex: Lexicon) -> Subject | None:
    """A clause-initial institution name that capitalises only its first word,
    as French, Spanish or Italian ones do ("The Direction interministérielle des
    infrastructures numériques, the French agency ..., has joined"): lowercase
    words joined by "des"/"de"/"del" after one capitalised word."""
    k = i
    while k >= 0 and tokens[k].group().isalpha() and tokens[k].group().islower() and i - k < 6:
        k -= 1
    words = {t.group() for t in tokens[k + 1:i + 1]}
    if k < 0 or i == k or not words & _FOREIGN_CONNECTORS or not is_cap(tokens[k].group()) \
            or lex.has("gap_words", tokens[k].group().casefold()) or \
            any(lex.has("gap_words", w) for w in words):
        return None
    begin = k - 1 if k > 0 and tokens[k - 1].group().casefold() in ("the", "la", "le", "el") \
        else k
    if begin > 0 and tokens[begin - 1].group() not in (",", ";", ":"):
        return None
    name = sentence[tokens[k].start():tokens[i].end()]
    return Subject("name", (name,), tokens[k].start(), tokens[i].end(), name)


def _named_by_head(sentence: str, tokens: list[re.Match[str]], i: int, seg_start: int,
                   lex: Lexicon) -> Subject | None:
    """"the Tarn programme": a name between "the" and a programme's head noun
    is the organisation (not "the Danish programme", a nationality)."""
    if tokens[i].group().casefold() not in _NAMED_HEADS or i < 2:
        return None
    before = tokens[i - 1].group()
    if not is_cap(before) or lex.is_stop_cap(before):
        return None
    found = name_subject(sentence, tokens, i - 1, seg_start, lex)
    if found.how != "name" or len(found.names) != 1 or _DEMONYM_WORD.fullmatch(found.text) or \
            not _THE_BEFORE.search(sentence, 0, found.start):
        return None
    return found


def _described_lowercase_name(tokens: list[re.Match[str]], i: int, lex: Lexicon) -> bool:
    """A lowercase token no word could be ("n0de&co", "k8s.io") right after a
    descriptor noun ("the Lyon-based hosting company n0de&co") is its name."""
    tok = tokens[i].group()
    return i > 0 and _ODD_NAME.fullmatch(tok) is not None and \
        lex.has("descriptor_heads", tokens[i - 1].group().casefold())


def _one_if_described(found: Subject, aside: str, lex: Lexicon) -> Subject:
    """"Baird and Keller Datacenters, an Edinburgh provider, has joined": an
    appositive that says "a"/"an" describes one organisation, so "X and Y"
    before it is one name."""
    if found.how != "name" or len(found.names) != 2 or "," in found.text or \
            not _SINGULAR_APPOSITIVE.match(aside):
        return found
    return replace(found, names=(canonical(found.text, lex),))


def _descriptor(sentence: str, tokens: list[re.Match[str]], head: int, lex: Lexicon) -> Subject:
    for j in range(head - 1, max(-1, head - 5), -1):
        if tokens[j].group().casefold() in DETERMINERS:
            start, end = tokens[j].start(), tokens[head].end()
            return Subject("descriptor", (), start, end, sentence[start:end])
    if head < 4 and tokens[0].start() == 0 and not lex.is_stop_cap(tokens[0].group()) and all(
            t.group().isalpha() and (t.group().islower() or k == 0) and
            t.group().casefold() not in ("a", "an") for k, t in enumerate(tokens[:head])):
        # a headline drops its article: "Korean research university becomes ..."
        start, end = tokens[0].start(), tokens[head].end()
        return Subject("descriptor", (), start, end, sentence[start:end])
    return Subject("none", (), tokens[head].start(), tokens[head].end(), tokens[head].group())


def _past_place(sentence: str, tokens: list[re.Match[str]], found: Subject, seg_start: int,
                lex: Lexicon) -> Subject | None:
    """The antecedent of a relative clause when the name before it is only the
    object of a place phrase: "<X>, a company (based) in Austin, Texas, that
    joined" is X; "<X> is a consortium based in Santiago, Chile, that became"
    is X too (the subject of "is"). None when the name is no such object."""
    k = first = next((j for j, t in enumerate(tokens) if t.start() == found.start), -1)
    while k >= 2 and tokens[k - 1].group() == "," and is_cap(tokens[k - 2].group()):
        k = run_start(tokens, k - 2, lex)  # "Santiago, Chile"
    if k < 1 or tokens[k - 1].group().casefold() not in _PLACE_PREPOSITIONS:
        return None
    place = k < first  # "City, Country"
    k -= 1
    while k > 0 and tokens[k - 1].group().casefold() in _PLACE_PARTICIPLES:
        k, place = k - 1, True
    if k < 1 or not (place or lex.has("descriptor_heads", tokens[k - 1].group())):
        return None  # "came from Camborne Systems, which ...": Camborne is the antecedent
    if is_cap(tokens[k - 1].group()):
        return name_subject(sentence, tokens, k - 1, seg_start, lex)
    for m in range(k - 1, max(-1, k - MAX_RUN - 3), -1):
        word = tokens[m].group().casefold()
        if word in ("is", "was", "are", "were"):
            return subject_before(sentence, tokens[m].start(), lex)
        if not word.isalpha():
            break
    return Subject("none", (), tokens[k - 1].start(), tokens[k - 1].end(), "")


def _object_of_noun(tokens: list[re.Match[str]], found: Subject, lex: Lexicon) -> bool:
    """"affiliate of Strathmore", "a unit of Acme", "everyone at Bexco": the
    name only completes a noun, which is the real subject."""
    k = next((j for j, t in enumerate(tokens) if t.start() == found.start), -1)
    if k < 2:
        return False
    preposition, noun = tokens[k - 1].group(), tokens[k - 2].group()
    m = k - 1
    while m >= 2 and m > k - 3 and tokens[m].group().isalpha() and tokens[m].group().islower() \
            and tokens[m].group() not in _GENERIC_PREPOSITIONS:
        m -= 1  # "names in enterprise IT": lowercase words before the name
    if tokens[m].group() in _GENERIC_PREPOSITIONS and \
            lex.has("generic_heads", tokens[m - 1].group()):
        return True  # "anyone in", "staff at", "many of", "the biggest names in enterprise IT"
    return preposition == "of" and noun.isalpha() and noun.islower() and \
        not lex.has("gap_words", noun)


def _opens_clause(word: str, lex: Lexicon) -> bool:
    """Before "that", a word that makes it a complementiser ("and that",
    "said that"), not a relative pronoun ("the company that")."""
    low = word.casefold()
    return low in ("and", "but", "or") or lex.has("reporting_verbs", low)


