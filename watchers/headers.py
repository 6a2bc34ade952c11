"""Parsing of the response headers that steer polling: Retry-After, Cache-Control."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: A bogus huge Retry-After must not silence a feed forever.
MAX_RETRY_AFTER_S = 7 * 24 * 3600.0

_MAX_AGE = re.compile(r'(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)', re.IGNORECASE)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delay-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delay = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(delay, 0.0), MAX_RETRY_AFTER_S)


def parse_max_age(value: str | None) -> float | None:
    """The `max-age` directive of a Cache-Control value, in seconds, or None."""
    if not value:
        return None
    match = _MAX_AGE.search(value)
    return float(match.group(1)) if match else None
