"""bot.configwatch: content changes trigger one reload each; a refused content is not retried."""

from __future__ import annotations

import os
from pathlib import Path

from bot.configwatch import ConfigWatcher


def test_reloads_once_per_content_change(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("a = 1\n")
    calls: list[str] = []
    watcher = ConfigWatcher(path, lambda: calls.append(path.read_text()) or "ok")
    assert not watcher.check() and calls == []  # what we started with is not a change
    path.write_text("a = 2\n")
    assert watcher.check() and calls == ["a = 2\n"]
    assert not watcher.check()  # same content: nothing to do, however often we look
    stat = path.stat()
    path.write_text("a = 3\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an mtime that did not move
    assert watcher.check() and calls[-1] == "a = 3\n"
    os.utime(path)  # touched, same content
    assert not watcher.check()


def test_a_missing_file_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("a = 1\n")
    calls: list[int] = []
    watcher = ConfigWatcher(path, lambda: calls.append(1) or "ok")
    path.unlink()  # an editor between unlink and rename
    assert not watcher.check()
    path.write_text("a = 1\n")
    assert not watcher.check() and calls == []
