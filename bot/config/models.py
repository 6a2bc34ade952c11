"""The config schema: one pydantic model per TOML table, strict and closed.

Strict mode takes TOML types literally (``"60"`` is not a number) and ``extra="forbid"`` turns
typos into errors instead of silently ignored settings. Checks that span several keys live in
`bot.config.checks`, so each can point at the exact key at fault.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from bot.config.fields import (
    EnvName,
    HttpUrl,
    Network,
    NonEmpty,
    OptionalEnvName,
    OptionalHttpUrl,
    OptionalWsUrl,
    Regex,
    SlackUserId,
    StorageUrl,
    is_http_url,
    storage_url_problem,
)
from bot.config.locate import Locator
from bot.config.problems import ConfigProblem, Loc
from bot.config.secrets import SecretRef, Secrets, resolve_refs

DEFAULT_TARGETS = (
    "OpenStack",
    "OpenStack Foundation",
    "OpenInfra Foundation",
    "Open Infrastructure Foundation",
)


class Section(BaseModel):
    """Base of every table: unknown keys are errors, TOML types are literal, values are frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    def secret_refs(self) -> Iterator[SecretRef]:
        """Environment variables this table needs, relative to the table."""
        return iter(())


class StorageSettings(Section):
    """``[storage]``: where feeds, stories and events live; a password only via ``url_env``."""

    url: StorageUrl = "sqlite:///stackwatch.db"
    url_env: OptionalEnvName = ""

    def secret_refs(self) -> Iterator[SecretRef]:
        if self.url_env:
            yield SecretRef(("url_env",), self.url_env, _env_storage_url_problem)


class WatchSettings(Section):
    """``[watch]``: how often and how politely feeds are fetched."""

    tick_seconds: int = Field(default=60, ge=1, le=3600)
    #: Fractions are allowed (0.5 is 30 s) for tests and fast-moving feeds.
    default_interval_minutes: float = Field(default=30, gt=0)
    jitter_fraction: float = Field(default=0.1, ge=0, le=0.5)
    timeout_seconds: float = Field(default=20, gt=0, le=600)
    max_body_bytes: int = Field(default=5_000_000, ge=1024)
    concurrency: int = Field(default=50, ge=1, le=10_000)
    per_host_concurrency: int = Field(default=4, ge=1)
    user_agent: NonEmpty = "stackwatch/0.1 (+https://github.com/stackwatch/stackwatch)"
    allow_private_networks: bool = False
    allowed_networks: list[Network] = Field(default_factory=list)
    backlog_max_age_days: int = Field(default=3, ge=0)
    max_consecutive_failures: int = Field(default=10, ge=0)  # 0: never auto-disable
    lease_seconds: float = Field(default=600, gt=0, le=86_400)
    parse_workers: int = Field(default=0, ge=0, le=64)  # 0: one per CPU core
    parse_timeout_seconds: float = Field(default=60, gt=0, le=3600)

    @property
    def parser_processes(self) -> int:
        """How many parser workers to run: `parse_workers`, or one per CPU core."""
        return self.parse_workers or os.cpu_count() or 1


class ClassifierSettings(Section):
    """``[classifier]``: which organisations matter and how sure a verdict must be."""

    targets: list[NonEmpty] = Field(default_factory=lambda: list(DEFAULT_TARGETS), min_length=1)
    extra_rule_files: list[NonEmpty] = Field(default_factory=list)
    min_confidence: float = Field(default=0.5, ge=0, le=1)


class LedgerSettings(Section):
    """``[ledger]``: how reports from several outlets merge into one event."""

    merge_window_days: int = Field(default=30, ge=1)


class DeliverySettings(Section):
    """``[delivery]``: retrying alerts, and where admin notices go."""

    max_attempts: int = Field(default=8, ge=1, le=100)
    base_backoff_seconds: float = Field(default=30, gt=0)
    admin_destination: str = ""
    interval_seconds: float = Field(default=15, gt=0, le=3600)
    lease_seconds: float = Field(default=120, gt=0, le=3600)


