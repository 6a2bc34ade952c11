"""Chat notifiers: each turns an `Alert` into one platform message.

Notifiers are leaves: they never import each other. The composition root
builds one per configured destination and the delivery loop fans out over that
mapping; no code outside the adapters asks which platform a destination is.
"""

from bot.notifiers.base import DeliveryError, Notifier

__all__ = ["DeliveryError", "Notifier"]
