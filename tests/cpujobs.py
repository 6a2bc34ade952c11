"""Jobs for `bot.cpupool` workers in tests: module-level, so a worker process can import them."""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime

from watchers.model import ParsedFeed
from watchers.sources import SourceSpec, parse_source

#: A body containing this makes `parse_or_crash` kill its own worker process.
CRASH = b"<!-- crash the parser -->"
#: A body containing this makes `parse_or_crash` hang until the pool's timeout.
HANG = b"<!-- hang the parser -->"


def pid() -> int:
    return os.getpid()


def add(a: int, b: int) -> int:
    return a + b


def fail(message: str) -> None:
    raise ValueError(message)


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def parse_or_crash(body: bytes, url: str, content_type: str | None, spec: SourceSpec,
                   text_since: datetime | None) -> ParsedFeed:
    """`parse_source`, except on bodies that ask for a crash or a hang (a hostile feed that
    takes a parser down, which the real parsers have not been caught doing yet)."""
    if CRASH in body:
        die()
    if HANG in body:
        time.sleep(3600)
    return parse_source(body, url, content_type, spec, text_since)
