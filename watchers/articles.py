"""Article text from HTML we fetched, through trafilatura."""

from __future__ import annotations

import codecs
import re
from configparser import ConfigParser

import trafilatura
from trafilatura.settings import use_config

#: trafilatura ignores its own size limit inside extract(); cap before calling.
MAX_HTML_CHARS = 2_000_000
#: Shorter extracted text from a page laid out in tables is retried with the tables kept.
MIN_TEXT_CHARS = 200

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in browsers, and pages rely on it.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii"})


def extract(html: bytes | str, url: str | None = None, *,
            content_type: str | None = None) -> str | None:
    """Return the main text of an HTML page, without boilerplate, or None.

    Bytes are capped before decoding, then decoded as a browser would (see
    `decode_html`); trafilatura's own guess misreads unlabelled cp1252 pages.
    """
    if isinstance(html, bytes):
        html = decode_html(html[:MAX_HTML_CHARS], content_type)
    html = html[:MAX_HTML_CHARS]
    text = _extract(html, url, tables=False)
    if (text is None or len(text) < MIN_TEXT_CHARS) and "<table" in html.lower():
        # a table-laid-out page (an e-mail newsletter) keeps its whole body in cells
        text = _extract(html, url, tables=True) or text
    return text


def _extract(html: str, url: str | None, *, tables: bool) -> str | None:
    text: str | None = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=tables,
        include_links=False,
        favor_precision=True,
        config=_CONFIG,
    )
    return text


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode by BOM, HTTP charset, `<meta charset>`, then UTF-8, else windows-1252."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:4096])
    labels = (header.group(1) if header else None,
              meta.group(1).decode("ascii", "replace") if meta else None)
    for label in labels:
        found = _codec(label)
        if found:
            return data.decode(found, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    name = label.strip().lower()
    if name in _AS_CP1252:
        return "cp1252"
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    # A page we could read this far is ASCII-compatible: a utf-16 label is a lie.
    return "utf-8" if found.startswith("utf-16") else found


def extract_title(html: bytes | str, *, content_type: str | None = None) -> str | None:
    """The page's headline (og:title, else <title> without the site name, else
    its h1), for callers that have no feed entry title: a file read by hand."""
    if isinstance(html, bytes):
        html = decode_html(html[:MAX_HTML_CHARS], content_type)
    meta = trafilatura.extract_metadata(html[:MAX_HTML_CHARS])
    title = meta.title if meta is not None else None
    return " ".join(title.split()) if title and title.strip() else None


def looks_like_html(text: str) -> bool:
    """Cheap sniff used by the CLI to route files through `extract`."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<head" in head


def _config() -> ConfigParser:
    cfg: ConfigParser = use_config()
    # Signals only work on the main thread; extraction also runs in workers.
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


_CONFIG = _config()
