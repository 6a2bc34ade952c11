"""A real aiohttp server on 127.0.0.1 serving feeds and hostile responses.

Reusable by any test that needs a web server with feeds in it::

    async with FeedServer() as server:
        url = server.serve("/news.xml", RSS20, etag='"v1"')
        ...
        server.hits("/news.xml")  # what the client sent

Built-in paths (besides whatever `serve` registers):

    /redirect/{n}          n hops (301/302 alternating), then /rss20
    /loop/a, /loop/b       redirect to each other forever
    /redirect-to?url=U     302 to U (any URL, e.g. cloud metadata)
    /status/{code}         that status; ?retry_after=V adds Retry-After: V
    /slow?delay=S          sleeps S seconds before answering
    /trickle?interval=S    sends one byte every S seconds, forever-ish
    /big?size=N            N bytes, chunked (no Content-Length)
    /big-declared?size=N   declares Content-Length: N, sends only the first bytes
    /gzip-bomb             ~1 MB of gzip inflating to 1 GiB, built lazily
"""

from __future__ import annotations

import asyncio
import gzip
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self

from aiohttp import web
from multidict import CIMultiDict

RSS091 = b"""<?xml version="1.0"?>
<rss version="0.91"><channel>
<title>OpenStack Wire 0.91</title><link>https://wire.example.org/</link>
<description>News</description><language>en-us</language>
<item><title>Acme Cloud joins the OpenStack Foundation</title>
<link>https://wire.example.org/acme-joins?utm_source=rss</link>
<description>Acme Cloud is the newest Gold member.</description></item>
<item><title>Initech leaves OpenStack</title>
<link>https://wire.example.org/initech-leaves</link>
<description>Initech will not renew its membership.</description></item>
</channel></rss>
"""

RSS10 = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.org/">
<title>OpenStack RDF</title><link>https://rdf.example.org/</link><description>d</description>
<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.org/a"/></rdf:Seq></items>
</channel>
<item rdf:about="https://rdf.example.org/a">
<title>Globex becomes an OpenStack Platinum member</title>
<link>https://rdf.example.org/a</link>
<description>Globex upgraded its membership.</description>
<dc:date>2024-03-05T10:00:00+01:00</dc:date>
</item>
</rdf:RDF>
"""

RSS20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>OpenStack News</title><link>https://news.example.org/</link>
<description>Membership news</description>
<atom:link rel="self" href="https://news.example.org/feed.xml" type="application/rss+xml"/>
<atom:link rel="hub" href="https://hub.example.org/"/>
<item><title>Acme Cloud joins OpenStack</title>
<link>https://news.example.org/2024/acme-joins/</link>
<guid isPermaLink="false">news-1001</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Acme Cloud &lt;b&gt;joined&lt;/b&gt; the foundation.&lt;/p&gt;
&lt;p&gt;More soon.&lt;/p&gt;</description>
</item>
<item><title>Initech &amp; OpenStack part ways</title>
<link>https://news.example.org/2024/initech/</link>
<guid isPermaLink="false">news-1002</guid>
<pubDate>Wed, 06 Mar 2024 18:00:00 -0500</pubDate>
<description>Initech left.</description>
</item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>OpenStack Atom</title><id>urn:uuid:feed-1</id>
<updated>2024-03-07T12:00:00Z</updated>
<link rel="alternate" href="https://atom.example.org/"/>
<link rel="self" href="https://atom.example.org/atom.xml"/>
<link rel="hub" href="https://pubsubhubbub.example.org/"/>
<entry><title type="html">Umbrella &lt;em&gt;joins&lt;/em&gt; OpenStack</title>
<id>tag:atom.example.org,2024:1</id>
<link rel="alternate" href="https://atom.example.org/umbrella"/>
<published>2024-03-07T08:00:00+02:00</published><updated>2024-03-07T09:00:00Z</updated>
<summary type="html">&lt;p&gt;Umbrella is a new
&lt;a href="/m"&gt;member&lt;/a&gt;.&lt;/p&gt;</summary>
</entry>
<entry><title type="text">Tags: &lt;OpenStack&gt; &amp; friends</title>
<id>tag:atom.example.org,2024:2</id>
<link href="https://atom.example.org/tags"/>
<updated>2024-03-08T00:00:00Z</updated>
<content type="html">&lt;div&gt;Plain&lt;script&gt;alert(1)&lt;/script&gt;
content&lt;/div&gt;</content>
</entry>
</feed>
"""

