"""What a `stackwatch run` process does: `--role watch|deliver|chat` (default: all three).

- `watch`: the sweep job: claims due feeds, fetches, classifies, records events
  and outbox rows; competes for `websub` (subscription renewals).
- `deliver`: the delivery job: claims outbox heads and sends them to the
  destinations' notifiers; competes for `notices` (admin notices need notifiers).
- `chat`: competes for `chat`: the process holding it runs the adapters that
  answer `/openstack` (Discord gateway, Slack Socket Mode or HTTP listener).

A singleton is competed for only by processes whose role can run it, so a
process never wins a job it has no machinery for. Every process registers in
the process registry whatever its roles.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.singletons import SINGLETONS

ROLES = ("watch", "deliver", "chat")


class RoleError(ValueError):
    """A `--role` value that is not a role; the message lists the valid ones."""


def parse_roles(values: Iterable[str] | None) -> tuple[str, ...]:
    """`["watch,deliver", "chat"]` → the roles in canonical order; nothing given → all."""
    words = [word.strip().lower() for value in values or () for word in value.split(",")]
    if not words:
        return ROLES
    unknown = sorted({word for word in words if word not in ROLES})
    if unknown:
        shown = ", ".join(repr(word) if word else "'' (empty)" for word in unknown)
        raise RoleError(f"unknown role {shown}; choose from {', '.join(ROLES)} "
                        "(repeat --role or separate with commas)")
    return tuple(role for role in ROLES if role in words)


#: which singletons each role competes for
ROLE_SINGLETONS = {"watch": ("websub",), "deliver": ("notices",), "chat": ("chat",)}


def singletons_for(roles: Iterable[str]) -> tuple[str, ...]:
    """The singletons a process with these roles competes for."""
    wanted = {name for role in roles for name in ROLE_SINGLETONS[role]}
    return tuple(name for name in SINGLETONS if name in wanted)
