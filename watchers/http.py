"""Conditional, bounded HTTP GET for feeds and pages.

One `Fetcher` wraps one `aiohttp.ClientSession` that the composition root owns.
Every fetch is bounded: total time, raw and decoded size, redirect hops,
connections per host. Redirects are followed by hand so that each hop's address
is vetted by `watchers.netguard` before we connect to it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin

import aiohttp
from yarl import URL

from watchers.decompress import ACCEPT_ENCODING, make_decoder
from watchers.errors import BlockedAddressError, BodyTooLargeError, FetchError
from watchers.headers import parse_max_age, parse_retry_after
from watchers.model import FetchResult
from watchers.netguard import BlockedSocketError, guarded_socket_factory, vet_host

T = TypeVar("T")

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5"
)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Bounds for every fetch.

    `allowed_networks` lists CIDRs exempt from the private-address guard (an
    intranet feed server, or 127.0.0.1 in tests) without opening all of them.
    """

    timeout_s: float = 20.0
    connect_timeout_s: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "stackwatch/0.1 (+https://github.com/stackwatch/stackwatch)"
    allow_private_networks: bool = False
    per_host_concurrency: int = 4
    max_connections: int = 100
    allowed_networks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.connect_timeout_s <= 0:
            raise ValueError("timeouts must be positive")
        if self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("max_bytes must be positive and max_redirects not negative")
        if self.per_host_concurrency < 1 or self.max_connections < 1:
            raise ValueError("concurrency limits must be at least 1")
        for net in self.allowed_networks:
            ipaddress.ip_network(net, strict=False)  # ValueError names the bad one


def make_session(limits: FetchLimits | None = None) -> aiohttp.ClientSession:
    """A session suited to `Fetcher`: raw bodies, no cookies, guarded sockets.

    Must be called with a running event loop; the caller closes it.
    """
    limits = limits or FetchLimits()
    connector = aiohttp.TCPConnector(
        limit=limits.max_connections,
        ttl_dns_cache=300,
        socket_factory=guarded_socket_factory(
            allow_private=limits.allow_private_networks,
            allowed_networks=limits.allowed_networks,
        ),
    )
    return aiohttp.ClientSession(
        connector=connector,
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        headers={"User-Agent": limits.user_agent},
        timeout=aiohttp.ClientTimeout(
            total=limits.timeout_s, sock_connect=limits.connect_timeout_s
        ),
    )


