"""Word lists, company aliases and target names, compiled once per Classifier."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from classifiers.rulefile import CompanySpec

_SPACE = re.compile(r"\s+")
_OWNER_SUFFIX = re.compile(r"['’]s?$")
_CONTRACTION = re.compile(r"['’](?:s|re|ve|ll|d|m)$", re.I)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the engine looks up by word rather than by rule."""

    words: Mapping[str, frozenset[str]]
    canonical: Mapping[str, str]          # casefolded alias or name -> canonical name
    descriptors: Mapping[str, tuple[str, ...]]  # casefolded descriptor -> companies
    company_re: re.Pattern[str]           # known company mentions, case-sensitive
    target_re: re.Pattern[str]            # any watched target name, case-insensitive
    other_re: re.Pattern[str]             # other foundations and rival projects
    target_bare: str                      # regex source of target names, for macros
    target_keys: tuple[str, ...]          # lowercase target names, for the prefilter
    exact: Mapping[str, frozenset[str]]   # the word lists as written (case kept)
    non_name_re: re.Pattern[str]          # tokens that are never names ("Q3", "FY2024")
    publisher_re: re.Pattern[str]         # "<Name> engineering blog", "<Name> earnings call"
    reporting_re: re.Pattern[str]         # "<Name> said ... that" before a pronoun
    suffix_re: re.Pattern[str]            # trailing legal suffixes ("Acme Sp. z o.o.")

    def may_mention_target(self, text: str) -> bool:
        """Cheap prefilter: a lowercase substring test before any regex."""
        low = text.lower()
        return any(key in low for key in self.target_keys)

    def has(self, key: str, word: str) -> bool:
        return word.casefold() in self.words.get(key, frozenset())

    def is_stop_cap(self, word: str) -> bool:
        """A capitalised word that does not start a name ("The", "News"); an
        all-caps word ("NEWS", "LINE") is one only if the list writes it so."""
        if len(word) > 1 and word.isupper() and word.isalpha():
            return word in self.exact.get("stop_caps", frozenset()) or \
                word in self.exact.get("gap_caps", frozenset())
        if self.has("stop_caps", word) or self.has("gap_caps", word):
            return True
        stem = _CONTRACTION.sub("", word)  # "We're", "It's", "You've"
        return stem != word and (self.has("stop_caps", stem) or self.has("pronouns", stem))

    def strip_legal_suffix(self, name: str) -> str:
        """"Ostrava Cloud s.r.o." -> "Ostrava Cloud" (a one-word name stays)."""
        return self.suffix_re.sub("", name)

    def is_legal_suffix(self, word: str) -> bool:
        return self.suffix_re.fullmatch(" " + word) is not None

    def words_as_written(self, key: str) -> frozenset[str]:
        return self.exact.get(key, frozenset())

    def is_non_name(self, word: str) -> bool:
        """"Q3", "FY2024", "Q2's": a period, never an organisation."""
        return self.non_name_re.fullmatch(_OWNER_SUFFIX.sub("", word)) is not None

    def known(self, name: str) -> str | None:
        """The canonical name of a known company form, if it is one."""
        return self.canonical.get(_SPACE.sub(" ", name).casefold())

    def is_target(self, text: str) -> bool:
        return self.target_re.fullmatch(text.strip()) is not None

    def is_other(self, text: str) -> bool:
        return self.other_re.fullmatch(text.strip()) is not None

    def for_story(self, names: Mapping[str, str], brands: frozenset[str]) -> Lexicon:
        """This lexicon plus what one story teaches (`classifiers.story_names`):
        name forms -> canonical name, and lowercase words that are names there."""
        canonical = {**self.canonical, **{k.casefold(): v for k, v in names.items()}}
        return replace(self, canonical=canonical, words={**self.words, "brands": brands})

    def is_brand(self, word: str) -> bool:
        """A lowercase word this story uses as a name ("kaskade", "nuvola.io")."""
        return word in self.words.get("brands", frozenset())


def build_lexicon(targets: Sequence[str], companies: Iterable[CompanySpec],
                  words: Mapping[str, Iterable[str]]) -> Lexicon:
    """Compile the merged word lists and company table for one target set."""
    folded = {key: frozenset(w.casefold() for w in values) for key, values in words.items()}
    canonical: dict[str, str] = {}
    descriptors: dict[str, list[str]] = {}
    forms: list[str] = []
    for company in companies:
        for form in (company.name, *company.aliases):
            canonical.setdefault(form.casefold(), company.name)
            forms.append(form)
        for descriptor in company.descriptors:
            descriptors.setdefault(descriptor.casefold(), []).append(company.name)
    target_bare = _target_source(targets)
    target_re = re.compile(rf"(?<![\w-]){target_bare}(?![\w])", re.I)
    others = [w for w in words.get("other_targets", ()) if not target_re.fullmatch(w)]
    return Lexicon(
        words=folded,
        canonical=canonical,
        descriptors={k: tuple(v) for k, v in descriptors.items()},
        company_re=_alternation(forms, flags=0),
        target_re=target_re,
        other_re=_alternation(others, flags=0),
        target_bare=target_bare,
        target_keys=tuple(sorted({" ".join(n.split()).lower() for n in target_names(targets)})),
        exact={key: frozenset(values) for key, values in words.items()},
        non_name_re=_patterns(words.get("non_names", ())),
        publisher_re=_publisher_re(words.get("publisher_nouns", ()),
                                   words.get("non_names", ())),
        reporting_re=_reporting_re(words.get("reporting_verbs", ())),
        suffix_re=legal_suffix_re(words.get("corporate_suffixes", ())),
    )