class ClusterSettings(Section):
    """``[cluster]``: how several ``stackwatch run`` processes share one PostgreSQL.

    Work is shared through leases (``watch.lease_seconds``, ``delivery.lease_seconds``): a
    feed or an alert claimed by a process that dies is claimable again when its lease ends.
    Singletons (the chat connections, WebSub renewals, admin notices) are held through
    PostgreSQL advisory locks; a process that does not hold one retries every
    ``takeover_seconds``.
    """

    heartbeat_seconds: int = Field(default=15, ge=1, le=3600)
    takeover_seconds: int = Field(default=5, ge=1, le=3600)


class ReloadSettings(Section):
    """``[reload]``: picking up config changes without a restart (SIGHUP always works)."""

    watch_file: bool = True
    check_seconds: float = Field(default=5, gt=0, le=3600)


class WebSubSettings(Section):
    """``[websub]``: absent means no WebSub; feeds that name a hub are then only polled.

    Subscriptions need a URL the hubs can reach: ``callback_url`` is that public base URL
    (a reverse proxy in front of ``listen_host:listen_port``); each subscription gets its
    own path below it.
    """

    enabled: bool = True
    callback_url: HttpUrl
    listen_host: NonEmpty = "0.0.0.0"
    listen_port: int = Field(default=8090, ge=1, le=65535)
    lease_seconds: int = Field(default=10 * 86400, ge=1, le=365 * 86400)
    renew_before_seconds: int = Field(default=86400, ge=1)
    poll_interval_minutes: float = Field(default=360, gt=0)
    check_seconds: float = Field(default=60, gt=0, le=3600)
    verify_timeout_seconds: float = Field(default=300, gt=0)


class SlackSettings(Section):
    """``[slack]``: absent means no Slack; tokens come from the named variables."""

    enabled: bool = True
    mode: Literal["socket", "http"] = "socket"
    bot_token_env: EnvName = "SLACK_BOT_TOKEN"
    app_token_env: EnvName = "SLACK_APP_TOKEN"
    signing_secret_env: EnvName = "SLACK_SIGNING_SECRET"
    http_host: NonEmpty = "0.0.0.0"
    http_port: int = Field(default=3000, ge=1, le=65535)
    api_base_url: OptionalHttpUrl = ""
    admins: list[SlackUserId] = Field(default_factory=list)

    def secret_refs(self) -> Iterator[SecretRef]:
        if not self.enabled:
            return
        yield SecretRef(("bot_token_env",), self.bot_token_env)
        if self.mode == "socket":
            yield SecretRef(("app_token_env",), self.app_token_env)
        else:
            yield SecretRef(("signing_secret_env",), self.signing_secret_env)


class DiscordSettings(Section):
    """``[discord]``: absent means no Discord bot; the token comes from ``token_env``."""

    enabled: bool = True
    token_env: EnvName = "DISCORD_BOT_TOKEN"
    api_base_url: OptionalHttpUrl = ""
    gateway_url: OptionalWsUrl = ""
    command_sync: Literal["global", "guild"] = "global"
    guild_ids: list[Annotated[int, Field(gt=0)]] = Field(default_factory=list)
    admin_role: str = ""

    def secret_refs(self) -> Iterator[SecretRef]:
        if self.enabled:
            yield SecretRef(("token_env",), self.token_env)


Platform = Literal["slack", "discord", "discord-webhook", "console"]


class Destination(Section):
    """One ``[[destinations]]`` entry: a named place alerts are sent to."""

    name: NonEmpty
    platform: Platform
    channel: str = ""
    webhook_url_env: OptionalEnvName = ""

    def secret_refs(self) -> Iterator[SecretRef]:
        if self.platform == "discord-webhook" and self.webhook_url_env:
            yield SecretRef(("webhook_url_env",), self.webhook_url_env, _env_http_url_problem)


