"""Merging the packaged rule files with an admin's extra ones and compiling them.

Patterns may use ``{MACRO}`` names from any file's ``[macros]`` table, every
``[cues]`` list (merged across files, see `classifiers.cues`), plus three
generated ones: ``TARGET_BARE`` (the watched names), ``OTHER`` (other
foundations) and ``LEGAL`` (one legal suffix: "GmbH", "Sp. z o.o.").
Everything is compiled once, when a Classifier is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import ahocorasick

from classifiers.cues import cue_source, list_anchors, phrase_source
from classifiers.errors import RuleError
from classifiers.lexicon import Lexicon, build_lexicon, legal_suffix_source
from classifiers.model import Action
from classifiers.names import CONNECTOR_RE
from classifiers.rulefile import CompanySpec, RuleFile, RuleSpec, VetoSpec, Where, parse_rule_file

PACKAGED = ("cues.toml", "rules.toml", "vetoes.toml", "companies.toml", "words.toml")
DEFAULT_TARGETS = ("OpenStack", "the OpenStack Foundation", "the OpenInfra Foundation",
                   "the Open Infrastructure Foundation")
_MACRO_REF = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_MAX_MACRO_DEPTH = 12


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled join/leave pattern; `target` says where a target must be seen,
    `cue` what must also be found in the `cue_scope` window ("as of today")."""

    id: str
    action: Action
    regex: re.Pattern[str]
    confidence: float
    target: str
    keywords: tuple[str, ...]
    requires: re.Pattern[str] | None
    lists_orgs: bool
    cue: re.Pattern[str] | None = None
    cue_scope: str = "sentence"
    requires_scope: str = "near"


@dataclass(frozen=True, slots=True)
class Veto:
    """A compiled suppressor looked for in one window (`scope`) around a match;
    it stands down when `unless` is found in its own window."""

    id: str
    reason: str
    scope: str
    regex: re.Pattern[str]
    actions: frozenset[str]
    unless: re.Pattern[str] | None = None
    unless_scope: str = "sentence"
    unless_this_year: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    vetoes: tuple[Veto, ...]
    lexicon: Lexicon
    keywords: tuple[str, ...]                        # every rule keyword, once
    by_keyword: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    ungated: tuple[int, ...] = ()                    # rules without keywords
    finder: ahocorasick.Automaton | None = field(default=None, compare=False, repr=False)

    def keywords_in(self, low: str) -> frozenset[str]:
        """Rule keywords present in a casefolded sentence: one Aho-Corasick pass finds
        them all, where a substring test per keyword scanned the text 345 times."""
        if self.finder is None:
            return frozenset(filter(low.__contains__, self.keywords))
        return frozenset(keyword for _, keyword in self.finder.iter(low))

    def gated(self, low: str) -> list[Rule]:
        """The rules whose keyword gate a casefolded sentence passes, in rule
        order (an index from keyword to rules, not a test per rule)."""
        picked = set(self.ungated)
        for keyword in self.keywords_in(low):
            picked.update(self.by_keyword[keyword])
        return [self.rules[i] for i in sorted(picked)]


def load_ruleset(targets: Sequence[str] = DEFAULT_TARGETS,
                 extra_rule_files: Sequence[Path] = ()) -> RuleSet:
    """Read the packaged data files, then each extra file, and compile them."""
    files = [_packaged(name) for name in PACKAGED]
    files += [_read_extra(Path(p)) for p in extra_rule_files]
    return compile_files(files, targets)


