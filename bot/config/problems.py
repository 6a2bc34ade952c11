"""What a config file did wrong, said in TOML terms so an admin can find and fix it.

`ConfigError` is the only exception the config package raises for bad input: it carries every
problem found in one pass, because fixing a file one error per run is tedious.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import NamedTuple

Loc = tuple[str | int, ...]
"""A key path as data: ``("feeds", 3, "url")`` is ``feeds[3].url``."""

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def render_loc(loc: Loc) -> str:
    """Write a key path the way TOML would (quoting keys that are not bare)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        out += f".{key}" if out else key
    return out


class Issue(NamedTuple):
    """A problem before it is given a line: checks speak in key paths, the locator adds lines."""

    loc: Loc
    message: str


@dataclass(frozen=True)
class ConfigProblem:
    """One located problem; ``str()`` reads ``feeds[3].url (line 42): not an http(s) URL``."""

    path: str
    line: int | None
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = self._position()
        if self.path:
            where = f"{self.path} ({where})" if where else self.path
        return f"{where}: {self.message}" if where else self.message

    def _position(self) -> str:
        if self.line is None:
            return ""
        if self.column is None:
            return f"line {self.line}"
        return f"line {self.line}, column {self.column}"


class ConfigError(Exception):
    """The config cannot be used; ``problems`` lists everything wrong with it, in file order."""

    def __init__(self, source: str, problems: list[ConfigProblem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(source, problems)

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {problem}" for problem in self.problems)