JSONFEED = b"""{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "OpenStack JSON",
  "home_page_url": "https://json.example.org/",
  "feed_url": "https://json.example.org/feed.json",
  "hubs": [{"type": "WebSub", "url": "https://hub.example.org/json"}],
  "items": [
    {"id": "j-1", "url": "https://json.example.org/hooli", "title": "Hooli joins OpenStack",
     "content_html": "<p>Hooli <b>joined</b>.</p>", "date_published": "2024-03-09T10:00:00-05:00"},
    {"id": 2, "external_url": "https://other.example.com/x", "title": "Pied Piper leaves",
     "summary": "They left.", "date_modified": "2024-03-10T00:00:00Z"},
    {"id": "j-3", "url": "/relative", "content_text": "No title here."}
  ]
}
"""


@dataclass(slots=True)
class Resource:
    """A body served at one path, with validators for conditional GET."""

    body: bytes
    content_type: str = "application/rss+xml"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None  # "gzip" or "deflate": sent compressed


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    query: str
    headers: CIMultiDict[str]
    at: float = field(default_factory=time.time)  # wall clock, comparable with leases
    peer_port: int = 0  # the client's port: tells apart processes sharing the server


def _not_modified(request: web.Request, res: Resource) -> bool:
    tags = request.headers.get("If-None-Match")
    if tags is not None and res.etag is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or res.etag.removeprefix("W/") in wanted
    since = request.headers.get("If-Modified-Since")
    if since and res.last_modified:
        try:
            return parsedate_to_datetime(res.last_modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _encode(body: bytes, encoding: str | None) -> bytes:
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    return body


def gzip_bomb_parts(gib: int = 1) -> Iterator[bytes]:
    """A gzip stream of `gib` GiB of zeros, ~1 MB compressed, made without holding it.

    Each MiB of zeros is deflated after a full flush, so every block is the same
    bytes and is built once; the trailer's CRC is computed as we go.
    """
    zero = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(zero) + comp.flush(zlib.Z_FULL_FLUSH)
    yield first
    crc = zlib.crc32(zero)
    for _ in range((gib << 10) - 1):
        crc = zlib.crc32(zero, crc)
        yield block
    size = (gib << 30) & 0xFFFFFFFF
    yield b"\x03\x00" + crc.to_bytes(4, "little") + size.to_bytes(4, "little")


class FeedServer:
    """An aiohttp app on 127.0.0.1 (or another loopback `host`; free port); use as an async
    context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.resources: dict[str, Resource] = {}
        self.requests: list[Hit] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.in_flight = 0
        self.max_in_flight = 0
        for path, body, ctype in (
            ("/rss091", RSS091, "application/rss+xml"),
            ("/rss10", RSS10, "application/rdf+xml"),
            ("/rss20", RSS20, "application/rss+xml; charset=utf-8"),
            ("/atom", ATOM, "application/atom+xml"),
            ("/jsonfeed", JSONFEED, "application/feed+json"),
        ):
            self.serve(path, body, content_type=ctype, etag=f'"{path[1:]}-v1"',
                       last_modified="Tue, 05 Mar 2024 09:30:00 GMT")

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def serve(self, path: str, body: bytes, **options: object) -> str:
        """Serve `body` at `path` (replacing what was there); returns its URL."""
        self.resources[path] = Resource(body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> list[Hit]:
        return [hit for hit in self.requests if hit.path == path]

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        # handler_cancellation: a client that gives up must not leave sleepers behind.
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.requests.append(Hit(request.path, request.query_string,
                                 CIMultiDict(request.headers),
                                 peer_port=int(peer[1]) if peer else 0))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        res = self.resources.get(request.path)
        if res is not None:
            return self._static(request, res)
        head, _, rest = request.path.lstrip("/").partition("/")
        handler = getattr(self, "_h_" + head.replace("-", "_"), None)
        if handler is None:
            raise web.HTTPNotFound()
        response: web.StreamResponse = await handler(request, rest)
        return response

    def _static(self, request: web.Request, res: Resource) -> web.Response:
        headers = dict(res.headers)
        if res.etag:
            headers["ETag"] = res.etag
        if res.last_modified:
            headers["Last-Modified"] = res.last_modified
        if _not_modified(request, res):
            return web.Response(status=304, headers=headers)
        if res.encoding:
            headers["Content-Encoding"] = res.encoding
        headers["Content-Type"] = res.content_type
        return web.Response(status=res.status, body=_encode(res.body, res.encoding),
                            headers=headers)

    async def _h_redirect(self, request: web.Request, rest: str) -> web.Response:
        hops = int(rest or 0)
        target = "/rss20" if hops <= 1 else f"/redirect/{hops - 1}"
        status = 301 if hops % 2 else 302
        return web.Response(status=status, headers={"Location": target})

    async def _h_loop(self, request: web.Request, rest: str) -> web.Response:
        other = "b" if rest == "a" else "a"
        return web.Response(status=302, headers={"Location": f"/loop/{other}"})

    async def _h_redirect_to(self, request: web.Request, rest: str) -> web.Response:
        return web.Response(status=302, headers={"Location": request.query["url"]})

    async def _h_status(self, request: web.Request, rest: str) -> web.Response:
        headers = {}
        if "retry_after" in request.query:
            headers["Retry-After"] = request.query["retry_after"]
        return web.Response(status=int(rest), text=f"status {rest}", headers=headers)

    async def _h_slow(self, request: web.Request, rest: str) -> web.Response:
        await asyncio.sleep(float(request.query.get("delay", "5")))
        return web.Response(body=RSS20, content_type="application/rss+xml")

    async def _h_trickle(self, request: web.Request, rest: str) -> web.StreamResponse:
        interval = float(request.query.get("interval", "0.05"))
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        for _ in range(200):
            await resp.write(b" ")
            await asyncio.sleep(interval)
        return resp

    async def _h_big(self, request: web.Request, rest: str) -> web.StreamResponse:
        size = int(request.query["size"])
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        chunk = b"x" * 65536
        for offset in range(0, size, len(chunk)):
            await resp.write(chunk[: size - offset])
        return resp

    async def _h_big_declared(self, request: web.Request, rest: str) -> web.StreamResponse:
        size = int(request.query["size"])
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        resp.content_length = size
        await resp.prepare(request)
        await resp.write(b"x" * 1024)  # a client honouring the cap stops before reading more
        return resp

    async def _h_gzip_bomb(self, request: web.Request, rest: str) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml",
                                           "Content-Encoding": "gzip"})
        await resp.prepare(request)
        for part in gzip_bomb_parts():
            await resp.write(part)
        return resp


# --- hostile and awkward feeds -------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title><link>https://laughs.example.org/</link>
<item><title>Item &lol9;</title><link>https://laughs.example.org/1</link>
<description>&lol9;</description></item></channel></rss>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><link>https://xxe.example.org/</link>
<item><title>Leak &xxe;</title><link>https://xxe.example.org/1</link>
<description>&xxe;</description></item></channel></rss>
"""

CONTROL_CHARS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Ctl\x01 feed</title>'
    b"<item><title>Acme\x00 joins\x07 Open\x1bStack</title><link>https://ctl.example.org/1</link>"
    b"<description>a\x0bb\x0cc\x7fd</description></item></channel></rss>"
)