def compile_files(files: Sequence[RuleFile], targets: Sequence[str]) -> RuleSet:
    """Merge checked files (later ones extend earlier ones) and compile."""
    words: dict[str, list[str]] = {}
    companies: dict[str, CompanySpec] = {}
    for file in files:
        for key, values in file.words:
            words.setdefault(key, []).extend(values)
        for company in file.companies:
            companies[company.name] = _merge_company(companies.get(company.name), company)
    lexicon = build_lexicon(targets, companies.values(), words)
    macros = _macros(files, lexicon)
    cue_lists = {name: phrases for name, (phrases, _) in _cue_lists(files).items()}
    rule_specs, veto_specs = _unique_specs(files)
    rules = tuple(_compile_rule(spec, macros, cue_lists) for spec in rule_specs)
    by_keyword: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for keyword in rule.keywords:
            by_keyword.setdefault(keyword, []).append(i)
    return RuleSet(
        rules=rules,
        vetoes=tuple(_compile_veto(spec, macros) for spec in veto_specs),
        lexicon=lexicon,
        keywords=tuple(sorted(by_keyword)),
        by_keyword={k: tuple(v) for k, v in by_keyword.items()},
        ungated=tuple(i for i, rule in enumerate(rules) if not rule.keywords),
        finder=_finder(by_keyword),
    )


