"""The stackwatch application: config, storage, ledger, outbox, delivery, chat, CLI."""

__version__ = "0.1.0"
