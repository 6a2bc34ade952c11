"""Map TOML key paths to source lines, because ``tomllib`` reports no positions.

The scanner reads just enough TOML to never mistake data for structure: comments, the four string
forms (a multi-line string may contain ``[x]`` or ``key = ``), and arrays or inline tables spread
over several lines, whose elements and keys it records too. It trusts that ``tomllib`` has already
accepted the text, so it favours simplicity over error reporting.
"""

from __future__ import annotations

import bisect
import re
import tomllib

from bot.config.problems import ConfigProblem, Issue, Loc, render_loc

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}#\r\n]")


class Locator:
    """Answers "on which line is ``feeds[3].url``?" for one TOML text."""

    def __init__(self, text: str = "") -> None:
        self._lines: dict[Loc, int] = {}
        _Scanner(text, self._lines).document()

    def line_of(self, loc: Loc) -> int | None:
        """Line of ``loc``, else of its nearest ancestor: a missing key gets its table's header."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(loc[:end])
            if line is not None:
                return line
        return None

    def locate(self, issue: Issue) -> ConfigProblem:
        """Turn a key-path issue into a problem an admin can find in the file."""
        return ConfigProblem(render_loc(issue.loc), self.line_of(issue.loc), issue.message)


class _Scanner:
    """A one-pass recursive-descent reader that records the first line of every key path."""

    def __init__(self, text: str, out: dict[Loc, int]) -> None:
        self.text = text
        self.pos = 0
        self.out = out
        self.newlines = [i for i, char in enumerate(text) if char == "\n"]
        self.array_tables: dict[Loc, int] = {}  # [[path]] -> how many seen so far

    def char(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def line(self) -> int:
        return bisect.bisect_right(self.newlines, self.pos - 1) + 1

    def record(self, loc: Loc, line: int) -> None:
        self.out.setdefault(loc, line)

    def document(self) -> None:
        table: Loc = ()
        while True:
            self.skip_blank()
            if not self.char():
                return
            if self.char() == "[":
                table = self.header()
            else:
                self.keyval(table)

    def header(self) -> Loc:
        line = self.line()
        is_array = self.char(1) == "["
        self.pos += 2 if is_array else 1
        keys = self.key()
        self.pos += 2 if is_array else 1
        loc: Loc = ()
        for index, key in enumerate(keys):
            loc += (key,)
            if is_array and index == len(keys) - 1:
                count = self.array_tables.get(loc, 0)
                self.array_tables[loc] = count + 1
                self.record(loc, line)
                loc += (count,)
            elif loc in self.array_tables:
                loc += (self.array_tables[loc] - 1,)
            self.record(loc, line)
        return loc

    def keyval(self, table: Loc) -> None:
        line = self.line()
        loc = table + tuple(self.key())
        for end in range(len(table) + 1, len(loc) + 1):
            self.record(loc[:end], line)
        if self.char() == "=":
            self.pos += 1
        self.skip_blank(newlines=False)
        self.value(loc)

    def key(self) -> list[str]:
        keys: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.char() in ("'", '"'):
                keys.append(tomllib.loads(f"k = {self.string()}")["k"])
            else:
                match = _BARE.match(self.text, self.pos)
                end = match.end() if match else self.pos + 1
                keys.append(self.text[self.pos : end])
                self.pos = end
            self.skip_blank(newlines=False)
            if self.char() != ".":
                return keys
            self.pos += 1

    def value(self, loc: Loc) -> None:
        self.record(loc, self.line())
        char = self.char()
        if char in ("'", '"'):
            self.string()
        elif char == "[":
            self.container(loc, "]")
        elif char == "{":
            self.container(loc, "}")
        else:
            match = _SCALAR_END.search(self.text, self.pos)
            self.pos = match.start() if match else len(self.text)

    def container(self, loc: Loc, closing: str) -> None:
        """Read an array (elements get indices) or an inline table (keys get names)."""
        self.pos += 1
        index = 0
        while True:
            self.skip_blank()
            if self.char() in (closing, ""):
                self.pos += 1
                return
            start = self.pos
            if closing == "]":
                self.value((*loc, index))
                index += 1
            else:
                self.keyval(loc)
            self.skip_blank()
            if self.char() == "," or self.pos == start:
                self.pos += 1  # the second test only guards against looping on text tomllib refused

    def string(self) -> str:
        """Skip one string of any form and return its source text."""
        start = self.pos
        quote = self.char()
        delimiter = quote * 3 if self.text.startswith(quote * 3, self.pos) else quote
        self.pos += len(delimiter)
        while self.char():
            if quote == '"' and self.char() == "\\":
                self.pos += 2
            elif self.text.startswith(delimiter, self.pos):
                self.pos += len(delimiter)
                for _ in range(2 if len(delimiter) == 3 else 0):
                    if self.char() == quote:  # up to two quotes may end the content itself
                        self.pos += 1
                return self.text[start : self.pos]
            else:
                self.pos += 1
        return self.text[start : self.pos]

    def skip_blank(self, *, newlines: bool = True) -> None:
        """Skip spaces, tabs and comments, and line breaks too when ``newlines``."""
        while True:
            char = self.char()
            if char in (" ", "\t") or (newlines and char in ("\r", "\n")):
                self.pos += 1
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return