_NAME_WORD = r"(?:[A-Z0-9][\w&'’.+-]*[\w&+]|[A-Z])"


def _publisher_re(nouns: Iterable[str], non_names: Iterable[str]) -> re.Pattern[str]:
    """A name right before a publisher noun, periods ("Q3 2023") and one
    lowercase modifier ("engineering") allowed between them."""
    nouns = sorted(set(nouns), key=len, reverse=True)
    if not nouns:
        return re.compile(r"(?!x)x")
    period = "|".join(f"(?:{p})" for p in non_names) or r"(?!x)x"
    noun = "|".join(_loose(n) for n in nouns)
    return re.compile(
        rf"(?-i:(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}?))"
        rf"(?:\s+(?:{period}|\d{{4}}))*(?:\s+(?-i:[a-z]+))?\s+(?:{noun})\b", re.I)


_REPORT_ADJUNCT = (
    r"(?:\s+(?:today|yesterday|tonight|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:this|last|earlier\s+this)\s+(?:week|month|morning|afternoon)"
    r"|in\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|email|e-mail|filing"
    r"|release|letter|interview|note|announcement)),?)*")


def _reporting_re(verbs: Iterable[str]) -> re.Pattern[str]:
    """A reporting verb, then at most a short adjunct ("today", "on Monday",
    "in a statement") or a longer one closed by "that", at the end."""
    body = "|".join(_loose(v) for v in sorted(set(verbs), key=len, reverse=True))
    if not body:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<!-)\b(?:{body})\b(?!-)"  # "state-funded" reports nothing
                      rf"(?:[^.;:\"“”]{{0,90}}?\bthat|{_REPORT_ADJUNCT})\s*$", re.I)


def legal_suffix_re(forms: Iterable[str]) -> re.Pattern[str]:
    """Trailing legal suffixes after a name ("Acme, Inc.", "Acme Pty Ltd",
    "Acme Sp. z o.o."): each form with optional dots and flexible spaces,
    case-insensitive, one or more in a row, never the whole name."""
    body = legal_suffix_source(forms)
    return re.compile(rf"(?<=[^\s,])(?:\s*,?\s+{body})+\.?\s*$", re.I)


def legal_suffix_source(forms: Iterable[str]) -> str:
    """Regex source for one legal suffix of `forms` (a whole word or words)."""
    alternatives = sorted({_suffix_source(f) for f in forms if f.strip(" .")}, key=len,
                          reverse=True)
    if not alternatives:
        return r"(?!x)x"
    return rf"(?:{'|'.join(alternatives)})(?![\w&])"


def _suffix_source(form: str) -> str:
    out = []
    for char in form.strip():
        if char == ".":
            out.append(r"\.?")
        elif char.isspace():
            out.append(r"\s*")
        else:
            out.append(re.escape(char))
    return "".join(out).replace(r"\s*\s*", r"\s*")


def _patterns(sources: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{s})" for s in sources)
    return re.compile(body or r"(?!x)x", re.I)


def target_names(targets: Sequence[str]) -> list[str]:
    """Target names without a leading article, plus one-word stems of "X Foundation"."""
    names: list[str] = []
    for target in targets:
        name = re.sub(r"^the\s+", "", target.strip(), flags=re.I)
        if name:
            names.append(name)
        stem = re.sub(r"\s+Foundation$", "", name, flags=re.I)
        if stem != name and " " not in stem:
            names.append(stem)
    return sorted(set(names), key=len, reverse=True)


def _target_source(targets: Sequence[str]) -> str:
    names = target_names(targets)
    if not names:
        raise ValueError("at least one target name is needed")
    # Atomic: "OpenStack Foundation" never gives back "Foundation" to what follows.
    return "(?>" + "|".join(_loose(n) for n in names) + ")"


def _alternation(forms: Iterable[str], flags: int) -> re.Pattern[str]:
    unique = sorted({f for f in forms if f}, key=len, reverse=True)
    if not unique:
        return re.compile(r"(?!x)x")
    body = "|".join(_loose(f) for f in unique)
    return re.compile(rf"(?<![\w&])(?:{body})(?![\w&])", flags)


def _loose(name: str) -> str:
    """Regex source for a literal name, any run of whitespace between its words."""
    return r"\s+".join(re.escape(part) for part in name.split())
