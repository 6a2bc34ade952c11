"""What a notifier is asked to post: one platform-neutral alert."""

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

    @property
    def headline(self) -> str:
        return f"{self.company} {self.action} OpenStack"

    @property
    def idempotency_key(self) -> str:
        """Stable per delivery row, for platforms that deduplicate (Discord nonce)."""
        return f"sw-{self.delivery_id}"
