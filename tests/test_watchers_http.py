"""watchers.http against a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import aiohttp
import pytest

from tests.feedserver import RSS20, FeedServer
from watchers.errors import BlockedAddressError, BodyTooLargeError, FetchError
from watchers.http import Fetcher, FetchLimits, make_session
from watchers.netguard import BlockedSocketError

LOCAL = FetchLimits(allow_private_networks=True)


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(LOCAL) as sess:
        yield sess


async def test_plain_get_returns_body_and_validators(server: FeedServer,
                                                     session: aiohttp.ClientSession) -> None:
    result = await Fetcher(session, LOCAL).fetch(server.url("/rss20"))
    assert result.status == 200
    assert result.body == RSS20
    assert result.final_url == result.url == server.url("/rss20")
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.etag == '"rss20-v1"'
    assert result.last_modified == "Tue, 05 Mar 2024 09:30:00 GMT"
    assert result.max_age is None and result.retry_after is None
    sent = server.hits("/rss20")[0].headers
    assert sent["User-Agent"] == LOCAL.user_agent
    assert sent["Accept-Encoding"] == "gzip, deflate"
    assert "If-None-Match" not in sent


async def test_etag_gives_304_without_body(server: FeedServer,
                                           session: aiohttp.ClientSession) -> None:
    result = await Fetcher(session, LOCAL).fetch(server.url("/rss20"), etag='"rss20-v1"')
    assert (result.status, result.body, result.not_modified) == (304, None, True)
    assert result.etag == '"rss20-v1"'
    assert server.hits("/rss20")[0].headers["If-None-Match"] == '"rss20-v1"'


async def test_last_modified_gives_304(server: FeedServer,
                                       session: aiohttp.ClientSession) -> None:
    result = await Fetcher(session, LOCAL).fetch(
        server.url("/atom"), last_modified="Wed, 06 Mar 2024 00:00:00 GMT")
    assert result.not_modified and result.body is None
    assert result.last_modified == "Tue, 05 Mar 2024 09:30:00 GMT"


async def test_changed_etag_gives_full_body(server: FeedServer,
                                            session: aiohttp.ClientSession) -> None:
    result = await Fetcher(session, LOCAL).fetch(server.url("/rss20"), etag='"old"')
    assert result.status == 200 and result.body == RSS20


async def test_cache_control_max_age(server: FeedServer, session: aiohttp.ClientSession) -> None:
    url = server.serve("/cached", RSS20, headers={"Cache-Control": "public, max-age=900"})
    result = await Fetcher(session, LOCAL).fetch(url)
    assert result.max_age == 900.0


async def test_redirect_chain_is_followed(server: FeedServer,
                                          session: aiohttp.ClientSession) -> None:
    result = await Fetcher(session, LOCAL).fetch(server.url("/redirect/5"), etag='"x"')
    assert result.url == server.url("/redirect/5")
    assert result.final_url == server.url("/rss20")
    assert result.body == RSS20
    assert [h.path for h in server.requests] == [f"/redirect/{n}" for n in (5, 4, 3, 2, 1)] + [
        "/rss20"]
    assert all(h.headers["If-None-Match"] == '"x"' for h in server.requests)


async def test_too_many_redirects(server: FeedServer, session: aiohttp.ClientSession) -> None:
    url = server.url("/redirect/6")
    with pytest.raises(FetchError, match=r"more than 5 redirects") as info:
        await Fetcher(session, LOCAL).fetch(url)
    assert str(info.value) == f"{url}: more than 5 redirects"
    assert len(server.requests) == 6


async def test_redirect_loop(server: FeedServer, session: aiohttp.ClientSession) -> None:
    with pytest.raises(FetchError, match=r"redirect loop at .*/loop/a$"):
        await Fetcher(session, LOCAL).fetch(server.url("/loop/a"))
    assert [h.path for h in server.requests] == ["/loop/a", "/loop/b"]


async def test_redirect_to_non_http_scheme(server: FeedServer,
                                           session: aiohttp.ClientSession) -> None:
    with pytest.raises(FetchError, match=r"file:///etc/passwd: only absolute http\(s\) URLs"):
        await Fetcher(session, LOCAL).fetch(
            server.url("/redirect-to?url=file:///etc/passwd"))


@pytest.mark.parametrize(("code", "reason"), [
    (404, "Not Found"), (410, "Gone"), (500, "Internal Server Error"), (403, "Forbidden")])
async def test_error_status(server: FeedServer, session: aiohttp.ClientSession,
                            code: int, reason: str) -> None:
    url = server.url(f"/status/{code}")
    with pytest.raises(FetchError) as info:
        await Fetcher(session, LOCAL).fetch(url)
    assert type(info.value) is FetchError
    assert str(info.value) == f"{url}: HTTP {code} {reason}"
    assert (info.value.status, info.value.retry_after) == (code, None)


async def test_429_retry_after_seconds(server: FeedServer,
                                       session: aiohttp.ClientSession) -> None:
    with pytest.raises(FetchError) as info:
        await Fetcher(session, LOCAL).fetch(server.url("/status/429?retry_after=120"))
    assert (info.value.status, info.value.retry_after) == (429, 120.0)


async def test_503_retry_after_http_date(server: FeedServer,
                                         session: aiohttp.ClientSession) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    with pytest.raises(FetchError) as info:
        await Fetcher(session, LOCAL).fetch(server.url(f"/status/503?retry_after={when}"))
    assert info.value.status == 503
    assert info.value.retry_after is not None and 3590 <= info.value.retry_after <= 3600


async def test_slow_headers_time_out(server: FeedServer) -> None:
    limits = FetchLimits(allow_private_networks=True, timeout_s=0.3)
    url = server.url("/slow?delay=3")
    started = time.monotonic()
    async with make_session(limits) as session:
        with pytest.raises(FetchError) as info:
            await Fetcher(session, limits).fetch(url)
    assert str(info.value) == f"{url}: timed out after 0.3s"
    assert time.monotonic() - started < 1.5


async def test_trickling_body_times_out(server: FeedServer) -> None:
    limits = FetchLimits(allow_private_networks=True, timeout_s=0.3)
    async with make_session(limits) as session:
        with pytest.raises(FetchError, match=r"timed out after 0.3s$"):
            await Fetcher(session, limits).fetch(server.url("/trickle?interval=0.05"))


async def test_total_timeout_spans_redirect_hops(server: FeedServer) -> None:
    limits = FetchLimits(allow_private_networks=True, timeout_s=0.4)
    url = server.url("/redirect-to?url=/slow?delay=3")
    async with make_session(limits) as session:
        with pytest.raises(FetchError, match=r"/slow\?delay=3: timed out after 0.4s$"):
            await Fetcher(session, limits).fetch(url)


async def test_body_at_cap_passes_and_one_more_byte_fails(server: FeedServer) -> None:
    limits = FetchLimits(allow_private_networks=True, max_bytes=200_000)
    async with make_session(limits) as session:
        fetcher = Fetcher(session, limits)
        ok = await fetcher.fetch(server.url("/big?size=200000"))
        assert ok.body is not None and len(ok.body) == 200_000
        url = server.url("/big?size=200001")
        with pytest.raises(BodyTooLargeError) as info:
            await fetcher.fetch(url)
    assert str(info.value) == f"{url}: body exceeds 200000 bytes"


async def test_default_cap_stops_streamed_oversized_body(server: FeedServer,
                                                         session: aiohttp.ClientSession) -> None:
    with pytest.raises(BodyTooLargeError, match=r"body exceeds 5242880 bytes$"):
        await Fetcher(session, LOCAL).fetch(server.url(f"/big?size={6 << 20}"))


async def test_declared_length_over_cap_is_refused_before_reading(
        server: FeedServer, session: aiohttp.ClientSession) -> None:
    url = server.url(f"/big-declared?size={1 << 30}")
    with pytest.raises(BodyTooLargeError) as info:
        await Fetcher(session, LOCAL).fetch(url)
    assert str(info.value) == f"{url}: body of 1073741824 bytes exceeds 5242880"


async def test_gzip_bomb_is_cut_off_at_the_cap(server: FeedServer,
                                               session: aiohttp.ClientSession) -> None:
    url = server.url("/gzip-bomb")
    started = time.monotonic()
    with pytest.raises(BodyTooLargeError) as info:
        await Fetcher(session, LOCAL).fetch(url)
    assert str(info.value) == f"{url}: gzip body inflates past 5242880 bytes"
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_compressed_bodies_are_decoded(server: FeedServer, session: aiohttp.ClientSession,
                                             encoding: str) -> None:
    url = server.serve("/packed", RSS20, encoding=encoding)
    result = await Fetcher(session, LOCAL).fetch(url)
    assert result.body == RSS20


async def test_unadvertised_encoding_is_an_error(server: FeedServer,
                                                 session: aiohttp.ClientSession) -> None:
    url = server.serve("/br", b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match=r"/br: unsupported Content-Encoding 'br'$"):
        await Fetcher(session, LOCAL).fetch(url)


async def test_corrupt_gzip_is_an_error(server: FeedServer,
                                        session: aiohttp.ClientSession) -> None:
    url = server.serve("/bad-gzip", b"\x1f\x8b\x08\x00garbage-garbage",
                       headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match=r"/bad-gzip: corrupt gzip body"):
        await Fetcher(session, LOCAL).fetch(url)


async def test_connection_refused_names_the_url(session: aiohttp.ClientSession) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(FetchError, match=rf"^{url}: cannot connect: Connection refused$"):
        await Fetcher(session, LOCAL).fetch(url)


async def test_unresolvable_host_names_the_url() -> None:
    """A label over 63 bytes fails in the resolver itself: no DNS query leaves the machine."""
    url = "http://" + "a" * 64 + ".example/feed"
    async with make_session() as session:
        with pytest.raises(FetchError, match=rf"^{url}: cannot resolve host 'a+\.example'"):
            await Fetcher(session).fetch(url)


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "/relative/feed", "http://"])
async def test_non_http_urls_are_refused(session: aiohttp.ClientSession, url: str) -> None:
    with pytest.raises(FetchError, match=r"only absolute http\(s\) URLs|invalid URL"):
        await Fetcher(session, LOCAL).fetch(url)


async def test_per_host_concurrency_is_bounded(server: FeedServer) -> None:
    limits = FetchLimits(allow_private_networks=True, per_host_concurrency=2)
    async with make_session(limits) as session:
        fetcher = Fetcher(session, limits)
        await asyncio.gather(*(fetcher.fetch(server.url(f"/slow?delay=0.1&n={i}"))
                               for i in range(6)))
    assert len(server.requests) == 6
    assert server.max_in_flight == 2


async def test_session_must_not_decompress() -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(ValueError, match="auto_decompress=False"):
            Fetcher(session)


# --- network guard -------------------------------------------------------------------------


async def test_loopback_is_refused_by_default(server: FeedServer) -> None:
    async with make_session() as session:
        with pytest.raises(BlockedAddressError) as info:
            await Fetcher(session).fetch(server.url("/rss20"))
    assert "non-public address 127.0.0.1" in str(info.value)
    assert server.requests == []


async def test_hostname_resolving_to_loopback_is_refused(server: FeedServer) -> None:
    async with make_session() as session:
        with pytest.raises(BlockedAddressError, match=r"'localhost' resolves to non-public"):
            await Fetcher(session).fetch(f"http://localhost:{server.port}/rss20")
    assert server.requests == []


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]"])
async def test_loopback_in_disguise_is_refused(server: FeedServer, host: str) -> None:
    async with make_session() as session:
        with pytest.raises(BlockedAddressError, match="non-public address"):
            await Fetcher(session).fetch(f"http://{host}:{server.port}/rss20")
    assert server.requests == []


async def test_redirect_to_metadata_address_is_refused_before_connecting(
        server: FeedServer) -> None:
    limits = FetchLimits(allowed_networks=("127.0.0.1/32",))
    started: list[str] = []

    async def on_start(_: object, __: object, params: aiohttp.TraceConnectionCreateStartParams
                       ) -> None:
        started.append("connection")

    async def on_request(_: object, __: object, params: aiohttp.TraceRequestStartParams) -> None:
        started.append(str(params.url))

    trace = aiohttp.TraceConfig()
    trace.on_connection_create_start.append(on_start)
    trace.on_request_start.append(on_request)
    metadata = "http://169.254.169.254/latest/meta-data/"
    async with make_session(limits) as plain:
        session = aiohttp.ClientSession(connector=plain.connector, connector_owner=False,
                                        auto_decompress=False, trace_configs=[trace])
        async with session:
            with pytest.raises(BlockedAddressError) as info:
                await Fetcher(session, limits).fetch(server.url(f"/redirect-to?url={metadata}"))
    assert str(info.value) == (
        f"{metadata}: refused, host '169.254.169.254' resolves to non-public address "
        "169.254.169.254")
    assert started == [server.url(f"/redirect-to?url={metadata}"), "connection"]


async def test_socket_guard_blocks_even_without_the_fetcher_check(server: FeedServer) -> None:
    """make_session's socket factory is the last line (DNS rebinding, foreign callers)."""
    async with make_session() as session:
        with pytest.raises(aiohttp.ClientConnectorError) as info:
            await session.get(server.url("/rss20"))
        assert isinstance(info.value.os_error, BlockedSocketError)
        # A Fetcher told to allow private networks still cannot pass a guarded session.
        with pytest.raises(BlockedAddressError, match="refused to connect to non-public"):
            await Fetcher(session, LOCAL).fetch(server.url("/rss20"))
    assert server.requests == []


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError):
        FetchLimits(timeout_s=0)
    with pytest.raises(ValueError):
        FetchLimits(per_host_concurrency=0)
    with pytest.raises(ValueError, match=r"10\.0\.0\.0/33"):
        FetchLimits(allowed_networks=("10.0.0.0/33",))
    assert FetchLimits().max_bytes == 5 * 1024 * 1024