def _finder(keywords: Iterable[str]) -> ahocorasick.Automaton | None:
    """An automaton that reports every keyword found in a text, overlaps included."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for keyword in keywords:
        automaton.add_word(keyword, keyword)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def packaged_words() -> dict[str, tuple[str, ...]]:
    """The packaged word lists (for users of one list without a Classifier)."""
    out: dict[str, tuple[str, ...]] = {}
    for key, values in _packaged("words.toml").words:
        out[key] = out.get(key, ()) + values
    return out


def _packaged(name: str) -> RuleFile:
    text = resources.files("classifiers").joinpath("data", name).read_text("utf-8")
    return parse_rule_file(text, f"classifiers/data/{name}")


def _read_extra(path: Path) -> RuleFile:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), 1, "", f"cannot read rule file: {exc}") from None
    return parse_rule_file(text, str(path))


def _merge_company(old: CompanySpec | None, new: CompanySpec) -> CompanySpec:
    if old is None:
        return new
    return CompanySpec(old.name, old.aliases + new.aliases, old.descriptors + new.descriptors)


def _macros(files: Sequence[RuleFile], lexicon: Lexicon) -> dict[str, tuple[str, Where | None]]:
    macros: dict[str, tuple[str, Where | None]] = {
        "TARGET_BARE": (lexicon.target_bare, None),
        "OTHER": (f"(?-i:{lexicon.other_re.pattern})", None),
        "LEGAL": (legal_suffix_source(lexicon.words_as_written("corporate_suffixes")), None),
        # Lowercase words inside one name ("Instituto Federal de Tecnologia do Paraná").
        "NAME_CONNECTOR": (f"(?:{CONNECTOR_RE})", None),
    }
    for file in files:
        for name, value, where in file.macros:
            if name in macros:
                first = macros[name][1]
                origin = f"{first.path}:{first.line}" if first else "generated"
                raise where.error(f"macro {name} is already defined ({origin})")
            macros[name] = (value, where)
    for name, (phrases, where) in _cue_lists(files).items():
        if name in macros:
            first = macros[name][1]
            origin = f"{first.path}:{first.line}" if first else "generated"
            raise where.error(f"cue list {name} has the name of a macro ({origin})")
        macros[name] = (cue_source(phrases), where)
    return macros


def _cue_lists(files: Sequence[RuleFile]) -> dict[str, tuple[list[str], Where]]:
    """Cue lists merged by name; every phrase must compile on its own."""
    lists: dict[str, tuple[list[str], Where]] = {}
    for file in files:
        for name, phrases, where in file.cues:
            for phrase in phrases:
                if not _MACRO_REF.search(phrase):
                    _compile(phrase_source(phrase), where)
            lists.setdefault(name, ([], where))[0].extend(phrases)
    return lists


def _unique_specs(files: Sequence[RuleFile]) -> tuple[list[RuleSpec], list[VetoSpec]]:
    rules: list[RuleSpec] = []
    vetoes: list[VetoSpec] = []
    seen: dict[str, Where] = {}
    for file in files:
        specs: list[RuleSpec | VetoSpec] = [*file.rules, *file.vetoes]
        for spec in specs:
            if spec.id in seen:
                first = seen[spec.id]
                raise spec.where.error(f"duplicate id {spec.id!r} (first at {first.path}:"
                                       f"{first.line})")
            seen[spec.id] = spec.where
        rules += file.rules
        vetoes += file.vetoes
    for file in files:
        for rule_id in file.disabled:
            if rule_id not in seen:
                raise file.disabled_where.error(f"unknown rule or veto id {rule_id!r}")
    disabled = {rule_id for file in files for rule_id in file.disabled}
    return ([r for r in rules if r.id not in disabled],
            [v for v in vetoes if v.id not in disabled])


def expand(pattern: str, macros: dict[str, tuple[str, Where | None]], where: Where) -> str:
    """Replace ``{NAME}`` references, recursively, failing on unknown names or cycles."""
    for _ in range(_MAX_MACRO_DEPTH):
        names = _MACRO_REF.findall(pattern)
        if not names:
            return pattern
        for name in names:
            if name not in macros:
                raise where.error(f"unknown macro {{{name}}}")
        pattern = _MACRO_REF.sub(lambda m: macros[m.group(1)][0], pattern)
    raise where.error("macros nest too deeply (is one defined in terms of itself?)")


def _compile(source: str, where: Where) -> re.Pattern[str]:
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise where.error(exc.msg) from None


def _keywords(spec: RuleSpec, cue_lists: dict[str, list[str]]) -> tuple[str, ...]:
    """Literal keywords; "{LIST}" stands for the anchors of a cue list. A list
    whose phrases give no anchors leaves the rule ungated (it runs anyway)."""
    out: set[str] = set()
    for keyword in spec.keywords:
        ref = _MACRO_REF.fullmatch(keyword)
        if ref is None:
            out.add(keyword.casefold())
            continue
        if ref.group(1) not in cue_lists:
            raise spec.where.error(f"keyword {keyword} names no cue list")
        found = list_anchors(cue_lists[ref.group(1)])
        if found is None:
            return ()
        out |= found
    return tuple(sorted(out))


def _compile_rule(spec: RuleSpec, macros: dict[str, tuple[str, Where | None]],
                  cue_lists: dict[str, list[str]]) -> Rule:
    regex = _compile(expand(spec.pattern, macros, spec.where), spec.where)
    requires = None
    if spec.requires is not None:
        req_where = Where(spec.where.path, spec.where.line,
                          spec.where.key.replace(".pattern", ".requires"))
        requires = _compile(expand(spec.requires, macros, req_where), req_where)
    default_target = "match" if "{TARGET" in spec.pattern else "sentence"
    action: Action = "joined" if spec.action == "joined" else "left"
    cue = None
    if spec.cue is not None:
        cue_where = Where(spec.where.path, spec.where.line,
                          spec.where.key.replace(".pattern", ".cue"))
        cue = _compile(expand(spec.cue, macros, cue_where), cue_where)
    return Rule(
        id=spec.id,
        action=action,
        regex=regex,
        confidence=spec.confidence,
        target=spec.target or default_target,
        keywords=_keywords(spec, cue_lists),
        requires=requires,
        lists_orgs="orgs" in regex.groupindex,
        cue=cue,
        cue_scope=spec.cue_scope,
        requires_scope=spec.requires_scope,
    )


def _compile_veto(spec: VetoSpec, macros: dict[str, tuple[str, Where | None]]) -> Veto:
    regex = _compile(expand(spec.pattern, macros, spec.where), spec.where)
    unless = None
    if spec.unless is not None:
        where = Where(spec.where.path, spec.where.line,
                      spec.where.key.replace(".pattern", ".unless"))
        unless = _compile(expand(spec.unless, macros, where), where)
    return Veto(spec.id, spec.reason, spec.scope, regex, frozenset(spec.actions), unless,
                spec.unless_scope, spec.unless_this_year)
