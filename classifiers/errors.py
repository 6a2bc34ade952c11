"""Errors raised by `classifiers`.

    RuleError   a rule, cue list or company table is malformed; the message is
                located as ``path:line: where: what`` so an admin can fix it.
"""

from __future__ import annotations


class RuleError(ValueError):
    """A rule file is malformed; the message names the file, line and key."""

    def __init__(self, path: str, line: int, where: str, message: str) -> None:
        super().__init__(f"{path}:{line}: {where}: {message}" if where else
                         f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.where = where
