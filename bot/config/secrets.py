"""Secrets stay out of the TOML: keys name environment variables, resolved once at load.

Values are kept in `Secrets`, a read-only mapping from variable name to value whose repr shows
names only, so printing or logging a `Config` can never leak a token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from bot.config.problems import Issue, Loc


@dataclass(frozen=True)
class SecretRef:
    """A key naming an environment variable that must be set, and how to vet its value."""

    loc: Loc
    env_name: str
    check: Callable[[str], str | None] | None = None

    def under(self, prefix: Loc) -> SecretRef:
        """The same reference, seen from the enclosing table."""
        return SecretRef((*prefix, *self.loc), self.env_name, self.check)


class Secrets(Mapping[str, str]):
    """Resolved secret values by environment variable name; ``repr`` lists names only."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = dict(values or {})

    def __getitem__(self, name: str) -> str:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Secrets(names={sorted(self._values)!r})"

    __str__ = __repr__


def resolve_refs(
    refs: Iterable[SecretRef], environ: Mapping[str, str]
) -> tuple[Secrets, list[Issue]]:
    """Look every reference up in ``environ``; a missing, empty or unfit value is an issue."""
    values: dict[str, str] = {}
    issues: list[Issue] = []
    for ref in refs:
        problem = _problem(ref, environ.get(ref.env_name))
        if problem:
            issues.append(Issue(ref.loc, problem))
        else:
            values[ref.env_name] = environ[ref.env_name]
    return Secrets(values), issues


def _problem(ref: SecretRef, value: str | None) -> str | None:
    if value is None:
        return f"environment variable {ref.env_name} is not set"
    if not value.strip():
        return f"environment variable {ref.env_name} is empty"
    problem = ref.check(value) if ref.check else None
    return f"environment variable {ref.env_name}: {problem}" if problem else None
