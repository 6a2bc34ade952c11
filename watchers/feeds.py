"""RSS 0.9x/1.0/2.0, Atom and JSON Feed bytes → `ParsedFeed`.

feedparser only ever sees bytes we fetched, wrapped in a file object: given
bytes or a string it may treat them as a path or URL and read it. Sanitising
and relative-URI rewriting are off (about half the parse cost); we strip
tags ourselves since the text only feeds the classifier.
"""

from __future__ import annotations

import calendar
import io
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from watchers.errors import FeedParseError
from watchers.identity import assign_keys
from watchers.jsonfeed import parse_json_feed
from watchers.model import Entry, ParsedFeed, predates
from watchers.text import clean_text, field_text

_JSON_TYPES = ("application/feed+json", "application/json")
_BENIGN = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)


def parse_feed(body: bytes, url: str, content_type: str | None = None, *,
               text_since: datetime | None = None) -> ParsedFeed:
    """Parse a fetched feed body; `url` is where it came from (base for relative links).

    A feed that is malformed but still yielded entries is accepted; one that
    yielded neither entries nor a title raises `FeedParseError` with the reason.
    Entries that `predates(…, text_since)` come without a summary when they have
    a title or link: the caller will not read it (a first poll's backlog), and
    summary text is most of the cost of parsing beyond feedparser's own.
    """
    if _is_json(body, content_type):
        return parse_json_feed(body, url, text_since=text_since)
    # No content-location: feedparser would resolve guids against it, mangling
    # "item-42" into a URL. Entry links are resolved against `url` below instead.
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(
        io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False,
        response_headers=headers,
    )
    feed = parsed.get("feed", {})
    site = feed.get("link")
    self_url = _link(feed, "self")
    drafts = [_entry(raw, url, text_since) for raw in parsed.entries]
    entries = assign_keys(drafts, feed_urls=(url, site or "", self_url or ""))
    if not entries:
        _reject_if_not_a_feed(parsed, url)
    return ParsedFeed(
        title=field_text(feed.get("title"), _type(feed.get("title_detail"))),
        entries=entries,
        hub_url=_link(feed, "hub"),
        self_url=self_url,
    )


def _is_json(body: bytes, content_type: str | None) -> bool:
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return True
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in _JSON_TYPES and not head.startswith(b"<")


def _reject_if_not_a_feed(parsed: Any, url: str) -> None:
    """No entries: fine for an empty but valid feed, an error for anything else."""
    problem = parsed.get("bozo_exception")
    if isinstance(problem, _BENIGN):
        problem = None  # a missing or overridden charset is not why a feed is unreadable
    if not parsed.get("version"):
        raise FeedParseError(f"{url}: not an RSS, Atom or JSON feed ({problem or 'no feed found'})")
    if problem is not None and not parsed.get("feed", {}).get("title"):
        raise FeedParseError(f"{url}: unreadable feed: {problem}")


def _entry(raw: Any, base: str, text_since: datetime | None) -> Entry:
    link = raw.get("link") or _link(raw, "alternate")
    title = field_text(raw.get("title"), _type(raw.get("title_detail")))
    published = _utc(raw.get("published_parsed") or raw.get("updated_parsed"))
    skip = text_since is not None and predates(published, text_since) and bool(title or link)
    return Entry(
        key="",
        title=title,
        url=urljoin(base, link.strip()) if link else None,
        summary="" if skip else _summary(raw),
        published=published,
        guid=raw.get("id") or None,
    )


def _summary(raw: Any) -> str:
    detail = raw.get("summary_detail")
    if detail and detail.get("value"):
        return field_text(detail["value"], detail.get("type"))
    for content in raw.get("content") or ():
        if content.get("value"):
            return field_text(content["value"], content.get("type"))
    return clean_text(raw.get("summary") or "")


def _type(detail: Any) -> str | None:
    return detail.get("type") if detail else None


def _link(node: Any, rel: str) -> str | None:
    for link in node.get("links") or ():
        if link.get("rel") == rel and link.get("href"):
            return str(link["href"])
    return None


def _utc(stamp: time.struct_time | None) -> datetime | None:
    """feedparser's struct_time is already UTC; make it an aware datetime."""
    if stamp is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
    except (OverflowError, ValueError, OSError):
        return None