class _HostSlots:
    """One semaphore per host, dropped again when nobody holds or awaits it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._slots: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    @asynccontextmanager
    async def hold(self, host: str) -> AsyncIterator[None]:
        sem, users = self._slots.setdefault(host, (asyncio.Semaphore(self._size), [0]))
        users[0] += 1
        try:
            async with sem:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._slots[host]


@dataclass(slots=True)
class _Hop:
    """One request of a redirect chain, with the time budget left for the fetch."""

    url: str
    budget: float


class Fetcher:
    """Fetches URLs with conditional GET through a session it is given."""

    def __init__(self, session: aiohttp.ClientSession, limits: FetchLimits | None = None) -> None:
        if session.auto_decompress:
            raise ValueError("Fetcher needs a session with auto_decompress=False (make_session)")
        self._session = session
        self._limits = limits or FetchLimits()
        self._hosts = _HostSlots(self._limits.per_host_concurrency)
        # Waiting for a pooled connection must not eat into a fetch's timeout.
        self._global = asyncio.Semaphore(self._limits.max_connections)

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url`; a 304 gives `body=None`. Raises `FetchError` and subclasses."""
        headers = {"Accept": _ACCEPT, "Accept-Encoding": ACCEPT_ENCODING,
                   "User-Agent": self._limits.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hop = _Hop(url, self._limits.timeout_s)
        seen = {url}
        for _ in range(self._limits.max_redirects + 1):
            target = _http_url(hop.url)
            outcome = await self._one_hop(hop, target, headers)
            if isinstance(outcome, FetchResult):
                return _with_validators(outcome, url, etag, last_modified)
            if outcome in seen:
                raise FetchError(f"{url}: redirect loop at {outcome}")
            seen.add(outcome)
            hop.url = outcome
        raise FetchError(f"{url}: more than {self._limits.max_redirects} redirects")

    async def post_form(self, url: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """POST a urlencoded form (a WebSub hub request): (status, reason, start of body).

        Same guards as `fetch` (address vetting, time budget); no redirects are
        followed, and at most 4 KiB of the answer is read.
        """
        target = _http_url(url)
        hop = _Hop(url, self._limits.timeout_s)
        host, port = target.raw_host or "", target.port or 80
        await self._timed(hop, vet_host(
            url, host, port, allow_private=self._limits.allow_private_networks,
            allowed_networks=self._limits.allowed_networks))
        async with self._hosts.hold(f"{host}:{port}"), self._global:
            return await self._timed(hop, self._post(url, target, fields))

    async def _post(self, url: str, target: URL, fields: dict[str, str]) -> tuple[int, str, str]:
        try:
            async with self._session.post(
                target, data=fields, allow_redirects=False,
                headers={"User-Agent": self._limits.user_agent},
                timeout=aiohttp.ClientTimeout(total=None,
                                              sock_connect=self._limits.connect_timeout_s),
            ) as resp:
                head = await resp.content.read(4096)
                return resp.status, resp.reason or "", head.decode("utf-8", "replace")
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedSocketError):
                raise BlockedAddressError(f"{url}: {exc.os_error}") from exc
            raise FetchError(f"{url}: cannot connect: {exc.os_error}") from exc
        except aiohttp.ClientError as exc:
            raise FetchError(f"{url}: connection failed: {exc or type(exc).__name__}") from exc

    async def _one_hop(
        self, hop: _Hop, target: URL, headers: dict[str, str]
    ) -> FetchResult | str:
        """Vet, then request one URL: a final result, or the next URL to follow."""
        host, port = target.raw_host or "", target.port or 80
        await self._timed(hop, vet_host(
            hop.url, host, port, allow_private=self._limits.allow_private_networks,
            allowed_networks=self._limits.allowed_networks))
        # Host slot first: waiting on a busy host must not hold a global slot.
        async with self._hosts.hold(f"{host}:{port}"), self._global:
            return await self._timed(hop, self._request(hop.url, target, headers))

    async def _timed(self, hop: _Hop, work: Awaitable[T]) -> T:
        """Run `work` within what is left of the fetch's total time budget."""
        started = time.monotonic()
        try:
            async with asyncio.timeout(max(hop.budget, 0.0)):
                return await work
        except TimeoutError as exc:
            raise FetchError(
                f"{hop.url}: timed out after {self._limits.timeout_s:g}s") from exc
        finally:
            hop.budget -= time.monotonic() - started

    async def _request(self, url: str, target: URL, headers: dict[str, str]) -> FetchResult | str:
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=self._limits.connect_timeout_s)
        try:
            async with self._session.get(
                target, headers=headers, allow_redirects=False, timeout=timeout
            ) as resp:
                return await self._handle(url, resp)
        except aiohttp.ClientConnectorDNSError as exc:
            raise FetchError(f"{url}: cannot resolve host {target.host!r}") from exc
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedSocketError):
                raise BlockedAddressError(f"{url}: {exc.os_error}") from exc
            errno = exc.os_error.errno
            reason = os.strerror(errno) if errno else str(exc.os_error)
            raise FetchError(f"{url}: cannot connect: {reason}") from exc
        except aiohttp.ConnectionTimeoutError as exc:
            raise FetchError(
                f"{url}: connect timed out after {self._limits.connect_timeout_s:g}s") from exc
        except TimeoutError:
            raise  # the total budget ran out; _timed names it
        except aiohttp.ClientError as exc:
            raise FetchError(f"{url}: connection failed: {exc or type(exc).__name__}") from exc

    async def _handle(self, url: str, resp: aiohttp.ClientResponse) -> FetchResult | str:
        status = resp.status
        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        if status in _REDIRECTS and "Location" in resp.headers:
            return urljoin(url, resp.headers["Location"])
        if status in (429, 503):
            raise FetchError(f"{url}: HTTP {status} {resp.reason or ''}".rstrip(),
                             status=status, retry_after=retry_after)
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status} {resp.reason or ''}".rstrip(), status=status)
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"{url}: unexpected HTTP {status}", status=status)
        body = None if status == 304 else await self._read_body(url, resp)
        return FetchResult(
            url=url, final_url=url, status=status, body=body,
            content_type=resp.headers.get("Content-Type"),
            etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"),
            retry_after=retry_after, max_age=parse_max_age(resp.headers.get("Cache-Control")),
            links=", ".join(resp.headers.getall("Link", [])) or None,
        )

    async def _read_body(self, url: str, resp: aiohttp.ClientResponse) -> bytes:
        """Stream the body, enforcing the cap on raw and on decoded bytes as we go."""
        cap = self._limits.max_bytes
        if resp.content_length is not None and resp.content_length > cap:
            raise BodyTooLargeError(f"{url}: body of {resp.content_length} bytes exceeds {cap}")
        try:
            decoder = make_decoder(resp.headers.get("Content-Encoding"), cap)
            parts: list[bytes] = []
            received = 0
            async for chunk in resp.content.iter_chunked(_CHUNK):
                received += len(chunk)
                if received > cap:
                    raise BodyTooLargeError(f"body exceeds {cap} bytes")
                parts.append(decoder.feed(chunk))
        except FetchError as exc:
            # Same class, with the URL named: callers branch on BodyTooLargeError.
            raise type(exc)(f"{url}: {exc}") from exc
        return b"".join(parts)


def _http_url(url: str) -> URL:
    try:
        target = URL(url)
    except (ValueError, TypeError) as exc:
        raise FetchError(f"{url}: invalid URL: {exc}") from exc
    if target.scheme not in ("http", "https") or not target.raw_host:
        raise FetchError(f"{url}: only absolute http(s) URLs can be fetched")
    return target


def _with_validators(
    result: FetchResult, url: str, etag: str | None, last_modified: str | None
) -> FetchResult:
    """Name the original URL, and keep our validators when a 304 did not repeat them."""
    final_url = result.url
    etag_out = result.etag or (etag if result.status == 304 else None)
    lm_out = result.last_modified or (last_modified if result.status == 304 else None)
    return FetchResult(
        url=url, final_url=final_url, status=result.status, body=result.body,
        content_type=result.content_type, etag=etag_out, last_modified=lm_out,
        retry_after=result.retry_after, max_age=result.max_age, links=result.links,
    )
