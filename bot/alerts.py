"""What a notifier is asked to post: a platform-neutral alert, or an admin notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal


@dataclass(frozen=True)
class Alert:
    """An event (or a later outlet's report of it) ready to render.

    `kind` is "alert" for the first report, "source" for a later outlet's report
    of an event already announced; `thread_of` is then the platform message id of
    the original alert in the same destination, when it is known.
    """

    delivery_id: int
    kind: Literal["alert", "source"]
    destination: str
    event_id: int
    company: str
    action: str
    evidence: str
    rule: str
    confidence: float
    title: str
    url: str | None
    outlet: str
    published_at: datetime | None
    thread_of: str | None = None
    #: Earlier outlets' reports of the same event ("Outlet: title"), known at send time
    #: (an alert delivered late, after an outage, already has some).
    other_sources: tuple[str, ...] = ()
    #: When the row was queued: no earlier attempt can have posted before this.
    queued_at: datetime | None = None
    #: Claimed before: an earlier attempt may have posted it (see `bot.sendqueue`).
    maybe_sent: bool = False

    @property
    def headline(self) -> str:
        return f"{self.company} {self.action} OpenStack"

    @property
    def row_id(self) -> int:
        return self.delivery_id

    @property
    def idempotency_key(self) -> str:
        """Stable per delivery row, for platforms that deduplicate (Discord nonce)."""
        return f"sw-{self.delivery_id}"


@dataclass(frozen=True)
class Notice:
    """An admin notice: plain text for the operator. Notifiers render it inert (no
    mentions, no markup), like every untrusted text, since it quotes errors and URLs."""

    notice_id: int
    destination: str
    kind: str
    text: str
    queued_at: datetime | None = None
    maybe_sent: bool = False

    @property
    def row_id(self) -> int:
        return self.notice_id

    @property
    def idempotency_key(self) -> str:
        return f"sw-notice-{self.notice_id}"
