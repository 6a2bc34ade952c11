"""The notifier contract and its error."""

from __future__ import annotations

import re
from typing import Protocol

from bot.alerts import Alert, Notice


class DeliveryError(Exception):
    """Sending failed. `retry_after` (seconds) comes from the platform when it said so;
    `permanent` means retrying cannot help (unknown channel, revoked token)."""

    def __init__(self, message: str, *, retry_after: float | None = None,
                 permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Notifier(Protocol):
    """Posts alerts, and admin notices, to one destination.

    `maybe_sent` on what it is given means an earlier attempt may already have
    posted it: check the platform or let it deduplicate, never post it twice.
    """

    name: str

    async def send(self, alert: Alert) -> str | None:
        """Post the alert; return the platform's message id (None if it has none).

        Raise `DeliveryError` for failures the delivery loop should retry or record.
        """
        ...

    async def send_notice(self, notice: Notice) -> str | None:
        """Post an admin notice as plain, inert text; same contract as `send`."""
        ...

    async def close(self) -> None: ...


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Drop control and bidi-override characters that untrusted text may carry."""
    return _CONTROL.sub("", text)
