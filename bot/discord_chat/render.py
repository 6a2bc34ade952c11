"""Embeds for alerts and command replies, always within Discord's limits.

Text from articles and from users is untrusted: control characters are
stripped, then markdown and mentions are escaped, so a headline cannot format,
link or ping. Every embed goes through `fit` last, because an over-long embed
is a 400 from Discord, and a 400 would make an alert undeliverable for good.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.alerts import Alert, Notice
from bot.commands import Reply, ReplyItem
from bot.notifiers.base import strip_controls

TITLE, DESCRIPTION, FIELD_NAME, FIELD_VALUE = 256, 4096, 256, 1024
FOOTER, AUTHOR, MAX_FIELDS, TOTAL = 2048, 256, 25, 6000
URL_MAX = 2048
ELLIPSIS = "…"

JOINED, LEFT = discord.Colour.green(), discord.Colour.red()
NEUTRAL, ERROR = discord.Colour.blurple(), discord.Colour.dark_red()
NOTICE = discord.Colour.orange()

# `<@123>`, `<@!1>`, `<@&1>`, `<#1>`: escape_mentions only knows 17–20 digit ids.
_ZWSP = "\u200b"
_MENTION_LIKE = re.compile(rf"<([@#])(?!{_ZWSP})")


def clean(text: str) -> str:
    """Untrusted text made inert for places where Discord renders markdown."""
    text = escape_mentions(escape_markdown(strip_controls(text)))
    return _MENTION_LIKE.sub(rf"<\1{_ZWSP}", text)


def plain(text: str) -> str:
    """Untrusted text for places shown verbatim (footer, author): no escaping backslashes."""
    return _MENTION_LIKE.sub(rf"<\1{_ZWSP}", escape_mentions(strip_controls(text)))


def clip(text: str, limit: int) -> str:
    """Shorten to `limit` characters, ending with an ellipsis when anything was cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - len(ELLIPSIS), 0)].rstrip()
    if cut.endswith("\\") and not cut.endswith("\\\\"):
        cut = cut[:-1]  # a lone backslash would escape the ellipsis
    return cut + ELLIPSIS


def join_lines(lines: Sequence[str], limit: int, *, separator: str = "\n") -> str:
    """As many whole lines as fit in `limit`, then how many were left out."""
    text = separator.join(lines)
    if len(text) <= limit:
        return text
    for count in range(len(lines) - 1, 0, -1):
        text = separator.join([*lines[:count], f"… and {len(lines) - count} more"])
        if len(text) <= limit:
            return text
    more = f"{separator}… and {len(lines) - 1} more" if len(lines) > 1 else ""
    return clip(lines[0], limit - len(more)) + more  # one huge line: show part of it


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Discord will accept, or None (a bad URL fails the whole message)."""
    if not url or len(url) > URL_MAX or not re.match(r"https?://[^\s/]", url, re.I):
        return None
    if re.search(r"[\s<>\"\x00-\x1f\x7f]", url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def fit(embed: discord.Embed) -> discord.Embed:
    """The same embed clipped to every per-part limit, 25 fields and 6000 characters."""
    data: dict[str, Any] = dict(embed.to_dict())
    for key, limit in (("title", TITLE), ("description", DESCRIPTION)):
        if key in data:
            data[key] = clip(data[key], limit)
    if "text" in data.get("footer", {}):
        data["footer"]["text"] = clip(data["footer"]["text"], FOOTER)
    if "name" in data.get("author", {}):
        data["author"]["name"] = clip(data["author"]["name"], AUTHOR)
    data["fields"] = [{**f, "name": clip(f["name"], FIELD_NAME) or _ZWSP,
                       "value": clip(f["value"], FIELD_VALUE) or _ZWSP}
                      for f in data.get("fields", [])[:MAX_FIELDS]]
    _shrink(data, _size(data) - TOTAL)
    return discord.Embed.from_dict(data)


def _size(data: dict[str, Any]) -> int:
    return (len(data.get("title", "")) + len(data.get("description", ""))
            + len(data.get("footer", {}).get("text", ""))
            + len(data.get("author", {}).get("name", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in data["fields"]))


def _shrink(data: dict[str, Any], excess: int) -> None:
    """Give up description text first, then trailing fields, then footer text."""
    while excess > 0:
        description = data.get("description", "")
        if len(description) > 200:
            data["description"] = clip(description, max(len(description) - excess, 200))
        elif data["fields"]:
            data["fields"].pop()
        elif len(data.get("footer", {}).get("text", "")) > 100:
            data["footer"]["text"] = clip(data["footer"]["text"], 100)
        else:  # unreachable with the limits above, but never loop forever
            break
        excess = _size(data) - TOTAL


def alert_embed(alert: Alert, *, other_sources: Sequence[str] | None = None) -> discord.Embed:
    """Title linked to the article, headline, quoted evidence, outlet/date fields, rule footer.

    `other_sources` defaults to the earlier reports the outbox found for the event.
    """
    if other_sources is None:
        other_sources = alert.other_sources
    verb = "joined" if alert.action == "joined" else "left"
    headline = f"{clean(alert.company)} {verb} OpenStack"
    if alert.kind == "source":
        headline = f"Another outlet reports: {headline}"
    embed = discord.Embed(
        title=clean(alert.title) or "(untitled)", url=safe_url(alert.url),
        description=f"**{headline}**\n{quote(clean(alert.evidence))}",
        colour=JOINED if alert.action == "joined" else LEFT,
        timestamp=_aware(alert.published_at))
    embed.add_field(name="Outlet", value=clean(alert.outlet) or "unknown")
    embed.add_field(name="Date", value=_date(alert.published_at))
    if other_sources:
        embed.add_field(name="Other sources", inline=False,
                        value=join_lines([clean(s) for s in other_sources], FIELD_VALUE))
    embed.set_footer(text=f"rule {plain(alert.rule)} · confidence {alert.confidence:.2f}")
    return fit(embed)


def notice_embed(notice: Notice) -> discord.Embed:
    """An admin notice: its first line as the title, the rest as inert text."""
    lines = [clean(line) for line in notice.text.splitlines() if line.strip()]
    embed = discord.Embed(title=lines[0] if lines else "(empty notice)",
                          description="\n".join(lines[1:]) or None, colour=NOTICE)
    embed.set_footer(text="stackwatch admin notice")
    return fit(embed)


def reply_embed(reply: Reply) -> discord.Embed:
    """A command reply: heading as title, then text and one entry per item."""
    lines = [clean(reply.text)] if reply.text else []
    lines += [_item(item) for item in reply.items]
    embed = discord.Embed(title=clean(reply.heading),
                          description=join_lines(lines, DESCRIPTION, separator="\n\n") or None,
                          colour=ERROR if reply.error else NEUTRAL)
    return fit(embed)


def quote(text: str) -> str:
    """Markdown block quote, every line of it."""
    return "\n".join(f"> {line}" for line in (text.splitlines() or [""]))


def _item(item: ReplyItem) -> str:
    title = clean(item.title).replace("[", "\\[").replace("]", "\\]")
    url = safe_url(item.url)
    line = f"**[{title}]({url})**" if url else f"**{title}**"
    if item.when is not None:
        line += f" · {_date(item.when)}"
    if item.detail:
        line += f"\n{clean(item.detail)}"
    return line


def _aware(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _date(when: datetime | None) -> str:
    aware = _aware(when)
    return f"{aware.astimezone(UTC):%Y-%m-%d}" if aware else "unknown"
