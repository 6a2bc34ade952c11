"""Stable identity of feed entries, so a re-polled story is never announced twice.

A key is, in order of preference: the guid when it can be trusted; the
canonical URL when it is specific to the entry; a sha256 of title and date.
Feeds get this wrong in known ways (a constant guid, the homepage as every
item's guid or link), so trust is decided per entry and, for collisions,
per feed: if two entries share a guid but not a link, no guid of that feed is
used. `canonical_url` is also the bot's cross-feed dedup key.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from watchers.model import Entry

TRACKING_PARAMS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PLACEHOLDER_GUIDS = frozenset({"null", "none", "undefined", "nil", "0", "-", "n/a", "guid", "id"})
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def canonical_url(url: str) -> str:
    """One spelling per URL: for dedup keys, not for fetching.

    Lowercases scheme and host (keeping `www.`), drops default ports, the
    fragment and tracking parameters, sorts the remaining parameters, and
    removes a trailing slash (the root path stays `/`). Not http(s): returned
    stripped but otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        host = f"{userinfo}@{host}"
    path = _upper_escapes(parts.path).rstrip("/") or "/"
    return urlunsplit((scheme, host, path, _clean_query(parts.query), ""))


def _upper_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(0).upper(), text)


def _clean_query(query: str) -> str:
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0].lower()
        if name in TRACKING_PARAMS or name.startswith("utm_"):
            continue
        kept.append(_upper_escapes(pair))
    return "&".join(sorted(kept))


def hash_key(title: str, published: datetime | None) -> str:
    """Last-resort key for entries with neither a usable guid nor a usable link."""
    stamp = published.isoformat() if published else ""
    digest = hashlib.sha256(f"{title}\n{stamp}".encode()).hexdigest()
    return f"sha256:{digest}"


def _guid_usable(guid: str | None, feed_urls: set[str]) -> bool:
    if guid is None or not guid.strip():
        return False
    value = guid.strip()
    if value.lower() in _PLACEHOLDER_GUIDS:
        return False
    return canonical_url(value) not in feed_urls


def _colliding(values: Iterable[tuple[str | None, str]]) -> set[str]:
    """Values shared by entries that differ in their second element."""
    seen: dict[str, set[str]] = defaultdict(set)
    for value, other in values:
        if value is not None:
            seen[value].add(other)
    return {value for value, others in seen.items() if len(others) > 1}


def assign_keys(entries: Sequence[Entry], *, feed_urls: Iterable[str] = ()) -> tuple[Entry, ...]:
    """Give every entry its key; drop later duplicates and entries with no content.

    An entry with no title, link or summary is debris from broken markup.

    `feed_urls` are the feed's own address and site link: a guid or link equal
    to one of them names the feed, not the entry.
    """
    own = {canonical_url(u) for u in feed_urls if u}
    entries = [e for e in entries if e.title or e.url or e.summary]
    urls = [canonical_url(e.url) if e.url else None for e in entries]
    guids = [e.guid.strip() if _guid_usable(e.guid, own) and e.guid else None for e in entries]
    use_guids = not _colliding(zip(guids, (u or "" for u in urls), strict=True))
    shared_urls = _colliding(zip(urls, (e.title for e in entries), strict=True))
    keyed: dict[str, Entry] = {}
    for entry, guid, url in zip(entries, guids, urls, strict=True):
        if use_guids and guid:
            key = guid
        elif url and url not in own and url not in shared_urls:
            key = url
        else:
            key = hash_key(entry.title, entry.published)
        keyed.setdefault(key, dataclasses.replace(entry, key=key))
    return tuple(keyed.values())
