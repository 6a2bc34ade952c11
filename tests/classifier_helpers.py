"""Shared helpers for the classifier tests."""

from __future__ import annotations

from classifiers import classify


def events(text: str, title: str | None = None) -> set[tuple[str, str]]:
    """(company, action) pairs the default classifier reports for a story."""
    return {(e.company, e.action) for e in classify(text, title).events}
