"""Reading one TOML rule file into checked, located specs (nothing compiled yet).

Every value is checked here so that a typo in an admin's extra rule file fails
loudly with ``path:line: rules[3].pattern: ...`` instead of being dropped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from classifiers.errors import RuleError

ACTIONS = ("joined", "left")
TARGET_MODES = ("match", "sentence", "context")
SCOPES = ("sentence", "before", "lead", "gap", "clause", "match", "after", "tail", "subject",
          "appositive", "rest", "onward", "relative")
WORD_KEYS = (
    "gap_words", "gap_caps", "pronouns", "person_pronouns", "descriptor_heads",
    "stop_caps", "first_names", "corporate_suffixes", "other_targets", "abbreviations",
    "related_headers", "denial_cues", "org_heads", "person_titles", "first_person",
    "reporting_verbs", "non_names", "publisher_nouns", "tier_words",
    "proxy_nouns", "plural_pronouns", "project_names", "join_change_words",
    "leave_change_words", "generic_heads", "key_ignored_words", "of_heads",
    "campus_heads", "field_words",
)
_RULE_KEYS = {"id", "action", "pattern", "confidence", "target", "keywords", "requires",
              "requires_scope", "cue", "cue_scope", "note"}
REQUIRES_SCOPES = ("near", "heading", "list")
_VETO_KEYS = {"id", "reason", "scope", "pattern", "actions", "unless", "unless_scope",
              "unless_this_year", "note"}
_COMPANY_KEYS = {"name", "aliases", "descriptors"}
_TOP_KEYS = {"macros", "cues", "rules", "vetoes", "companies", "words", "disabled"}
_MACRO_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a value was written, for error messages raised after loading."""

    path: str
    line: int
    key: str

    def error(self, message: str) -> RuleError:
        return RuleError(self.path, self.line, self.key, message)


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    action: str
    pattern: str
    confidence: float
    target: str | None
    keywords: tuple[str, ...]
    requires: str | None
    where: Where
    cue: str | None = None
    cue_scope: str = "sentence"
    requires_scope: str = "near"


@dataclass(frozen=True, slots=True)
class VetoSpec:
    id: str
    reason: str
    scope: str
    pattern: str
    actions: tuple[str, ...]
    where: Where
    unless: str | None = None
    unless_scope: str = "sentence"
    unless_this_year: bool = False


@dataclass(frozen=True, slots=True)
class CompanySpec:
    name: str
    aliases: tuple[str, ...]
    descriptors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleFile:
    """The checked content of one file; several are merged into a RuleSet."""

    macros: tuple[tuple[str, str, Where], ...]
    cues: tuple[tuple[str, tuple[str, ...], Where], ...]
    rules: tuple[RuleSpec, ...]
    vetoes: tuple[VetoSpec, ...]
    companies: tuple[CompanySpec, ...]
    words: tuple[tuple[str, tuple[str, ...]], ...]
    disabled: tuple[str, ...]
    disabled_where: Where


