"""The `/openstack` commands, written once and rendered by each platform.

A command is a function of a `CommandContext` and typed arguments returning a
neutral `Reply`; its docstring's first line is its help text and its `usage`
the expected arguments. Slack and the terminal pass the raw argument text to
`run_text`; Discord passes typed options to `run`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from bot import feedstate, queries
from bot.processes import GONE_AFTER


class CommandError(Exception):
    """Bad arguments: the message says what was expected."""


@dataclass(frozen=True)
class ReplyItem:
    title: str
    detail: str = ""
    url: str | None = None
    when: datetime | None = None


@dataclass(frozen=True)
class Reply:
    heading: str
    items: tuple[ReplyItem, ...] = ()
    text: str = ""
    ephemeral: bool = False
    error: bool = False


@dataclass
class CommandContext:
    engine: Engine
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    version: str = ""
    is_admin: bool = False
    reload: Callable[[], str] | None = None
    #: the cluster's heartbeat interval: processes silent for GONE_AFTER of them are gone
    heartbeat: timedelta = timedelta(seconds=15)


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    func: Callable[..., Reply]
    admin_actions: tuple[str, ...] = ()

    @property
    def help(self) -> str:
        return (self.func.__doc__ or "").strip().splitlines()[0]


MAX_LIMIT = 100


def who_joined(ctx: CommandContext, since: datetime | None = None, limit: int = 10) -> Reply:
    """Companies that joined OpenStack, newest first."""
    return _by_action(ctx, "joined", since, limit)


def who_left(ctx: CommandContext, since: datetime | None = None, limit: int = 10) -> Reply:
    """Companies that left OpenStack, newest first."""
    return _by_action(ctx, "left", since, limit)


def company(ctx: CommandContext, name: str) -> Reply:
    """One company's join/leave history."""
    found = queries.company_history(ctx.engine, name)
    if not found:
        return Reply(heading=f"No join or leave recorded for {name}.")
    return Reply(heading=f"{found[0].company}: membership history",
                 items=tuple(_event_item(e) for e in found))


def recent(ctx: CommandContext, limit: int = 5) -> Reply:
    """The latest flagged stories."""
    found = queries.recent_flagged(ctx.engine, _check_limit(limit))
    if not found:
        return Reply(heading="No flagged stories yet.")
    return Reply(heading=f"Latest {len(found)} flagged stories",
                 items=tuple(ReplyItem(title=s.title or "(untitled)", url=s.url,
                                       when=s.published_at,
                                       detail=f"{s.outlet}: {', '.join(s.companies)}")
                             for s in found))


def feeds(ctx: CommandContext, action: str | None = None, url: str | None = None) -> Reply:
    """Feed health; admins can also `pause URL` or `resume URL`."""
    if action is not None:
        if not ctx.is_admin:
            return Reply(heading="Only stackwatch admins can pause or resume feeds.",
                         ephemeral=True, error=True)
        if not url:
            raise CommandError(f"`feeds {action}` needs a feed URL")
        changed = feedstate.set_enabled(ctx.engine, url, action == "resume", now=ctx.clock())
        if not changed:
            raise CommandError(f"no feed with URL {url}")
        return Reply(heading=f"Feed {action}d: {url}")
    rows = queries.feed_health(ctx.engine)
    return Reply(heading=f"{len(rows)} feeds", items=tuple(_feed_item(f) for f in rows))