_CP1252_TEXT = (
    '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel>'
    "<title>Caf\u00e9 \u201cnews\u201d</title><link>https://cp.example.org/</link>"
    "<item><title>Soci\u00e9t\u00e9 G\u00e9n\u00e9rale joins \u2013 \u20ac50k</title>"
    "<link>https://cp.example.org/1</link></item></channel></rss>"
)
#: cp1252 bytes whose XML declaration says so.
CP1252_DECLARED = _CP1252_TEXT.encode("cp1252")
#: the same cp1252 bytes, but the declaration claims utf-8.
CP1252_MISLABELLED = CP1252_DECLARED.replace(b'encoding="windows-1252"', b'encoding="utf-8"')

MALFORMED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>'
    b"<item><title>One</title><link>https://broken.example.org/1</link></item>"
    b"<item><title>Two<link>https://broken.example.org/2</link></item>"
)


def big_feed(count: int, *, body_words: int = 0, salt: str = "") -> bytes:
    """An RSS 2.0 feed of `count` items (each with `body_words` words of description)."""
    filler = " ".join(["openstack"] * body_words)
    items = "".join(
        f"<item><title>Story {i}{salt}</title><link>https://big.example.org/s/{i}</link>"
        f"<guid>big-{i}</guid><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>"
        f"<description>Company {i} news. {filler}</description></item>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Big{salt}</title><link>https://big.example.org/</link>{items}</channel></rss>"
    ).encode()
