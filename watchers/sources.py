"""The CPU-heavy steps of a sweep, as jobs a worker process can run.

`parse_source` (feed bytes or a listing page → `ParsedFeed`) and
`extract_article` (an article page → its text) are plain module-level functions
of picklable arguments, so the bot can run them in worker processes as easily
as in a thread. They import their parsers on first call: the process that only
dispatches jobs never loads feedparser, lxml.html or trafilatura (tens of MB).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from watchers.model import ParsedFeed


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """How to read a source: a feed, or a listing page with its link filters."""

    kind: Literal["feed", "page"] = "feed"
    link_selector: str | None = None
    link_pattern: str | None = None


FEED = SourceSpec()


def parse_source(body: bytes, url: str, content_type: str | None,
                 spec: SourceSpec = FEED, text_since: datetime | None = None) -> ParsedFeed:
    """The title and entries of a fetched body; `url` is where it was finally fetched from.

    A listing page has no title of its own here (the bot names it). Raises
    `FeedParseError` for a feed body that is not a feed. `text_since`: see
    `watchers.feeds.parse_feed`.
    """
    if spec.kind == "page":
        from watchers.pages import discover_links

        entries = discover_links(body, url, selector=spec.link_selector,
                                 url_pattern=spec.link_pattern)
        return ParsedFeed(title="", entries=entries)
    from watchers.feeds import parse_feed

    return parse_feed(body, url, content_type, text_since=text_since)


def extract_article(body: bytes, url: str, content_type: str | None) -> str | None:
    """The main text of a fetched article page (see `watchers.articles.extract`)."""
    from watchers.articles import extract

    return extract(body, url, content_type=content_type)
