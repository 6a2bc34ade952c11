"""watchers.pages: article links from listing pages, with real lxml."""

from __future__ import annotations

import pytest

from watchers.model import Entry
from watchers.pages import compile_selector, discover_links

PAGE = "https://www.example.org/news/"
LISTING = b"""<!doctype html><html><head><title>News</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a> <a href="https://www.example.org/news/">News</a></nav>
<main>
  <div class="story lead"><h2><a href="/news/acme-joins?utm_source=home#top">Acme <b>joins</b>
     OpenStack</a></h2></div>
  <div class="story"><a href="2024/initech-leaves"><img src="x.png" alt="Initech leaves"></a>
     <a href="2024/initech-leaves">Initech leaves OpenStack</a></div>
  <div class="story"><a href="https://blog.example.org/globex">Globex on the blog</a></div>
  <div class="story"><a href="https://elsewhere.example.com/x">Off-site</a></div>
  <div class="story"><a href="javascript:alert(1)">Script</a>
     <a href="mailto:press@example.org">Mail</a> <a href="#comments">Comments</a></div>
  <ul id="more"><li><a href="/news/umbrella" title="Umbrella joins"></a></li></ul>
</main>
<aside class="sidebar"><a href="/news/old-story">Old story</a></aside>
</body></html>"""


def test_all_same_site_links_without_selector() -> None:
    urls = [e.url for e in discover_links(LISTING, PAGE)]
    assert urls == [
        "https://www.example.org/", "https://www.example.org/about",
        "https://www.example.org/news/acme-joins?utm_source=home",
        "https://www.example.org/news/2024/initech-leaves",
        "https://blog.example.org/globex",
        "https://www.example.org/news/umbrella", "https://www.example.org/news/old-story",
    ]


def test_selector_and_pattern_pick_the_articles() -> None:
    got = discover_links(LISTING, PAGE, selector="main .story, ul#more > li",
                         url_pattern=r"/news/")
    assert got == (
        Entry(key="https://www.example.org/news/acme-joins", title="Acme joins OpenStack",
              url="https://www.example.org/news/acme-joins?utm_source=home", summary="",
              published=None),
        Entry(key="https://www.example.org/news/2024/initech-leaves", title="Initech leaves",
              url="https://www.example.org/news/2024/initech-leaves", summary="", published=None),
        Entry(key="https://www.example.org/news/umbrella", title="Umbrella joins",
              url="https://www.example.org/news/umbrella", summary="", published=None),
    )


def test_first_empty_title_is_filled_by_a_later_duplicate() -> None:
    html = b'<a href="/n/1"><img src="x"></a><p><a href="/n/1/">The story</a></p>'
    (only,) = discover_links(html, "https://example.org/n/")
    assert (only.title, only.url) == ("The story", "https://example.org/n/1")


def test_base_href_is_honoured() -> None:
    html = b'<html><head><base href="https://example.org/archive/"></head>' \
           b'<body><a href="story-1">One</a></body></html>'
    (only,) = discover_links(html, "https://example.org/")
    assert only.url == "https://example.org/archive/story-1"


def test_selector_on_anchors_themselves_and_attributes() -> None:
    html = b'<a class="x" data-kind="story" href="/a">A</a><a class="x" href="/b">B</a>'
    got = discover_links(html, "https://example.org/", selector='a[data-kind="story"]')
    assert [e.title for e in got] == ["A"]


def test_charset_from_meta_is_used() -> None:
    html = ('<html><head><meta charset="windows-1252"></head><body>'
            '<a href="/s">Soci\u00e9t\u00e9 G\u00e9n\u00e9rale joins</a></body></html>')
    (only,) = discover_links(html.encode("cp1252"), "https://example.org/")
    assert only.title == "Société Générale joins"


@pytest.mark.parametrize("html", [b"", b"   ", b"\x00\x00"])
def test_empty_or_junk_pages_give_nothing(html: bytes) -> None:
    assert discover_links(html, "https://example.org/") == ()


@pytest.mark.parametrize("selector", ["a:hover", "div ~ p", "> a", "a >", "a,,b", "a + b",
                                      "a[href^=x]", ""])
def test_unsupported_selectors_are_rejected_up_front(selector: str) -> None:
    with pytest.raises(ValueError, match="unsupported CSS selector"):
        compile_selector(selector)


def test_invalid_url_pattern_is_rejected() -> None:
    with pytest.raises(ValueError, match="invalid URL pattern"):
        discover_links(LISTING, PAGE, url_pattern="(")