def parse_rule_file(text: str, path: str) -> RuleFile:
    """Parse and check one rule file's text; `path` is only used in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _decode_error_line(str(exc))
        raise RuleError(path, line, "", f"invalid TOML: {exc}") from None
    reader = _Reader(text.splitlines(), path)
    for key in data:
        if key not in _TOP_KEYS:
            raise reader.where(key, None, None).error(
                f"unknown section (expected one of {', '.join(sorted(_TOP_KEYS))})")
    return RuleFile(
        macros=reader.macros(data.get("macros", {})),
        cues=reader.cues(data.get("cues", {})),
        rules=tuple(reader.rule(i, r) for i, r in enumerate(reader.tables(data, "rules"))),
        vetoes=tuple(reader.veto(i, v) for i, v in enumerate(reader.tables(data, "vetoes"))),
        companies=tuple(reader.company(i, c)
                        for i, c in enumerate(reader.tables(data, "companies"))),
        words=reader.words(data.get("words", {})),
        disabled=reader.strings(data.get("disabled", []), reader.where("disabled", None, None)),
        disabled_where=reader.where("disabled", None, None),
    )


def _decode_error_line(message: str) -> int:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else 1


class _Reader:
    """Checks values and finds the line each one was written on."""

    def __init__(self, lines: list[str], path: str) -> None:
        self.lines = lines
        self.path = path

    def where(self, table: str, index: int | None, key: str | None) -> Where:
        label = table if index is None else f"{table}[{index}]"
        if key is not None:
            label = f"{label}.{key}"
        return Where(self.path, self._line(table, index, key), label)

    def _line(self, table: str, index: int | None, key: str | None) -> int:
        header = (re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]") if index is not None
                  else re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]"))
        starts = [n for n, line in enumerate(self.lines) if header.match(line)]
        if index is not None and index < len(starts):
            start = starts[index]
        elif index is None and starts:
            start = starts[0]
        else:
            return self._bare_key_line(table) if key is None else 1
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start + 1, len(self.lines)):
            if self.lines[n].lstrip().startswith("["):
                break
            if key_re.match(self.lines[n]):
                return n + 1
        return start + 1

    def _bare_key_line(self, key: str) -> int:
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
        return next((n + 1 for n, line in enumerate(self.lines) if key_re.match(line)), 1)

    def tables(self, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.where(name, None, None).error(f"must be an array of tables [[{name}]]")
        return value

    def _check_keys(self, table: str, index: int, raw: dict[str, Any], allowed: set[str]) -> None:
        for key in raw:
            if key not in allowed:
                raise self.where(table, index, key).error(
                    f"unknown key (expected one of {', '.join(sorted(allowed))})")

    def text(self, raw: dict[str, Any], table: str, index: int, key: str,
             default: str | None = None) -> str:
        value = raw.get(key, default)
        if value is None:
            raise self.where(table, index, None).error(f"missing required key '{key}'")
        if not isinstance(value, str) or not value.strip():
            raise self.where(table, index, key).error("must be a non-empty string")
        return value

    def choice(self, raw: dict[str, Any], table: str, index: int, key: str,
               options: tuple[str, ...], default: str | None) -> str | None:
        value = raw.get(key, default)
        if value is not None and value not in options:
            raise self.where(table, index, key).error(
                f"must be one of {', '.join(options)}, not {value!r}")
        return value

    def strings(self, value: Any, where: Where) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise where.error("must be a list of non-empty strings")
        return tuple(value)

    def rule(self, index: int, raw: dict[str, Any]) -> RuleSpec:
        self._check_keys("rules", index, raw, _RULE_KEYS)
        confidence = raw.get("confidence", 0.9)
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or \
                not 0 < confidence <= 1:
            raise self.where("rules", index, "confidence").error("must be a number in (0, 1]")
        requires = raw.get("requires")
        if requires is not None:
            requires = self.text(raw, "rules", index, "requires")
        action = self.choice(raw, "rules", index, "action", ACTIONS, None)
        if action is None:
            raise self.where("rules", index, None).error("missing required key 'action'")
        cue = raw.get("cue")
        if cue is not None:
            cue = self.text(raw, "rules", index, "cue")
        cue_scope = self.choice(raw, "rules", index, "cue_scope", SCOPES, "sentence")
        return RuleSpec(
            id=self.text(raw, "rules", index, "id"),
            action=action,
            pattern=self.text(raw, "rules", index, "pattern"),
            confidence=float(confidence),
            target=self.choice(raw, "rules", index, "target", TARGET_MODES, None),
            keywords=self.strings(raw.get("keywords", []), self.where("rules", index, "keywords")),
            requires=requires,
            where=self.where("rules", index, "pattern"),
            cue=cue,
            cue_scope=cue_scope or "sentence",
            requires_scope=self.choice(raw, "rules", index, "requires_scope", REQUIRES_SCOPES,
                                       "near") or "near",
        )

    def veto(self, index: int, raw: dict[str, Any]) -> VetoSpec:
        self._check_keys("vetoes", index, raw, _VETO_KEYS)
        actions = self.strings(raw.get("actions", list(ACTIONS)),
                               self.where("vetoes", index, "actions"))
        for action in actions:
            if action not in ACTIONS:
                raise self.where("vetoes", index, "actions").error(
                    f"unknown action {action!r} (expected joined or left)")
        scope = self.choice(raw, "vetoes", index, "scope", SCOPES, None)
        if scope is None:
            raise self.where("vetoes", index, None).error("missing required key 'scope'")
        unless = raw.get("unless")
        if unless is not None:
            unless = self.text(raw, "vetoes", index, "unless")
        return VetoSpec(
            id=self.text(raw, "vetoes", index, "id"),
            reason=self.text(raw, "vetoes", index, "reason"),
            scope=scope,
            pattern=self.text(raw, "vetoes", index, "pattern"),
            actions=actions,
            where=self.where("vetoes", index, "pattern"),
            unless=unless,
            unless_scope=self.choice(raw, "vetoes", index, "unless_scope", SCOPES,
                                     "sentence") or "sentence",
            unless_this_year=self.flag(raw, "vetoes", index, "unless_this_year"),
        )

    def flag(self, raw: dict[str, Any], table: str, index: int, key: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise self.where(table, index, key).error("must be true or false")
        return value

    def company(self, index: int, raw: dict[str, Any]) -> CompanySpec:
        self._check_keys("companies", index, raw, _COMPANY_KEYS)
        return CompanySpec(
            name=self.text(raw, "companies", index, "name"),
            aliases=self.strings(raw.get("aliases", []), self.where("companies", index, "aliases")),
            descriptors=self.strings(raw.get("descriptors", []),
                                     self.where("companies", index, "descriptors")),
        )

    def macros(self, raw: Any) -> tuple[tuple[str, str, Where], ...]:
        if not isinstance(raw, dict):
            raise self.where("macros", None, None).error("must be a table of NAME = 'regex'")
        out = []
        for name, value in raw.items():
            where = self.where("macros", None, name)
            if not _MACRO_NAME.fullmatch(name):
                raise where.error("macro names are UPPER_CASE")
            if not isinstance(value, str) or not value:
                raise where.error("must be a non-empty string")
            out.append((name, value, where))
        return tuple(out)

    def cues(self, raw: Any) -> tuple[tuple[str, tuple[str, ...], Where], ...]:
        if not isinstance(raw, dict):
            raise self.where("cues", None, None).error("must be a table of NAME = ['phrase', ...]")
        out = []
        for name, value in raw.items():
            where = self.where("cues", None, name)
            if not _MACRO_NAME.fullmatch(name):
                raise where.error("cue list names are UPPER_CASE")
            out.append((name, self.strings(value, where), where))
        return tuple(out)

    def words(self, raw: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if not isinstance(raw, dict):
            raise self.where("words", None, None).error("must be a table of word lists")
        out = []
        for key, value in raw.items():
            where = self.where("words", None, key)
            if key not in WORD_KEYS:
                raise where.error(f"unknown word list (expected one of {', '.join(WORD_KEYS)})")
            out.append((key, self.strings(value, where)))
        return tuple(out)
