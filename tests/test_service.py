"""`stackwatch run` as a real process: it sweeps on schedule and stops cleanly on a signal."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import psutil
import pytest

from tests.feedserver import FeedServer

STORY = ("Nimbus Grid Ltd has joined the OpenStack Foundation as a Gold member, the company "
         "said on Monday. Nimbus Grid will contribute engineers to the Nova project.")


def feed(base: str) -> bytes:
    now = format_datetime(datetime.now(UTC))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>{base}/</link><item><title>Nimbus Grid joins OpenStack</title>"
            f"<link>{base}/nimbus</link><guid>n1</guid><pubDate>{now}</pubDate>"
            f"<description>{STORY}</description></item></channel></rss>").encode()


async def read_until(stream: asyncio.StreamReader, marker: str, timeout: float) -> str:
    seen = ""
    async with asyncio.timeout(timeout):
        while marker not in seen:
            line = await stream.readline()
            if not line:
                break
            seen += line.decode()
    return seen


def parser_workers(pid: int) -> list[psutil.Process]:
    return [child for child in psutil.Process(pid).children()
            if "bot.cpupool" in " ".join(child.cmdline())]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_service_alerts_then_stops_on_signal(tmp_path: Path, sig: signal.Signals) -> None:
    async with FeedServer() as server:
        url = server.serve("/feed.xml", feed(server.url("").rstrip("/")))
        config = tmp_path / "stackwatch.toml"
        config.write_text(f"[storage]\nurl = 'sqlite:///{tmp_path / 'sw.db'}'\n"
                          "[watch]\nallow_private_networks = true\ntick_seconds = 1\n"
                          "parse_workers = 2\n"
                          f"[[feeds]]\nurl = '{url}'\nfetch_articles = false\n")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
        assert proc.stdout is not None
        try:
            out = await read_until(proc.stdout, "confidence", 30)  # end of the alert
            assert "ALERT Nimbus Grid joined OpenStack" in out
            assert "Nimbus Grid joins OpenStack — Wire," in out  # outlet = feed title
            workers = parser_workers(proc.pid)  # the feed was parsed in a worker process
            assert len(workers) == 1
            await asyncio.sleep(1.5)  # at least one more tick: 304-free feed, no new alert
            proc.send_signal(sig)
            rest, err = await asyncio.wait_for(proc.communicate(), 20)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        assert proc.returncode == 0, err.decode()
        assert "ALERT" not in rest.decode()  # alerted once, however many ticks ran
        assert "Traceback" not in err.decode()
        assert len(server.hits("/feed.xml")) >= 1
        assert not any(w.is_running() for w in workers)  # stopped with the service


@pytest.mark.timeout(60)
@pytest.mark.parametrize("trigger", ["sighup", "edit"])
async def test_config_changes_apply_without_restart_and_a_broken_file_is_refused(
        tmp_path: Path, trigger: str) -> None:
    """SIGHUP (with the file watch off), or just editing the file (the watch notices)."""
    async with FeedServer() as server:
        base = server.url("").rstrip("/")
        first = server.serve("/one.xml", feed(base))
        second = server.serve("/two.xml", feed(base).replace(b"Nimbus Grid", b"Quarrytech")
                              .replace(b"<guid>n1", b"<guid>q1"))
        config = tmp_path / "stackwatch.toml"
        head = (f"[storage]\nurl = 'sqlite:///{tmp_path / 'sw.db'}'\n"
                "[watch]\nallow_private_networks = true\ntick_seconds = 1\nparse_workers = 1\n"
                "[reload]\ncheck_seconds = 0.2\n"
                f"watch_file = {'true' if trigger == 'edit' else 'false'}\n")
        config.write_text(head + f"[[feeds]]\nurl = '{first}'\nfetch_articles = false\n")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
        assert proc.stdout is not None and proc.stderr is not None

        def changed(text: str) -> None:
            config.write_text(text)
            if trigger == "sighup":
                proc.send_signal(signal.SIGHUP)

        try:
            await read_until(proc.stdout, "ALERT Nimbus Grid", 30)
            changed(head + "[[feeds]]\nurl = 'not a url'\n")
            refused = await read_until(proc.stderr, "feeds[0].url", 10)  # located, logged
            refused += await read_until(proc.stderr, "Reload refused", 10)
            assert "feeds[0].url (line 11): not an http(s) URL" in refused
            assert "Reload refused, still running the previous config" in refused
            if trigger == "edit":
                await asyncio.sleep(1)  # the file watch looks at the same broken file again
            changed(head + f"[[feeds]]\nurl = '{first}'\nfetch_articles = false\n"
                    f"[[feeds]]\nurl = '{second}'\nfetch_articles = false\n")
            out = await read_until(proc.stdout, "ALERT Quarrytech", 30)
            assert "ALERT Quarrytech joined OpenStack" in out
            proc.send_signal(signal.SIGTERM)
            _, rest = await asyncio.wait_for(proc.communicate(), 20)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        assert proc.returncode == 0
        log = refused + rest.decode()
        assert log.count("Reload refused") == 1  # reported once, not at every check
        assert log.count("reload refused:") == 1
        assert "Config reloaded: 2 feeds." in log
