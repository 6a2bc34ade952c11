"""Plain frozen dataclasses that `watchers` hands to the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one conditional GET produced.

    `body` is None when the server answered 304 Not Modified. `retry_after` and
    `max_age` are seconds parsed from the response headers, when present; `links`
    is the raw `Link` header (several joined by ", "), where WebSub hubs are named.
    """

    url: str
    final_url: str
    status: int
    body: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    retry_after: float | None = None
    max_age: float | None = None
    links: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed (or one article link found on a listing page).

    `key` is the entry's stable identity within its feed (guid when trustworthy,
    else the canonical URL, else a hash of title and date).
    """

    key: str
    title: str
    url: str | None
    summary: str
    published: datetime | None
    guid: str | None = None

    def __reduce__(self) -> tuple[type[Entry], tuple[object, ...]]:
        # Entries cross process boundaries by the thousand; the default pickling of a
        # slots dataclass calls `fields()` for each one, several times slower.
        return Entry, (self.key, self.title, self.url, self.summary, self.published, self.guid)


def predates(published: datetime | None, cutoff: datetime) -> bool:
    """Whether an entry counts as older than `cutoff`: undated entries do."""
    return published is None or published < cutoff


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: tuple[Entry, ...]
    hub_url: str | None = None
    self_url: str | None = None
