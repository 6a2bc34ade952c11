"""WebSub (W3C Recommendation, 2018) for a subscriber: the pieces that are pure or plain HTTP.

- discovery: a hub and a topic from the `Link` response header (checked first, as
  the spec asks) or the feed's own `<link rel="hub">` / `rel="self"`;
- the subscription request: a form POST to the hub (202 Accepted, or any 2xx);
- signatures: `X-Hub-Signature: <method>=<hex HMAC of the body>` with sha1,
  sha256, sha384 or sha512, compared in constant time.

Verification of intent, content distribution and subscription state belong to
the bot (`bot.websub`): they need its callback server and database.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from watchers.errors import FetchError, WebSubError
from watchers.http import Fetcher
from watchers.model import FetchResult, ParsedFeed

#: Signature methods the spec allows, by the name a hub puts before the `=`.
SIGNATURE_METHODS: dict[str, Callable[..., hashlib._Hash]] = {
    "sha1": hashlib.sha1, "sha256": hashlib.sha256,
    "sha384": hashlib.sha384, "sha512": hashlib.sha512,
}
# One link-value: <target> then its parameters, up to a comma outside quotes.
_LINK = re.compile(r'<([^>]*)>((?:[^,"<]|"[^"]*")*)')
_REL = re.compile(r'(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HubTopic:
    """Where to subscribe (`hub`) and to what (`topic`: the feed's canonical URL)."""

    hub: str
    topic: str


def link_rels(header: str | None, base: str) -> dict[str, str]:
    """`rel → absolute URL` from a `Link` header value (first URL per rel wins)."""
    found: dict[str, str] = {}
    for match in _LINK.finditer(header or ""):
        target, params = match.group(1).strip(), match.group(2)
        for rel_match in _REL.finditer(params):
            for rel in (rel_match.group(1) or rel_match.group(2) or "").lower().split():
                found.setdefault(rel, urljoin(base, target))
    return found


def discover(result: FetchResult, feed: ParsedFeed) -> HubTopic | None:
    """The hub and topic a fetched feed advertises, or None when it names no hub.

    Header links win over the document's; without a `self` link the topic is
    the URL the feed was fetched from.
    """
    header = link_rels(result.links, result.final_url)
    hub = header.get("hub") or _absolute(feed.hub_url, result.final_url)
    if not hub or not hub.startswith(("http://", "https://")):
        return None
    topic = header.get("self") or _absolute(feed.self_url, result.final_url) or result.final_url
    return HubTopic(hub=hub, topic=topic)


def _absolute(url: str | None, base: str) -> str | None:
    return urljoin(base, url.strip()) if url and url.strip() else None


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    """The `X-Hub-Signature` value a hub sends for `body` (also used by test hubs)."""
    digest = hmac.new(secret.encode(), body, SIGNATURE_METHODS[method]).hexdigest()
    return f"{method}={digest}"


def signature_problem(secret: str, body: bytes, header: str | None) -> str | None:
    """Why a delivery's signature is not acceptable, or None when it is valid."""
    if not header:
        return "no X-Hub-Signature header"
    method, _, given = header.strip().partition("=")
    hasher = SIGNATURE_METHODS.get(method.strip().lower())
    if hasher is None:
        return f"unsupported signature method {method.strip()[:20]!r}"
    expected = hmac.new(secret.encode(), body, hasher).hexdigest()
    if not hmac.compare_digest(expected, given.strip().lower()):
        return "signature does not match the body"
    return None


async def request_subscription(fetcher: Fetcher, hub: str, *, mode: str, topic: str,
                               callback: str, secret: str | None = None,
                               lease_seconds: int | None = None) -> None:
    """Ask `hub` to (un)subscribe `callback` to `topic`; raise `WebSubError` if it refuses.

    The hub answers at once and verifies our intent later, with a GET to `callback`.
    """
    fields = {"hub.mode": mode, "hub.topic": topic, "hub.callback": callback}
    if secret is not None:
        fields["hub.secret"] = secret
    if lease_seconds is not None:
        fields["hub.lease_seconds"] = str(lease_seconds)
    try:
        status, reason, text = await fetcher.post_form(hub, fields)
    except FetchError as err:
        raise WebSubError(f"{mode} request to hub failed: {err}") from err
    if not 200 <= status < 300:
        detail = f": {text.strip()[:200]}" if text.strip() else ""
        raise WebSubError(f"hub {hub} refused the {mode} request: HTTP {status} {reason}"
                          f"{detail}".rstrip())
