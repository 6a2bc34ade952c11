"""What the runtime parts need, read off a validated Config in one place.

Config models say what an admin wrote; these functions turn that into the
settings objects the watchers, the pipeline and the outbox take, so a reload
only has to call them again.
"""

from __future__ import annotations

from datetime import timedelta

from bot import feedstate, outbox
from bot.config import Config
from bot.config.models import WebSubSettings
from bot.pipeline import FeedPlan, SweepSettings
from watchers.http import FetchLimits


def feed_specs(config: Config) -> list[feedstate.FeedSpec]:
    """The feed rows the config asks for, with their polling intervals."""
    default = config.watch.default_interval_minutes
    return [feedstate.FeedSpec(url=f.url, name=f.name, kind=f.kind, enabled=f.enabled,
                               interval_seconds=max(1, round(60 * (f.interval_minutes
                                                                    or default))))
            for f in config.feeds]


def feed_plans(config: Config) -> dict[str, FeedPlan]:
    """How each feed is read and where its alerts go, by URL."""
    return {f.url: FeedPlan(
        url=f.url, name=f.name, kind=f.kind, fetch_articles=f.fetch_articles,
        destinations=tuple(d.name for d in config.destinations_for(f)),
        link_selector=f.link_selector or None, link_pattern=f.link_pattern or None,
    ) for f in config.feeds}


def websub_settings(config: Config) -> WebSubSettings | None:
    """The `[websub]` settings when WebSub is on."""
    settings = config.websub
    return settings if settings is not None and settings.enabled else None


def sweep_settings(config: Config) -> SweepSettings:
    w, push = config.watch, websub_settings(config)
    return SweepSettings(
        jitter=w.jitter_fraction, backlog_max_age=timedelta(days=w.backlog_max_age_days),
        max_failures=w.max_consecutive_failures or 1_000_000,
        concurrency=w.concurrency, merge_window=timedelta(days=config.ledger.merge_window_days),
        # A claim is a lease on a feed about to be fetched, not on a queue behind others.
        batch_size=w.concurrency, lease=timedelta(seconds=w.lease_seconds),
        pushed_interval=timedelta(minutes=push.poll_interval_minutes) if push else None)


def fetch_limits(config: Config) -> FetchLimits:
    w = config.watch
    return FetchLimits(timeout_s=w.timeout_seconds, max_bytes=w.max_body_bytes,
                       user_agent=w.user_agent, per_host_concurrency=w.per_host_concurrency,
                       max_connections=w.concurrency,
                       allow_private_networks=w.allow_private_networks,
                       allowed_networks=tuple(w.allowed_networks))


def retry_policy(config: Config) -> outbox.RetryPolicy:
    d = config.delivery
    return outbox.RetryPolicy(max_attempts=d.max_attempts,
                              base_backoff=timedelta(seconds=d.base_backoff_seconds))


def admin_destination(config: Config) -> str | None:
    return config.delivery.admin_destination or None
