"""watchers.articles: text extraction with real trafilatura."""

from __future__ import annotations

import pytest

from watchers.articles import MAX_HTML_CHARS, decode_html, extract, looks_like_html

PARA = ("<p>Soci\u00e9t\u00e9 G\u00e9n\u00e9rale has joined the OpenStack Foundation as a Gold "
        "member, the foundation said on Tuesday \u2013 a move worth \u20ac50k a year.</p>")


def page(head: str = "") -> str:
    return (f"<html><head>{head}<title>x</title></head><body><nav>Home | About</nav>"
            f"<article><h1>Soci\u00e9t\u00e9 joins</h1>{PARA * 4}</article>"
            "<footer>Copyright</footer></body></html>")


@pytest.mark.parametrize(("data", "content_type"), [
    (page('<meta charset="windows-1252">').encode("cp1252"), None),
    (page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
     .encode("cp1252"), None),
    (page().encode("cp1252"), "text/html; charset=windows-1252"),
    (page().encode("cp1252"), None),  # unlabelled, not UTF-8: windows-1252
    (page().encode("utf-8"), None),
    (b"\xef\xbb\xbf" + page('<meta charset="windows-1252">').encode("utf-8"), None),
])
def test_extract_decodes_like_a_browser(data: bytes, content_type: str | None) -> None:
    text = extract(data, "https://example.org/a", content_type=content_type)
    assert text is not None
    assert text.startswith("Société joins\nSociété Générale has joined the OpenStack")
    assert "€50k" in text and "Copyright" not in text


def test_utf16_meta_label_on_ascii_page_is_ignored() -> None:
    assert decode_html('<meta charset="utf-16"><p>Café</p>'.encode()) == (
        '<meta charset="utf-16"><p>Café</p>')


def test_huge_page_is_capped_before_extraction() -> None:
    huge = page().replace("</article>", "<p>" + "padding " * 1_000_000 + "</p></article>")
    assert len(huge) > MAX_HTML_CHARS
    text = extract(huge.encode())
    assert text is not None and text.startswith("Société joins")


@pytest.mark.parametrize(("text", "expected"), [
    ("<!DOCTYPE html><html>", True), ("\ufeff  <html lang=en>", True),
    ("<head><title>x</title></head>", True), ('<?xml version="1.0"?><rss>', False),
    ("plain words", False),
])
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_a_newsletter_laid_out_in_tables_keeps_its_body() -> None:
    items = "".join(
        f"<h3>Item {n}</h3><p>Brede Networks item {n}: the OpenStack Foundation reported a "
        "quieter change on its membership page this fortnight, and operators noticed.</p>"
        for n in range(4))
    html = ("<html><head><title>Bulletin #47</title></head><body><table width='100%'><tr><td>"
            f"<table width='640'><tr><td><h1>Bulletin</h1></td></tr><tr><td>{items}</td></tr>"
            "</table></td></tr></table></body></html>")
    text = extract(html)
    assert text is not None and "membership page" in text and "Item 3" in text
