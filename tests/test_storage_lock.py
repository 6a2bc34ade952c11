"""A second service process on one SQLite file is refused; the lock dies with its holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage import DatabaseError
from bot.storage.lock import sqlite_process_lock

HOLD = """
import sys, time
from bot.storage.lock import sqlite_process_lock
lock = sqlite_process_lock(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def test_second_process_is_refused_until_the_first_dies(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sw.db'}"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, url], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseError, match=rf"pid {holder.pid}\).*use PostgreSQL"):
            sqlite_process_lock(url)
    finally:
        holder.kill()
        holder.communicate()
    lock = sqlite_process_lock(url)  # SIGKILL released it: no stale lock
    assert lock is not None
    lock.release()


def test_other_databases_need_no_lock() -> None:
    assert sqlite_process_lock("postgresql+psycopg://u@127.0.0.1/db") is None
    assert sqlite_process_lock("sqlite://") is None
