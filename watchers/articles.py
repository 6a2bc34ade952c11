"""Article text from HTML we fetched, through trafilatura."""

from __future__ import annotations

from configparser import ConfigParser

import trafilatura
from trafilatura.settings import use_config

#: trafilatura ignores its own size limit inside extract(); cap before calling.
MAX_HTML_CHARS = 2_000_000


def extract(html: bytes | str, url: str | None = None) -> str | None:
    """Return the main text of an HTML page, without boilerplate, or None."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    html = html[:MAX_HTML_CHARS]
    text: str | None = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_links=False,
        favor_precision=True,
        config=_CONFIG,
    )
    return text


def looks_like_html(text: str) -> bool:
    """Cheap sniff used by the CLI to route files through `extract`."""
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _config() -> ConfigParser:
    cfg: ConfigParser = use_config()
    # Signals only work on the main thread; extraction also runs in workers.
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return cfg


_CONFIG = _config()