def status(ctx: CommandContext) -> Reply:
    """Version, uptime, last sweep, pending deliveries, and the processes sharing the work."""
    now = ctx.clock()
    counts = queries.delivery_counts(ctx.engine)
    last = queries.last_sweep_at(ctx.engine)
    cluster = queries.cluster(ctx.engine, now=now, gone_after=ctx.heartbeat * GONE_AFTER)
    live = sum(p.alive for p in cluster.processes)
    lines = [f"version {ctx.version}", f"up {_duration(now - ctx.started_at)}",
             f"last sweep {last:%Y-%m-%d %H:%M UTC}" if last else "no sweep yet",
             f"deliveries pending {counts.get('pending', 0) + counts.get('sending', 0)}, "
             f"dead {counts.get('dead', 0)}, sent {counts.get('sent', 0)}",
             f"processes {live} live, {len(cluster.processes) - live} gone"]
    if cluster.orphans_expire_at is not None:
        lines.append(f"held by no live process: {cluster.orphan_feeds} feeds, "
                     f"{cluster.orphan_deliveries} alerts (leases end by "
                     f"{cluster.orphans_expire_at:%H:%M:%S} UTC)")
    return Reply(heading="stackwatch status", text="\n".join(lines),
                 items=tuple(_process_item(p, now) for p in cluster.processes))


def reload(ctx: CommandContext) -> Reply:
    """Reload the config file (admins only)."""
    if not ctx.is_admin:
        return Reply(heading="Only stackwatch admins can reload.", ephemeral=True, error=True)
    if ctx.reload is None:
        return Reply(heading="Reload is not available here.", ephemeral=True, error=True)
    return Reply(heading=ctx.reload())


def help_(ctx: CommandContext) -> Reply:
    """This list of commands."""
    return Reply(heading="stackwatch commands", ephemeral=True, items=tuple(
        ReplyItem(title=f"{c.name} {c.usage}".strip(), detail=c.help)
        for c in COMMANDS.values()))


COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("who-joined", "[since DATE|Nd] [limit N]", who_joined),
    Command("who-left", "[since DATE|Nd] [limit N]", who_left),
    Command("company", "NAME", company),
    Command("recent", "[N]", recent),
    Command("feeds", "[pause URL | resume URL]", feeds, admin_actions=("pause", "resume")),
    Command("status", "", status),
    Command("reload", "", reload),
    Command("help", "", help_),
)}


def run(name: str, ctx: CommandContext, /, **kwargs: Any) -> Reply:
    """Run a command with typed arguments; bad arguments become an ephemeral error."""
    command = COMMANDS.get(name, COMMANDS["help"])
    try:
        return command.func(ctx, **kwargs)
    except CommandError as err:
        return Reply(heading=f"{err}. Usage: {command.name} {command.usage}".strip(),
                     ephemeral=True, error=True)


def run_text(text: str, ctx: CommandContext) -> Reply:
    """Parse `who-joined since 30d limit 5`-style text and run it."""
    words = text.split()
    if not words or words[0].lower() not in COMMANDS:
        return help_(ctx)
    name = words[0].lower()
    try:
        kwargs = parse_args(name, words[1:], now=ctx.clock())
    except CommandError as err:
        command = COMMANDS[name]
        return Reply(heading=f"{err}. Usage: {name} {command.usage}".strip(),
                     ephemeral=True, error=True)
    return run(name, ctx, **kwargs)


def parse_args(name: str, words: list[str], *, now: datetime) -> dict[str, Any]:
    """Turn the words after a command name into its keyword arguments."""
    if name in ("who-joined", "who-left"):
        return _since_limit(words, now)
    if name == "company":
        if not words:
            raise CommandError("a company name is needed")
        return {"name": " ".join(words)}
    if name == "recent":
        if len(words) > 1:
            raise CommandError("at most one number is expected")
        return {"limit": parse_limit(words[0])} if words else {}
    if name == "feeds":
        if not words:
            return {}
        if words[0].lower() not in ("pause", "resume") or len(words) > 2:
            raise CommandError(f"unexpected {' '.join(words)!r}")
        return {"action": words[0].lower(), "url": words[1] if len(words) > 1 else None}
    if words:
        raise CommandError(f"`{name}` takes no arguments")
    return {}


