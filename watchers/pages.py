"""Article links from listing pages of sites that publish no feed.

The `cssselect` package is not installed, so `selector` is a small CSS subset
translated to XPath here: type (`a`, `*`), `.class`, `#id`, `[attr]`,
`[attr=value]`, the descendant (space) and child (`>`) combinators, and `,`.
Anything else is a `ValueError`, raised when the selector is compiled, so the
bot can reject it while validating its config.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html

from watchers.identity import canonical_url
from watchers.model import Entry
from watchers.text import clean_text

_PART = re.compile(r"""
      (?P<tag>\*|[a-zA-Z][\w-]*)
    | \.(?P<cls>-?[_a-zA-Z][\w-]*)
    | \#(?P<id>-?[_a-zA-Z][\w-]*)
    | \[\s*(?P<attr>[_a-zA-Z][\w-]*)\s*
        (?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]
""", re.VERBOSE)
_COMBINATOR = re.compile(r"\s*>\s*|\s+")


def _translate(selector: str) -> str:
    """CSS subset → XPath relative to the document (see module docstring)."""
    return " | ".join(_translate_one(part.strip(), selector) for part in selector.split(","))


def _translate_one(text: str, whole: str) -> str:
    steps: list[str] = []
    axis, pos = "descendant-or-self::", 0
    while True:
        step, pos = _compound(text, pos, whole)
        steps.append(axis + step)
        if pos == len(text):
            return "".join(steps)
        comb = _COMBINATOR.match(text, pos)
        if comb is None:
            raise ValueError(f"unsupported CSS selector {whole!r} near {text[pos:]!r}")
        axis = "/" if ">" in comb.group() else "/descendant::"
        pos = comb.end()


def _compound(text: str, pos: int, whole: str) -> tuple[str, int]:
    """One compound selector (`div.news[data-x]`) at `pos` → XPath step, new position."""
    tag, tests = "", list[str]()
    while (part := _PART.match(text, pos)) is not None:
        if part["tag"] is not None:
            if tag or tests:
                break
            tag = part["tag"].lower()
        elif part["cls"] is not None:
            tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {part['cls']} ')")
        elif part["id"] is not None:
            tests.append(f"@id='{part['id']}'")
        else:
            value = next((v for v in (part["dq"], part["sq"], part["bare"]) if v is not None), None)
            quote = '"' if value is not None and "'" in value else "'"
            tests.append(f"@{part['attr']}" if value is None
                         else f"@{part['attr']}={quote}{value}{quote}")
        pos = part.end()
    if not (tag or tests):
        raise ValueError(f"unsupported CSS selector {whole!r} near {text[pos:]!r}")
    return (tag or "*") + "".join(f"[{t}]" for t in tests), pos


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> lxml.etree.XPath:
    """Compile a CSS-subset selector; `ValueError` names what is not supported."""
    try:
        return lxml.etree.XPath(_translate(selector))
    except lxml.etree.XPathSyntaxError as exc:
        raise ValueError(f"unsupported CSS selector {selector!r}: {exc}") from exc


@lru_cache(maxsize=256)
def compile_pattern(url_pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(url_pattern)
    except re.error as exc:
        raise ValueError(f"invalid URL pattern {url_pattern!r}: {exc}") from exc


def _site(host: str) -> str:
    return host.lower().rstrip(".").removeprefix("www.")


def _same_site(url: str, site: str) -> bool:
    """Same host as the page, ignoring `www.`, or one of its subdomains."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = _site(parts.hostname)
    return host == site or host.endswith("." + site)


def _anchors(root: lxml.html.HtmlElement, selector: str | None) -> list[lxml.html.HtmlElement]:
    scopes = compile_selector(selector)(root) if selector else [root]
    found: list[lxml.html.HtmlElement] = []
    for scope in scopes:
        if isinstance(scope, lxml.html.HtmlElement):
            found.extend(a for a in scope.iter("a") if a.get("href"))
    return found


def _title(anchor: lxml.html.HtmlElement) -> str:
    text = clean_text(anchor.text_content())
    if text:
        return text
    images = [img.get("alt") or "" for img in anchor.iter("img")]
    return clean_text(anchor.get("title") or next((alt for alt in images if alt), ""))


def discover_links(
    html: bytes, page_url: str, *, selector: str | None = None, url_pattern: str | None = None
) -> tuple[Entry, ...]:
    """Same-site links on a listing page, as entries keyed by canonical URL.

    `selector` picks the elements whose links count (the links themselves or
    containers); `url_pattern` is a regex searched in each absolute URL. Order
    is document order; a URL seen twice keeps its first non-empty title.
    """
    pattern = compile_pattern(url_pattern) if url_pattern else None
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ()
    base_href = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    base = urljoin(page_url, base_href.strip()) if base_href else page_url
    site, own = _site(urlsplit(page_url).hostname or ""), canonical_url(page_url)
    found: dict[str, Entry] = {}
    for anchor in _anchors(root, selector):
        url = urldefrag(urljoin(base, anchor.get("href", "").strip())).url
        key = canonical_url(url)
        if key == own or not _same_site(url, site) or (pattern and not pattern.search(url)):
            continue
        title = _title(anchor)
        if key not in found or (title and not found[key].title):
            first = found.get(key)
            found[key] = Entry(key=key, title=title, url=first.url if first else url,
                               summary="", published=None)
    return tuple(found.values())
