"""JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from watchers.errors import FeedParseError
from watchers.identity import assign_keys
from watchers.model import Entry, ParsedFeed, predates
from watchers.text import clean_text, html_to_text


def parse_json_feed(body: bytes, url: str, *, text_since: datetime | None = None) -> ParsedFeed:
    """Parse a JSON Feed; anything without an `items` list is a `FeedParseError`.

    `text_since` works as in `watchers.feeds.parse_feed`.
    """
    try:
        doc = json.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"{url}: invalid JSON: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedParseError(f"{url}: JSON without an 'items' list is not a JSON Feed")
    entries = [_entry(item, url, text_since) for item in doc["items"] if isinstance(item, dict)]
    site = _str(doc.get("home_page_url"))
    self_url = _str(doc.get("feed_url"))
    return ParsedFeed(
        title=clean_text(_str(doc.get("title")) or ""),
        entries=assign_keys(entries, feed_urls=(url, site or "", self_url or "")),
        hub_url=_hub(doc.get("hubs")),
        self_url=self_url,
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _entry(item: dict[str, Any], base: str, text_since: datetime | None) -> Entry:
    link = _str(item.get("url")) or _str(item.get("external_url"))
    raw_id = item.get("id")
    guid = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    title = clean_text(_str(item.get("title")) or "")
    published = _date(item.get("date_published")) or _date(item.get("date_modified"))
    skip = text_since is not None and predates(published, text_since) and bool(title or link)
    return Entry(
        key="",
        title=title,
        url=urljoin(base, link) if link else None,
        summary="" if skip else _text(item),
        published=published,
        guid=guid,
    )


def _text(item: dict[str, Any]) -> str:
    summary = _str(item.get("summary")) or _str(item.get("content_text"))
    return clean_text(summary) if summary else html_to_text(_str(item.get("content_html")) or "")


def _hub(hubs: Any) -> str | None:
    if not isinstance(hubs, list):
        return None
    for hub in hubs:
        if isinstance(hub, dict) and _str(hub.get("url")):
            return str(hub["url"])
    return None


def _date(value: Any) -> datetime | None:
    """RFC 3339 as an aware UTC datetime; a date without zone is taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)
