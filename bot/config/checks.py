"""Checks that span keys or tables, run on whatever parts of the config validated.

They run even when other parts are broken (a typo in one feed must not hide a dangling
destination name in another), so each check skips what it cannot judge: a reference into a
table that failed validation is not reported as dangling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from pydantic import ValidationError

from bot.config.messages import closest
from bot.config.models import (
    ClassifierSettings,
    Config,
    DeliverySettings,
    Destination,
    DiscordSettings,
    Feed,
    Section,
    SlackSettings,
    StorageSettings,
    WatchSettings,
)
from bot.config.problems import Issue, Loc
from watchers.pages import compile_selector

_SLACK_CHANNEL = re.compile(r"[CGD][A-Z0-9]{2,}")
S = TypeVar("S", bound=Section)


@dataclass
class Parts:
    """The tables and list items that validated on their own, keyed by position."""

    storage: StorageSettings | None = None
    classifier: ClassifierSettings | None = None
    delivery: DeliverySettings | None = None
    slack: SlackSettings | None = None
    discord: DiscordSettings | None = None
    destinations: dict[int, Destination] = field(default_factory=dict)
    feeds: dict[int, Feed] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # top-level keys with a problem inside
    watch: WatchSettings | None = None

    @classmethod
    def of(cls, config: Config) -> Parts:
        """All parts of a config that validated as a whole."""
        return cls(
            config.storage,
            config.classifier,
            config.delivery,
            config.slack,
            config.discord,
            dict(enumerate(config.destinations)),
            dict(enumerate(config.feeds)),
            watch=config.watch,
        )

    @classmethod
    def salvage(cls, data: Mapping[str, object]) -> Parts:
        """Validate each table and list item alone, keeping those that pass."""
        parts = cls()
        parts.storage = parts._table(data, "storage", StorageSettings, default=True)
        parts.classifier = parts._table(data, "classifier", ClassifierSettings, default=True)
        parts.delivery = parts._table(data, "delivery", DeliverySettings, default=True)
        parts.slack = parts._table(data, "slack", SlackSettings, default=False)
        parts.discord = parts._table(data, "discord", DiscordSettings, default=False)
        parts.destinations = parts._items(data, "destinations", Destination)
        parts.feeds = parts._items(data, "feeds", Feed)
        parts.watch = parts._table(data, "watch", WatchSettings, default=True)
        return parts

    def _table(
        self, data: Mapping[str, object], key: str, model: type[S], *, default: bool
    ) -> S | None:
        if key not in data:
            return model() if default else None
        try:
            return model.model_validate(data[key])
        except ValidationError:
            self.broken.add(key)
            return None

    def _items(self, data: Mapping[str, object], key: str, model: type[S]) -> dict[int, S]:
        if key not in data:  # same default as a whole Config (one console destination)
            return dict(enumerate(Config.model_fields[key].get_default(call_default_factory=True)))
        raw = data[key]
        items: dict[int, S] = {}
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                items[index] = model.model_validate(item)
            except ValidationError:
                self.broken.add(key)
        if not isinstance(raw, list):
            self.broken.add(key)
        return items

    def located_sections(self) -> Iterator[tuple[Loc, Section]]:
        """The valid tables with their key paths (for secret resolution)."""
        tables = {
            "storage": self.storage,
            "classifier": self.classifier,
            "delivery": self.delivery,
            "slack": self.slack,
            "discord": self.discord,
        }
        yield from (((name,), table) for name, table in tables.items() if table is not None)
        yield from ((("destinations", i), dest) for i, dest in self.destinations.items())
        yield from ((("feeds", i), feed) for i, feed in self.feeds.items())


def cross_check(parts: Parts, base_dir: Path) -> list[Issue]:
    """Every cross-key problem, in no particular order."""
    checks = (
        _duplicate_feed_urls,
        _duplicate_destination_names,
        _dangling_destination_names,
        _destination_platforms,
        _page_feeds,
        _discord_guilds,
        _lease_outlasts_fetch,
    )
    issues = [issue for check in checks for issue in check(parts)]
    return issues + list(_missing_rule_files(parts, base_dir))


def _duplicate_feed_urls(parts: Parts) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for index, feed in parts.feeds.items():
        key = _url_key(feed.url)
        if key in seen:
            yield Issue(("feeds", index, "url"), f"same URL as feeds[{seen[key]}]")
        seen.setdefault(key, index)


def _url_key(url: str) -> str:
    """Feed URLs that differ only in scheme/host case or a fragment are the same feed."""
    parts = urlsplit(url)
    return parts._replace(
        scheme=parts.scheme.lower(), netloc=parts.netloc.lower(), fragment=""
    ).geturl()


def _duplicate_destination_names(parts: Parts) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for index, dest in parts.destinations.items():
        if dest.name in seen:
            message = f"name already used by destinations[{seen[dest.name]}]"
            yield Issue(("destinations", index, "name"), message)
        seen.setdefault(dest.name, index)


def _dangling_destination_names(parts: Parts) -> Iterator[Issue]:
    if "destinations" in parts.broken:
        return
    names = [dest.name for dest in parts.destinations.values()]
    for index, feed in parts.feeds.items():
        for position, name in enumerate(feed.destinations or []):
            if name not in names:
                yield Issue(("feeds", index, "destinations", position), _no_such(name, names))
    admin = parts.delivery.admin_destination if parts.delivery else ""
    if admin and admin not in names:
        yield Issue(("delivery", "admin_destination"), _no_such(admin, names))


def _no_such(name: str, names: list[str]) -> str:
    close = closest(name, names)
    hint = f"; did you mean '{close}'?" if close else ""
    return f"no destination named '{name}'{hint}"


def _destination_platforms(parts: Parts) -> Iterator[Issue]:
    for index, dest in parts.destinations.items():
        for loc, message in _platform_needs(parts, dest):
            yield Issue(("destinations", index, *loc), message)


def _platform_needs(parts: Parts, dest: Destination) -> Iterator[tuple[Loc, str]]:
    """What ``dest`` lacks for its platform, as (key relative to the destination, message)."""
    table = {"slack": parts.slack, "discord": parts.discord}.get(dest.platform)
    judged = dest.platform in ("slack", "discord") and dest.platform not in parts.broken
    if judged and (table is None or not table.enabled):
        yield ("platform",), f"needs an enabled [{dest.platform}] table"
    if dest.platform in ("slack", "discord"):
        yield from _channel_problems(dest)
    elif dest.channel:
        yield ("channel",), f"not used by platform '{dest.platform}'"
    if dest.platform == "discord-webhook" and not dest.webhook_url_env:
        yield ("webhook_url_env",), "required for platform 'discord-webhook'"
    elif dest.platform != "discord-webhook" and dest.webhook_url_env:
        yield ("webhook_url_env",), f"not used by platform '{dest.platform}'"


def _channel_problems(dest: Destination) -> Iterator[tuple[Loc, str]]:
    if not dest.channel:
        yield ("channel",), f"required for platform '{dest.platform}'"
    elif dest.platform == "slack" and not _SLACK_CHANNEL.fullmatch(dest.channel):
        yield ("channel",), "not a Slack channel ID (like C0123456789); use the ID, not the name"
    elif dest.platform == "discord" and not dest.channel.isdigit():
        yield ("channel",), "not a Discord channel ID (digits only)"


def _page_feeds(parts: Parts) -> Iterator[Issue]:
    for index, feed in parts.feeds.items():
        if feed.kind == "page" and not (feed.link_selector or feed.link_pattern):
            message = 'kind = "page" needs link_selector or link_pattern'
            yield Issue(("feeds", index, "link_selector"), message)
        for key in ("link_selector", "link_pattern"):
            if feed.kind == "feed" and getattr(feed, key):
                yield Issue(("feeds", index, key), 'only used with kind = "page"')
        if feed.link_selector:
            try:
                compile_selector(feed.link_selector)
            except ValueError as err:
                yield Issue(("feeds", index, "link_selector"), f"unsupported selector: {err}")


def _discord_guilds(parts: Parts) -> Iterator[Issue]:
    discord = parts.discord
    if discord and discord.command_sync == "guild" and not discord.guild_ids:
        yield Issue(("discord", "guild_ids"), 'required when command_sync = "guild"')


def _lease_outlasts_fetch(parts: Parts) -> Iterator[Issue]:
    """A lease shorter than a fetch lets another process poll the same feed meanwhile."""
    watch = parts.watch
    if watch is not None and watch.lease_seconds <= watch.timeout_seconds:
        yield Issue(("watch", "lease_seconds"),
                    f"must be longer than watch.timeout_seconds ({watch.timeout_seconds:g}), "
                    "or another process may poll a feed while its fetch is still running")


def _missing_rule_files(parts: Parts, base_dir: Path) -> Iterator[Issue]:
    files = parts.classifier.extra_rule_files if parts.classifier else []
    for index, name in enumerate(files):
        path = base_dir / name
        if not path.is_file():
            yield Issue(("classifier", "extra_rule_files", index), f"file not found: {path}")
