"""Typed results of the classifier: what the rest of stackwatch consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Action = Literal["joined", "left"]


@dataclass(frozen=True, slots=True)
class Event:
    """One organisation joining or leaving the watched community."""

    company: str
    action: Action
    evidence: str
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Trace:
    """One step of the classifier's reasoning, for `--explain` and backtest misses.

    `kind` is "match" when a rule fired, "veto" when a suppressor (negation,
    speculation, background, other-foundation...) cancelled a match, and "note"
    for anything else worth showing.
    """

    kind: Literal["match", "veto", "note"]
    rule: str
    sentence: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Is this story about an organisation joining or leaving, and who did what."""

    flagged: bool
    events: tuple[Event, ...] = ()
    trace: tuple[Trace, ...] = field(default=(), compare=False)
