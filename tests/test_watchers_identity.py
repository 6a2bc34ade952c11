"""Entry identity and canonical URLs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchers.feeds import parse_feed
from watchers.identity import assign_keys, canonical_url, hash_key
from watchers.model import Entry

WHEN = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTPS://News.Example.ORG/a/b/", "https://news.example.org/a/b"),
    ("https://news.example.org:443/a", "https://news.example.org/a"),
    ("http://news.example.org:80/a", "http://news.example.org/a"),
    ("http://news.example.org:8080/a", "http://news.example.org:8080/a"),
    ("https://WWW.Example.org/a", "https://www.example.org/a"),
    ("https://example.org/a#comments", "https://example.org/a"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/", "https://example.org/"),
    ("https://example.org/a?utm_source=rss&utm_medium=x&id=7", "https://example.org/a?id=7"),
    ("https://example.org/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=5&cmpid=6",
     "https://example.org/a"),
    ("https://example.org/a?b=2&a=1&UTM_Campaign=z", "https://example.org/a?a=1&b=2"),
    ("https://example.org/a?flag&&x=", "https://example.org/a?flag&x="),
    ("https://example.org/%7euser/%c3%a9", "https://example.org/%7Euser/%C3%A9"),
    ("https://user:pw@Example.org/a", "https://user:pw@example.org/a"),
    ("https://[2001:DB8::1]:443/a/", "https://[2001:db8::1]/a"),
    ("  https://example.org/a  ", "https://example.org/a"),
    ("mailto:press@example.org", "mailto:press@example.org"),
    ("tag:example.org,2024:1", "tag:example.org,2024:1"),
    ("https://example.org:99999/a", "https://example.org:99999/a"),  # invalid port: as is
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_distinct_ids_are_not_merged() -> None:
    assert canonical_url("https://e.org/p?id=1") != canonical_url("https://e.org/p?id=2")
    assert canonical_url("https://e.org/a") != canonical_url("http://e.org/a")
    assert canonical_url("https://www.e.org/a") != canonical_url("https://e.org/a")


def entry(title: str, url: str | None = None, guid: str | None = None,
          published: datetime | None = WHEN, summary: str = "") -> Entry:
    return Entry(key="", title=title, url=url, summary=summary, published=published, guid=guid)


def keys(entries: list[Entry], feed_urls: tuple[str, ...] = ()) -> list[str]:
    return [e.key for e in assign_keys(entries, feed_urls=feed_urls)]


def test_trustworthy_guid_wins() -> None:
    assert keys([entry("A", "https://e.org/a", " g-1 "), entry("B", "https://e.org/b", "g-2")]
                ) == ["g-1", "g-2"]


@pytest.mark.parametrize("guid", ["", "   ", "null", "None", "0", "undefined"])
def test_placeholder_guid_falls_back_to_url(guid: str) -> None:
    assert keys([entry("A", "https://e.org/a?utm_source=x", guid)]) == ["https://e.org/a"]


def test_guid_naming_the_feed_or_site_is_ignored() -> None:
    got = keys([entry("A", "https://e.org/a", "https://e.org/"),
                entry("B", "https://e.org/b", "https://e.org/feed.xml")],
               feed_urls=("https://e.org/feed.xml", "https://e.org"))
    assert got == ["https://e.org/a", "https://e.org/b"]


def test_colliding_guids_switch_the_whole_feed_to_urls() -> None:
    got = keys([entry("A", "https://e.org/a", "same"), entry("B", "https://e.org/b", "same"),
                entry("C", "https://e.org/c", "unique")])
    assert got == ["https://e.org/a", "https://e.org/b", "https://e.org/c"]


def test_repeated_item_with_same_guid_and_link_is_one_entry() -> None:
    got = assign_keys([entry("A", "https://e.org/a", "g"),
                       entry("A again", "https://e.org/a", "g")])
    assert [(e.key, e.title) for e in got] == [("g", "A")]


def test_links_to_the_homepage_fall_back_to_hash() -> None:
    got = keys([entry("A", "https://e.org/"), entry("B", "https://e.org/")],
               feed_urls=("https://e.org/",))
    assert got == [hash_key("A", WHEN), hash_key("B", WHEN)]


def test_shared_link_with_different_titles_falls_back_to_hash() -> None:
    got = keys([entry("A", "https://e.org/press"), entry("B", "https://e.org/press#2")])
    assert got == [hash_key("A", WHEN), hash_key("B", WHEN)]


def test_no_guid_no_link_uses_hash_of_title_and_date() -> None:
    (only,) = assign_keys([entry("Acme joins", None, None)])
    assert only.key == hash_key("Acme joins", WHEN)
    assert only.key.startswith("sha256:") and len(only.key) == 7 + 64
    assert hash_key("Acme joins", None) != only.key


def test_empty_debris_is_dropped() -> None:
    assert assign_keys([entry("", None, "g", summary="")]) == ()


def test_feed_with_constant_guid_is_keyed_by_url_end_to_end() -> None:
    body = b"""<rss version="2.0"><channel><title>T</title><link>https://e.org/</link>
    <item><title>A</title><link>/a</link><guid isPermaLink="false">post</guid></item>
    <item><title>B</title><link>b</link><guid isPermaLink="false">post</guid></item>
    </channel></rss>"""
    feed = parse_feed(body, "https://e.org/news/feed.xml")
    assert [(e.key, e.url, e.guid) for e in feed.entries] == [
        ("https://e.org/a", "https://e.org/a", "post"),
        ("https://e.org/news/b", "https://e.org/news/b", "post"),
    ]
