"""Config changes without a restart: notice that the config file changed, then reload it.

A scheduler job calls `ConfigWatcher.check()` every ``[reload] check_seconds``.
It hashes the file (a config is small; reading it is cheaper than trusting
mtimes, which editors and `cp -p` preserve or coarsen) and, when the content
differs from what it saw last, calls the same `reload` as SIGHUP: the same
validation, the same "refused, still running the previous config" with every
located error logged. A refused content is remembered, so a broken file is
reported once, not every few seconds; the next edit is tried again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def file_digest(path: Path) -> str | None:
    """sha256 of the file's content, or None while it cannot be read (mid-rename)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class ConfigWatcher:
    def __init__(self, path: Path, reload: Callable[[], str]) -> None:
        self.path = path
        self._reload = reload
        self._seen = file_digest(path)

    def check(self) -> bool:
        """Reload if the file's content changed since the last check; True if it did."""
        digest = file_digest(self.path)
        if digest is None or digest == self._seen:
            return False
        self._seen = digest
        log.warning("config file %s changed: %s", self.path, self._reload())
        return True