class Feed(Section):
    """One ``[[feeds]]`` entry: a news source to poll."""

    url: HttpUrl
    name: str = ""
    kind: Literal["feed", "page"] = "feed"
    interval_minutes: float | None = Field(default=None, gt=0)
    fetch_articles: bool = True
    destinations: list[NonEmpty] | None = None  # None: every destination
    link_selector: str = ""
    link_pattern: Regex = ""
    enabled: bool = True


@dataclass(frozen=True)
class LoadContext:
    """Where a config came from: needed for line numbers and for relative rule-file paths."""

    locator: Locator = field(default_factory=Locator)
    base_dir: Path = field(default_factory=Path.cwd)


class Config(Section):
    """A whole, validated config. Secret values are reached through `secrets`, never fields."""

    storage: StorageSettings = StorageSettings()
    watch: WatchSettings = WatchSettings()
    classifier: ClassifierSettings = ClassifierSettings()
    ledger: LedgerSettings = LedgerSettings()
    delivery: DeliverySettings = DeliverySettings()
    cluster: ClusterSettings = ClusterSettings()
    reload: ReloadSettings = ReloadSettings()
    websub: WebSubSettings | None = None
    slack: SlackSettings | None = None
    discord: DiscordSettings | None = None
    destinations: list[Destination] = Field(
        default_factory=lambda: [Destination(name="console", platform="console")]
    )
    feeds: list[Feed] = Field(default_factory=list)

    _context: LoadContext = PrivateAttr(default_factory=LoadContext)
    _secrets: Secrets = PrivateAttr(default_factory=Secrets)

    def model_post_init(self, context: Any, /) -> None:
        """Keep the load context (passed to ``model_validate``) for lines and relative paths."""
        if isinstance(context, LoadContext):
            self._context = context

    @property
    def secrets(self) -> Secrets:
        """Resolved secrets by environment variable name, e.g. ``secrets["SLACK_BOT_TOKEN"]``."""
        return self._secrets

    @property
    def base_dir(self) -> Path:
        """Directory of the config file: relative rule-file paths start here."""
        return self._context.base_dir

    @property
    def database_url(self) -> str:
        """The URL to connect with: the variable named by ``storage.url_env``, else ``url``."""
        env = self.storage.url_env
        return self._secrets[env] if env else self.storage.url

    @property
    def rule_paths(self) -> list[Path]:
        """``classifier.extra_rule_files`` as absolute paths."""
        return [self.base_dir / name for name in self.classifier.extra_rule_files]

    def destinations_for(self, feed: Feed) -> list[Destination]:
        """Where alerts from ``feed`` go: its own list, or every destination when it has none."""
        if feed.destinations is None:
            return list(self.destinations)
        return [dest for dest in self.destinations if dest.name in feed.destinations]

    def located_sections(self) -> Iterator[tuple[Loc, Section]]:
        """Every table with its key path, optional tables only when present."""
        for name in ("storage", "watch", "classifier", "ledger", "delivery", "cluster", "reload",
                     "websub", "slack", "discord"):
            section = getattr(self, name)
            if section is not None:
                yield (name,), section
        yield from ((("destinations", i), dest) for i, dest in enumerate(self.destinations))
        yield from ((("feeds", i), feed) for i, feed in enumerate(self.feeds))

    def resolve_secrets(self, environ: Mapping[str, str]) -> list[ConfigProblem]:
        """Read every needed secret from ``environ`` into `secrets`; return what is missing."""
        self._secrets, issues = resolve_refs(secret_refs_of(self.located_sections()), environ)
        return [self._context.locator.locate(issue) for issue in issues]


def secret_refs_of(located: Iterable[tuple[Loc, Section]]) -> Iterator[SecretRef]:
    """The secrets needed by these tables, with full key paths."""
    for loc, section in located:
        yield from (ref.under(loc) for ref in section.secret_refs())


def _env_storage_url_problem(value: str) -> str | None:
    return storage_url_problem(value, allow_password=True)


def _env_http_url_problem(value: str) -> str | None:
    return None if is_http_url(value) else "not an http(s) URL"
