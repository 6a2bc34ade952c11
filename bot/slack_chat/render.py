"""Slack text and Block Kit for alerts and command replies.

Slack reads `<...>` as mentions (`<!channel>`, `<@U123>`) and links
(`<url|label>`) and decodes `&amp;`, `&lt;`, `&gt;`. Every piece of untrusted text
(titles, evidence, company and outlet names, URLs) goes through `clean` or
`escape`, which escape `&`, `<`, `>` in that order, so an article can never ping a
channel or disguise a link. The only links are the ones `link` builds, for http(s)
URLs only, with the real host shown next to the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit

from bot.alerts import Alert, Notice
from bot.commands import Reply, ReplyItem
from bot.notifiers.base import strip_controls

#: Block Kit limits: a section's text and a message's blocks.
SECTION_MAX = 3000
BLOCKS_MAX = 50
#: Keep command replies readable (and well under Slack's message size).
REPLY_CHARS_MAX = 12_000
URL_MAX = 1000  # escaped; a longer URL is shown unlinked
#: RFC 3986 reserved and unreserved characters, plus `%` for existing escapes; anything
#: else in a URL (`|`, `<`, `>`, spaces, quotes, non-ASCII) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_SLACK_LINK = re.compile(r"<([^<>|]*)(?:\|[^<>]*)?>")
_ESCAPED_PIECE = re.compile(r"&(?:amp|lt|gt);|.", re.S)

Message = dict[str, Any]


def escape(text: str) -> str:
    """Make text literal for Slack: `&` first, so `&lt;` typed by someone stays visible."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str, limit: int = 300) -> str:
    """Untrusted text as one escaped line of at most `limit` characters: controls dropped,
    whitespace collapsed, cut between characters so an entity is never split."""
    line = escape(" ".join(strip_controls(text).split()))
    if len(line) <= limit:
        return line
    pieces: list[str] = []
    size = 0
    for piece in _ESCAPED_PIECE.findall(line):
        if size + len(piece) > limit - 1:
            break
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces).rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit to sit inside `<...|...>`, or None."""
    if not url:
        return None
    url = strip_controls(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    encoded = quote(url, safe=_URL_SAFE)
    return encoded if len(escape(encoded)) <= URL_MAX else None


def link(url: str | None, label: str, *, limit: int = 300) -> str:
    """`<url|label> (host)` when the URL is http(s), else the escaped label alone.

    The host is shown because a label is untrusted too: a title reading
    "https://good.example" must not hide where the link goes.
    """
    text = clean(label, limit) or clean(url or "", limit)
    target = safe_url(url)
    if target is None:
        return text
    host = urlsplit(target).hostname or ""
    return f"<{escape(target)}|{text}> ({escape(host)})"


def command_text(raw: str) -> str:
    """The `/openstack` argument text as typed: Slack's `<url|label>` forms become the URL
    and its `&amp;`, `&lt;`, `&gt;` are decoded (`&amp;` last)."""
    text = _SLACK_LINK.sub(lambda m: m.group(1), raw)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section; callers stay under the limit (the cut is a last resort)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_MAX]}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_MAX]}]}


def alert_message(alert: Alert) -> Message:
    """`chat.postMessage` arguments for an alert, or for a follow-up in its thread."""
    headline = f"{clean(alert.company, 150)} {clean(alert.action, 20)} OpenStack"
    outlet = clean(alert.outlet, 100) or "another outlet"
    if alert.kind == "alert":
        lead, text = f"*{headline}*", headline
    elif alert.thread_of:
        lead = text = f"Also reported by {outlet}"
    else:
        lead = f"Another outlet reports: *{headline}*"
        text = f"Another outlet reports: {headline}"
    blocks = [section(lead)]
    evidence = clean(alert.evidence, 1500)
    if evidence:
        blocks.append(section(f"> {evidence}"))
    when = alert.published_at.date().isoformat() if alert.published_at else "undated"
    title = link(alert.url, alert.title or "(untitled)", limit=250)
    blocks.append(section(f"{title}\n{outlet} · {when}"))
    blocks.append(context(f"rule {clean(alert.rule, 100)} · "
                          f"confidence {alert.confidence:.2f}"))
    message: Message = {"text": text, "blocks": blocks,
                        "unfurl_links": False, "unfurl_media": False}
    if alert.kind == "source" and alert.thread_of:
        message["thread_ts"] = alert.thread_of
    return message


def notice_message(notice: Notice) -> Message:
    """`chat.postMessage` arguments for an admin notice: its lines as inert text."""
    lines = [clean(line, 1000) for line in notice.text.splitlines()]
    lines = [line for line in lines if line]
    head = lines[0] if lines else "(empty notice)"
    blocks = [section(f":warning: *{head}*")]
    if lines[1:]:
        blocks.append(section("\n".join(lines[1:])))
    blocks.append(context("stackwatch admin notice"))
    return {"text": f"stackwatch admin notice: {head}", "blocks": blocks,
            "unfurl_links": False, "unfurl_media": False}


def reply_message(reply: Reply) -> Message:
    """`respond()` arguments for a command reply: ephemeral when the reply says so."""
    heading = clean(reply.heading, 300)
    if reply.error:
        heading = f":warning: {heading}"
    blocks = [section(f"*{heading}*")]
    text = "\n".join(filter(None, (clean(line, 500) for line in reply.text.splitlines())))
    if text:
        blocks.append(section(text))
    blocks.extend(_item_blocks(reply.items, room=BLOCKS_MAX - len(blocks)))
    return {"text": heading, "blocks": blocks,
            "response_type": "ephemeral" if reply.ephemeral else "in_channel"}


def item_line(item: ReplyItem) -> str:
    line = f"• *{link(item.url, item.title, limit=200)}*"
    if item.detail:
        line += f" — {clean(item.detail, 600)}"
    if item.when:
        line += f" ({item.when:%Y-%m-%d})"
    return line


def _item_blocks(items: Iterable[ReplyItem], *, room: int) -> list[dict[str, Any]]:
    """Items packed into as few sections as fit; what does not fit is counted, not cut."""
    items = list(items)
    chunks: list[list[str]] = []
    size = shown = 0
    for item in items:
        line = item_line(item)
        size += len(line) + 1
        if size > REPLY_CHARS_MAX:
            break
        if not chunks or sum(len(x) + 1 for x in chunks[-1]) + len(line) > SECTION_MAX:
            if len(chunks) == room - 1:
                break
            chunks.append([])
        chunks[-1].append(line)
        shown += 1
    blocks = [section("\n".join(chunk)) for chunk in chunks]
    if shown < len(items):
        blocks.append(context(f"…and {len(items) - shown} more not shown; "
                              "narrow the question (`since`, `limit`)."))
    return blocks