def parse_since(value: str, now: datetime) -> datetime:
    """`30d`, `12h`, `2w` back from now, or an ISO date `2026-01-31`."""
    match = re.fullmatch(r"(\d{1,5})([hdw])", value.lower())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - timedelta(hours=amount * {"h": 1, "d": 24, "w": 168}[unit])
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"since {value!r} is not a date (YYYY-MM-DD) or an age "
                           "like 30d") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_limit(value: str) -> int:
    if not value.isdigit():
        raise CommandError(f"{value!r} is not a whole number")
    return _check_limit(int(value))


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise CommandError(f"the limit must be between 1 and {MAX_LIMIT}")
    return limit


def _since_limit(words: list[str], now: datetime) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    rest = list(words)
    while rest:
        key = rest.pop(0).lower()
        if key not in ("since", "limit") or not rest:
            raise CommandError(f"unexpected {key!r}" if key not in ("since", "limit")
                               else f"`{key}` needs a value")
        value = rest.pop(0)
        kwargs[key] = parse_since(value, now) if key == "since" else parse_limit(value)
    return kwargs


def _by_action(ctx: CommandContext, action: str, since: datetime | None, limit: int) -> Reply:
    found = queries.events_by_action(ctx.engine, action, since=since, limit=_check_limit(limit))
    span = f" since {since:%Y-%m-%d}" if since else ""
    if not found:
        return Reply(heading=f"No company {action} OpenStack{span}.")
    return Reply(heading=f"Companies that {action} OpenStack{span}",
                 items=tuple(_event_item(e) for e in found))


def _event_item(event: queries.EventView) -> ReplyItem:
    first = event.sources[0] if event.sources else None
    others = len(event.sources) - 1
    detail = first.evidence if first else ""
    if others > 0:
        detail += f" (+{others} more source{'s' if others > 1 else ''})"
    return ReplyItem(title=f"{event.company} {event.action}", detail=detail,
                     url=first.url if first else None, when=event.first_seen_at)


def _feed_item(feed: queries.FeedHealth) -> ReplyItem:
    state = "ok" if feed.enabled and not feed.error_count else (
        "disabled" if not feed.enabled else f"failing x{feed.error_count}")
    seen = f"last ok {feed.last_success_at:%Y-%m-%d %H:%M}" if feed.last_success_at else "never ok"
    detail = f"{state}, {seen}, {feed.items_seen} items, next {feed.next_check_at:%H:%M}"
    if feed.push_state is not None:
        detail += f", {_push_note(feed.push_state, feed.push_until)}"
    if feed.last_error:
        detail += f", last error: {feed.last_error[:120]}"
    return ReplyItem(title=feed.name or feed.url, detail=detail, url=feed.url)


#: A WebSub subscription state (`bot.websubstate`) as the feed list says it.
_PUSH_NOTES = {
    "new": "subscribing to its hub", "requested": "subscribing to its hub",
    "verified": "pushed by its hub", "failed": "hub subscription failing",
    "denied": "hub denied the subscription", "expired": "hub lease expired, resubscribing",
    "unsubscribing": "unsubscribing from its hub", "unsubscribed": "unsubscribed from its hub",
}


def _push_note(state: str, until: datetime | None) -> str:
    note = _PUSH_NOTES.get(state, f"hub subscription {state}")
    if state == "verified" and until is not None:
        note += f" until {until:%Y-%m-%d %H:%M}"
    return note


def _process_item(p: queries.ProcessView, now: datetime) -> ReplyItem:
    state = (f"up {_duration(now - p.started_at)}" if p.alive
             else f"GONE, silent for {_ago(now - p.heartbeat_at)}")
    parts = [state, f"roles {', '.join(p.roles) or 'none'}",
             f"holds {', '.join(p.singletons)}" if p.singletons else "holds no singleton",
             f"leases {p.feeds_leased} feeds, {p.deliveries_leased} alerts",
             f"heartbeat {_ago(now - p.heartbeat_at)} ago", f"v{p.version}"]
    return ReplyItem(title=f"{p.worker} (pid {p.pid} on {p.host})", detail="; ".join(parts))


def _ago(delta: timedelta) -> str:
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds}s"
    return _duration(delta) if seconds >= 3600 else f"{seconds // 60}m {seconds % 60}s"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"
