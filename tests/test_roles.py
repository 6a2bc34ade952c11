"""`stackwatch run --role`: a process does only what its roles say, and says so in `status`."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import select

from bot.app import App
from bot.cli import main
from bot.config import load_config
from bot.roles import ROLES, RoleError, parse_roles, singletons_for
from bot.service import serve
from bot.singletons import SINGLETONS
from bot.storage.schema import deliveries, processes
from tests.feedserver import FeedServer

STORY = ("Nimbus Grid Ltd has joined the OpenStack Foundation as a Gold member, the company "
         "said on Monday. Nimbus Grid will contribute engineers to the Nova project.")


def feed(base: str) -> bytes:
    now = format_datetime(datetime.now(UTC))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
            f"<link>{base}/</link><item><title>Nimbus Grid joins OpenStack</title>"
            f"<link>{base}/nimbus</link><guid>n1</guid><pubDate>{now}</pubDate>"
            f"<description>{STORY}</description></item></channel></rss>").encode()


def test_each_singleton_is_competed_for_by_the_role_that_can_run_it() -> None:
    assert singletons_for(ROLES) == SINGLETONS
    assert singletons_for(["watch"]) == ("websub",)
    assert singletons_for(["deliver", "chat"]) == ("chat", "notices")


@pytest.mark.parametrize("given, roles", [
    (None, ROLES),
    (["chat"], ("chat",)),
    (["chat,watch"], ("watch", "chat")),
    (["deliver", " WATCH "], ("watch", "deliver")),
    (["watch", "watch"], ("watch",)),
])
def test_roles_are_parsed_into_canonical_order(given: list[str] | None,
                                               roles: tuple[str, ...]) -> None:
    assert parse_roles(given) == roles


@pytest.mark.parametrize("given, message", [
    (["wach"], "unknown role 'wach'; choose from watch, deliver, chat"),
    (["watch,"], "unknown role '' (empty)"),
    (["sweep,deliver,send"], "unknown role 'send', 'sweep'"),
])
def test_unknown_roles_are_refused(given: list[str], message: str) -> None:
    with pytest.raises(RoleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_roles(given)


def test_cli_refuses_a_bad_role_before_doing_anything(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", "--config", str(tmp_path / "missing.toml"), "--role", "watch,delivery"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "argument --role: unknown role 'delivery'; choose from watch, deliver, chat" in err


def write_config(tmp_path: Path, feed_url: str) -> Path:
    path = tmp_path / "stackwatch.toml"
    path.write_text(f"[storage]\nurl = 'sqlite:///{tmp_path / 'sw.db'}'\n"
                    "[watch]\nallow_private_networks = true\ntick_seconds = 1\n"
                    "[delivery]\ninterval_seconds = 1\n[cluster]\nheartbeat_seconds = 1\n"
                    f"[[feeds]]\nurl = '{feed_url}'\nfetch_articles = false\n")
    return path


async def test_watch_only_records_alerts_and_deliver_only_sends_them(tmp_path: Path) -> None:
    async with FeedServer() as server:
        url = server.serve("/feed.xml", feed(server.url("").rstrip("/")))
        config = load_config(write_config(tmp_path, url))
        out = io.StringIO()
        watcher = App.open(config, console=Console(file=out, width=200), roles=("watch",))
        try:
            report = await watcher.run_once()
        finally:
            watcher.close()
        assert report.sweep.new_events == 1 and report.delivery.sent == 0
        assert out.getvalue() == ""
        assert len(server.hits("/feed.xml")) == 1

        sender = App.open(config, console=Console(file=out, width=200), roles=("deliver",))
        try:
            report = await sender.run_once()
            with sender.db.engine.connect() as conn:
                assert conn.execute(select(deliveries.c.status)).scalars().all() == ["sent"]
                assert conn.execute(select(processes)).all() == []  # deregistered
        finally:
            sender.close()
        assert report.delivery.sent == 1 and report.sweep.feeds == 0
        assert "ALERT Nimbus Grid joined OpenStack" in out.getvalue()
        assert len(server.hits("/feed.xml")) == 1  # the deliverer fetched nothing


async def registered_holding(app: App, singletons: str, timeout: float = 20) -> None:
    """Wait until `app`'s registry row says it holds `singletons` (a heartbeat wrote it)."""
    def held() -> str | None:
        with app.db.engine.connect() as conn:
            return conn.execute(select(processes.c.singletons)
                                .where(processes.c.worker == app.worker)).scalar()

    async with asyncio.timeout(timeout):
        while await asyncio.to_thread(held) != singletons:
            await asyncio.sleep(0.05)


async def test_a_serving_process_shows_its_roles_and_singletons_in_status(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    async with FeedServer() as server:
        url = server.serve("/feed.xml", feed(server.url("").rstrip("/")))
        path = write_config(tmp_path, url)
        app = App.open(load_config(path), console=Console(file=io.StringIO()),
                       roles=("deliver", "chat"))
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(app, stop))
        try:
            await registered_holding(app, "chat,notices")
            assert await asyncio.to_thread(main, ["status", "--config", str(path)]) == 0
        finally:
            stop.set()
            await asyncio.wait_for(serving, 10)
        with app.db.engine.connect() as conn:
            assert conn.execute(select(processes)).all() == []  # deregistered on stop
        app.close()
        assert server.hits("/feed.xml") == []  # no watch role: no sweep
    out = capsys.readouterr().out
    assert "processes 1 live, 0 gone" in out
    assert f"{app.worker} (pid " in out
    assert "roles deliver, chat; holds chat, notices; leases 0 feeds, 0 alerts" in out
