"""watchers.feeds on real feedparser, fed by a real local server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from tests.feedserver import (
    ATOM,
    BILLION_LAUGHS,
    CONTROL_CHARS,
    CP1252_DECLARED,
    CP1252_MISLABELLED,
    EXTERNAL_ENTITY,
    JSONFEED,
    MALFORMED,
    RSS091,
    RSS10,
    RSS20,
    FeedServer,
    big_feed,
)
from watchers.errors import FeedParseError
from watchers.feeds import parse_feed
from watchers.http import Fetcher, FetchLimits, make_session
from watchers.model import Entry, ParsedFeed

URL = "https://feeds.example.org/x/feed"
LOCAL = FetchLimits(allow_private_networks=True)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type, misc]


def test_rss091_without_guids_or_dates_is_keyed_by_canonical_url() -> None:
    feed = parse_feed(RSS091, URL, "application/rss+xml")
    assert feed == ParsedFeed(title="OpenStack Wire 0.91", entries=(
        Entry(key="https://wire.example.org/acme-joins",
              title="Acme Cloud joins the OpenStack Foundation",
              url="https://wire.example.org/acme-joins?utm_source=rss",
              summary="Acme Cloud is the newest Gold member.", published=None),
        Entry(key="https://wire.example.org/initech-leaves", title="Initech leaves OpenStack",
              url="https://wire.example.org/initech-leaves",
              summary="Initech will not renew its membership.", published=None),
    ))


def test_rss10_rdf() -> None:
    feed = parse_feed(RSS10, URL)
    assert feed.title == "OpenStack RDF"
    assert feed.entries == (Entry(
        key="https://rdf.example.org/a", title="Globex becomes an OpenStack Platinum member",
        url="https://rdf.example.org/a", summary="Globex upgraded its membership.",
        published=utc(2024, 3, 5, 9, 0), guid="https://rdf.example.org/a"),)


def test_rss20_with_hub_self_html_summary_and_zoned_dates() -> None:
    feed = parse_feed(RSS20, URL, "application/rss+xml; charset=utf-8")
    assert (feed.title, feed.hub_url, feed.self_url) == (
        "OpenStack News", "https://hub.example.org/", "https://news.example.org/feed.xml")
    first, second = feed.entries
    assert first == Entry(
        key="news-1001", title="Acme Cloud joins OpenStack",
        url="https://news.example.org/2024/acme-joins/",
        summary="Acme Cloud joined the foundation. More soon.",
        published=utc(2024, 3, 5, 9, 30), guid="news-1001")
    assert (second.title, second.published) == ("Initech & OpenStack part ways",
                                                utc(2024, 3, 6, 23, 0))
    assert second.published is not None and second.published.tzinfo is UTC


def test_atom_html_title_is_stripped_but_text_title_keeps_brackets() -> None:
    feed = parse_feed(ATOM, URL, "application/atom+xml")
    assert (feed.title, feed.hub_url, feed.self_url) == (
        "OpenStack Atom", "https://pubsubhubbub.example.org/", "https://atom.example.org/atom.xml")
    umbrella, tags = feed.entries
    assert umbrella == Entry(
        key="tag:atom.example.org,2024:1", title="Umbrella joins OpenStack",
        url="https://atom.example.org/umbrella", summary="Umbrella is a new member.",
        published=utc(2024, 3, 7, 6, 0), guid="tag:atom.example.org,2024:1")
    assert tags.title == "Tags: <OpenStack> & friends"
    assert tags.summary == "Plain content"  # from <content>, script dropped
    assert tags.published == utc(2024, 3, 8)  # falls back to <updated>


def test_json_feed() -> None:
    feed = parse_feed(JSONFEED, URL, "application/feed+json")
    assert (feed.title, feed.hub_url, feed.self_url) == (
        "OpenStack JSON", "https://hub.example.org/json", "https://json.example.org/feed.json")
    assert feed.entries == (
        Entry(key="j-1", title="Hooli joins OpenStack", url="https://json.example.org/hooli",
              summary="Hooli joined.", published=utc(2024, 3, 9, 15, 0), guid="j-1"),
        Entry(key="2", title="Pied Piper leaves", url="https://other.example.com/x",
              summary="They left.", published=utc(2024, 3, 10), guid="2"),
        Entry(key="j-3", title="", url="https://feeds.example.org/relative",
              summary="No title here.", published=None, guid="j-3"),
    )


@pytest.mark.parametrize(("body", "content_type"), [
    (RSS20, "application/rss+xml"), (ATOM, None), (JSONFEED, "application/feed+json")])
def test_text_since_drops_only_the_summaries_of_older_entries(body: bytes,
                                                             content_type: str | None) -> None:
    full = parse_feed(body, URL, content_type)
    cut = sorted(e.published for e in full.entries if e.published)[-1]
    lean = parse_feed(body, URL, content_type, text_since=cut)
    assert [e.key for e in lean.entries] == [e.key for e in full.entries]
    for whole, part in zip(full.entries, lean.entries, strict=True):
        older = whole.published is None or whole.published < cut
        kept = whole.summary if not older or not (whole.title or whole.url) else ""
        assert part == Entry(whole.key, whole.title, whole.url, kept, whole.published,
                             whole.guid)
    assert any(not e.summary for e in lean.entries) and any(e.summary for e in lean.entries)


def test_text_since_keeps_the_summary_of_an_entry_that_has_nothing_else() -> None:
    body = (b'<rss version="2.0"><channel><title>T</title>'
            b"<item><description>Only words.</description></item></channel></rss>")
    [entry] = parse_feed(body, URL, text_since=utc(2030, 1, 1)).entries
    assert entry.summary == "Only words."


@pytest.mark.parametrize("content_type", [None, "application/json", "text/plain"])
def test_json_feed_is_detected_without_the_right_content_type(content_type: str | None) -> None:
    assert parse_feed(b"\xef\xbb\xbf  " + JSONFEED, URL, content_type).title == "OpenStack JSON"


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b'{"a": 1}', None, "JSON without an 'items' list is not a JSON Feed"),
    (b'{"items": [', None, "invalid JSON: Expecting value"),
    (b"[" * 100_000, "application/json", "invalid JSON: maximum recursion depth"),
    (b"this is not a feed at all", None, "not an RSS, Atom or JSON feed (<unknown>:2:0"),
    (b"<html><head><title>Hi</title></head><body><p>x</p></body></html>", "text/html",
     "not an RSS, Atom or JSON feed (no feed found)"),
    (b"", None, "not an RSS, Atom or JSON feed (no feed found)"),
    (b'<rss version="2.0"><channel><item><title>x</item></channel></rss>', None,
     "unreadable feed: <unknown>:2:44: mismatched tag"),
])
def test_unreadable_bodies_raise_with_the_reason(body: bytes, content_type: str | None,
                                                 message: str) -> None:
    with pytest.raises(FeedParseError) as info:
        parse_feed(body, URL, content_type)
    assert str(info.value).startswith(f"{URL}: {message}")


def test_a_path_as_body_is_never_opened() -> None:
    """feedparser opens bytes that name a file; we hand it a stream instead."""
    with pytest.raises(FeedParseError, match="not an RSS, Atom or JSON feed"):
        parse_feed(b"/etc/passwd", URL)


def test_empty_valid_feed_is_not_an_error() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', URL)
    assert feed == ParsedFeed(title="Quiet", entries=())


def test_malformed_xml_that_yielded_entries_is_accepted() -> None:
    feed = parse_feed(MALFORMED, URL)
    assert feed.title == "Broken"
    assert [(e.title, e.url) for e in feed.entries] == [("One", "https://broken.example.org/1")]


def test_billion_laughs_is_not_expanded() -> None:
    feed = parse_feed(BILLION_LAUGHS, URL)
    assert feed.title == "Laughs"
    (entry,) = feed.entries
    assert (entry.title, entry.summary) == ("Item &lol9;", "&lol9;")


def test_external_entity_is_not_resolved() -> None:
    feed = parse_feed(EXTERNAL_ENTITY, URL)
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.summary) == ("XXE", "Leak &xxe;", "&xxe;")
    assert "root:" not in repr(feed)


def test_control_characters_are_removed() -> None:
    feed = parse_feed(CONTROL_CHARS, URL)
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.summary) == (
        "Ctl feed", "Acme joins OpenStack", "a b cd")


@pytest.mark.parametrize("body", [CP1252_DECLARED, CP1252_MISLABELLED])
@pytest.mark.parametrize("content_type", [None, "application/rss+xml; charset=utf-8"])
def test_cp1252_declared_or_mislabelled_decodes_right(body: bytes,
                                                      content_type: str | None) -> None:
    feed = parse_feed(body, URL, content_type)
    assert feed.title == "Café “news”"
    assert [e.title for e in feed.entries] == ["Société Générale joins – €50k"]


def test_cp1252_declared_only_in_the_http_header() -> None:
    body = CP1252_DECLARED.replace(b'<?xml version="1.0" encoding="windows-1252"?>', b"")
    feed = parse_feed(body, URL, "text/xml; charset=windows-1252")
    assert feed.entries[0].title == "Société Générale joins – €50k"


def test_ten_thousand_entries() -> None:
    feed = parse_feed(big_feed(10_000), URL)
    assert len(feed.entries) == 10_000
    assert len({e.key for e in feed.entries}) == 10_000
    assert feed.entries[9_999] == Entry(
        key="big-9999", title="Story 9999", url="https://big.example.org/s/9999",
        summary="Company 9999 news.", published=utc(2024, 3, 5, 9, 30), guid="big-9999")


# --- fetched, then parsed ------------------------------------------------------------------


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as srv:
        yield srv


@pytest.mark.parametrize(("path", "title", "count"), [
    ("/rss091", "OpenStack Wire 0.91", 2), ("/rss10", "OpenStack RDF", 1),
    ("/rss20", "OpenStack News", 2), ("/atom", "OpenStack Atom", 2),
    ("/jsonfeed", "OpenStack JSON", 3)])
async def test_every_format_fetched_and_parsed(server: FeedServer, path: str, title: str,
                                               count: int) -> None:
    async with make_session(LOCAL) as session:
        result = await Fetcher(session, LOCAL).fetch(server.url(path))
    assert result.body is not None
    feed = parse_feed(result.body, result.final_url, result.content_type)
    assert (feed.title, len(feed.entries)) == (title, count)


async def test_hostile_feeds_over_http(server: FeedServer) -> None:
    served = {
        "/laughs": BILLION_LAUGHS, "/xxe": EXTERNAL_ENTITY, "/ctl": CONTROL_CHARS,
        "/cp1252": CP1252_MISLABELLED, "/big": big_feed(10_000),
    }
    titles = {}
    async with make_session(LOCAL) as session:
        fetcher = Fetcher(session, LOCAL)
        for path, body in served.items():
            url = server.serve(path, body, content_type="application/rss+xml", encoding="gzip")
            result = await fetcher.fetch(url)
            assert result.body == body
            feed = parse_feed(result.body, url, result.content_type)
            titles[path] = (feed.title, len(feed.entries))
    assert titles == {"/laughs": ("Laughs", 1), "/xxe": ("XXE", 1), "/ctl": ("Ctl feed", 1),
                      "/cp1252": ("Café “news”", 1), "/big": ("Big", 10_000)}
