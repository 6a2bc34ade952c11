"""One service process per SQLite file.

SQLite has no row locks to share work with, so a second `stackwatch run` on the
same file would poll every feed twice. An advisory `flock` on a sibling file
refuses it up front; the lock dies with the process, so a crash never leaves a
stale lock behind. PostgreSQL needs no such lock: workers share it by leases.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.storage.engine import DatabaseError


class ProcessLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise DatabaseError(
                f"another stackwatch process (pid {holder}) is already running on "
                f"{self.path.with_suffix('')}; SQLite serves one process — stop it, or use "
                "PostgreSQL to run several") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def sqlite_process_lock(url: str) -> ProcessLock | None:
    """A held lock for a file-backed SQLite URL; None for other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    lock = ProcessLock(Path(f"{Path(parsed.database).expanduser().resolve()}.lock"))
    lock.acquire()
    return lock
