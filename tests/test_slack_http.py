"""`/openstack` in HTTP mode: real bolt behind the adapter's aiohttp port, signed requests.

Requests are signed here with an independent HMAC (`v0:{ts}:{body}`, SHA-256);
answers are read where Slack would get them: the response_url posts recorded by
the fake. Everything listens on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlalchemy
from rich.console import Console
from sqlalchemy import select

from bot.app import App
from bot.chat import build_chat_adapters
from bot.commands import COMMANDS
from bot.config import parse_config
from bot.slack_chat.adapter import HTTP_PATH, SlackAdapter
from bot.storage import open_database
from bot.storage.schema import feeds
from tests.fakeslack import FakeSlack
from tests.ledger_helpers import add_story

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
FEED = "http://127.0.0.1/feed"
ADMIN, USER = "U0ADMIN01", "U0USER001"


@dataclass
class Served:
    app: App
    adapter: SlackAdapter
    fake: FakeSlack
    session: aiohttp.ClientSession
    numbers: Any

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}{HTTP_PATH}"

    async def post(self, body: str, headers: dict[str, str]) -> aiohttp.ClientResponse:
        async with self.session.post(self.url, data=body.encode(), headers=headers) as resp:
            await resp.read()
            return resp

    async def ask(self, text: str, user: str = USER) -> dict[str, Any]:
        """Send a signed `/openstack text`; return what reached the response_url."""
        name = f"r{next(self.numbers)}"
        body = command_body(text, user, self.fake.response_url(name))
        resp = await self.post(body, signed(body))
        assert resp.status == 200
        path = f"/response/{name}"
        await self.fake.wait_for(lambda: any(c.path == path for c in self.fake.calls))
        [call] = [c for c in self.fake.calls if c.path == path]
        return call.body


def command_body(text: str, user: str, response_url: str) -> str:
    return urlencode({
        "token": "legacy", "team_id": "T0FAKE", "team_domain": "fake",
        "channel_id": "C0123456789", "channel_name": "news", "user_id": user,
        "user_name": "someone", "command": "/openstack", "text": text,
        "api_app_id": "A0FAKE", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": "1.2.3"})


def signed(body: str, *, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    stamp = str(int(time.time() if at is None else at))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest.hexdigest()}",
            "Content-Type": "application/x-www-form-urlencoded"}


def text_of(reply: dict[str, Any]) -> str:
    return "\n".join(b["text"]["text"] if "text" in b else b["elements"][0]["text"]
                     for b in reply["blocks"])


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    async with FakeSlack() as fake, aiohttp.ClientSession() as session:
        config = parse_config(f"""
            [storage]
            url = "sqlite:///{tmp_path / 'sw.db'}"
            [slack]
            mode = "http"
            http_port = 3000
            api_base_url = "{fake.base_url}"
            admins = ["{ADMIN}"]
            [[feeds]]
            url = "{FEED}"
            name = "Outlet"
            """, environ={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET})
        # Commands never use the classifier, so none is compiled here (App.open would).
        app = App(config=config, db=open_database(config.database_url), classifier=None,  # type: ignore[arg-type]
                  console=Console(file=io.StringIO()))
        now = datetime.now(UTC)
        add_story(app.db.engine, "a", [("Cisco", "joined")], when=now - timedelta(days=40))
        add_story(app.db.engine, "b", [("Dell", "joined"), ("Intel", "left")],
                  when=now - timedelta(days=5), title="Dell <joins> & Intel leaves")
        [adapter] = build_chat_adapters(app)  # the service's own seam
        assert isinstance(adapter, SlackAdapter)
        adapter.host, adapter.port = "127.0.0.1", 0  # loopback and a free port in tests
        await adapter.start()
        try:
            yield Served(app, adapter, fake, session, count(1))
        finally:
            await adapter.stop()
            app.close()


@pytest.mark.parametrize("text, heading, expected", [
    ("who-joined", "*Companies that joined OpenStack*", "Dell joined"),
    ("who-joined since 30d limit 5", "*Companies that joined OpenStack since", "Dell joined"),
    ("who-left", "*Companies that left OpenStack*", "Intel left"),
    ("company dell", "*Dell: membership history*", "Dell joined"),
    ("recent 1", "*Latest 1 flagged stories*", "Dell &lt;joins&gt; &amp; Intel leaves"),
    ("feeds", "*1 feeds*", f"<{FEED}|Outlet> (127.0.0.1)"),
    ("status", "*stackwatch status*", "deliveries pending"),
])
async def test_every_command_is_answered_in_channel(served: Served, text: str, heading: str,
                                                    expected: str) -> None:
    reply = await served.ask(text)
    assert reply["response_type"] == "in_channel"
    assert reply["blocks"][0]["text"]["text"].startswith(heading)
    assert expected in text_of(reply)


@pytest.mark.parametrize("text", ["help", "", "frobnicate now"])
async def test_help_for_help_empty_and_unknown(served: Served, text: str) -> None:
    reply = await served.ask(text)
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == "stackwatch commands"
    for name in ("who-joined", "who-left", "company", "recent", "feeds", "status"):
        assert f"• *{name}" in text_of(reply)


@pytest.mark.parametrize("text, message", [
    ("who-joined since yesterday", "is not a date"),
    ("recent 1000", "between 1 and 100"),
    ("company", "a company name is needed"),
    ("status now", "takes no arguments"),
])
async def test_bad_arguments_get_a_short_ephemeral_error(served: Served, text: str,
                                                         message: str) -> None:
    reply = await served.ask(text)
    assert reply["response_type"] == "ephemeral"
    assert reply["blocks"][0]["text"]["text"].startswith("*:warning: ")
    assert message in reply["text"]
    assert len(reply["blocks"]) == 1


def feed_enabled(served: Served) -> bool:
    with served.app.db.engine.connect() as conn:
        return bool(conn.execute(select(feeds.c.enabled).where(feeds.c.url == FEED)).scalar())


async def test_admin_actions_are_refused_to_others(served: Served) -> None:
    for text in (f"feeds pause <{FEED}>", "reload"):
        reply = await served.ask(text, user=USER)
        assert reply["response_type"] == "ephemeral"
        assert "Only stackwatch admins" in reply["text"]
    assert feed_enabled(served)


async def test_admins_can_pause_and_resume_a_feed(served: Served) -> None:
    reply = await served.ask(f"feeds pause <{FEED}>", user=ADMIN)  # Slack's link form
    assert reply["text"] == f"Feed paused: {FEED}"
    assert not feed_enabled(served)
    await served.ask(f"feeds resume {FEED}", user=ADMIN)
    assert feed_enabled(served)
    assert "Only stackwatch admins" not in (await served.ask("reload", user=ADMIN))["text"]


async def test_hostile_arguments_are_echoed_harmlessly(served: Served) -> None:
    reply = await served.ask("company &lt;!channel&gt; &amp; <@U123|bob>")
    assert reply["text"] == "No join or leave recorded for &lt;!channel&gt; &amp; @U123."
    assert "link_names" not in reply and "parse" not in reply


@pytest.mark.parametrize("headers", [
    pytest.param(lambda body: signed(body, secret="wrong"), id="bad-signature"),
    pytest.param(lambda body: signed(body, at=time.time() - 600), id="stale"),
    pytest.param(lambda body: signed(body, at=time.time() + 600), id="future"),
    pytest.param(lambda body: {"Content-Type": "application/x-www-form-urlencoded"},
                 id="unsigned"),
    pytest.param(lambda body: {k: v for k, v in signed(body).items()
                               if k != "X-Slack-Request-Timestamp"}, id="no-timestamp"),
    pytest.param(lambda body: signed(body + "&text=status"), id="body-changed"),
])
async def test_forged_stale_or_unsigned_requests_get_401(served: Served, headers: Any) -> None:
    for text in (*COMMANDS, "company Dell", f"feeds pause {FEED}", "recent 1000", ""):
        body = command_body(text, ADMIN, served.fake.response_url("forged"))
        resp = await served.post(body, headers(body))
        assert resp.status == 401, text
    assert served.fake.calls_to("response") == []
    assert feed_enabled(served)  # the forged admin `feeds pause` did nothing


async def test_auth_uses_the_bot_token_once(served: Served) -> None:
    await served.ask("status")
    await served.ask("help")
    [auth] = served.fake.calls_to("auth.test")
    assert auth.headers["Authorization"] == "Bearer xoxb-test"


async def test_an_unexpected_failure_gets_a_short_ephemeral_answer(served: Served) -> None:
    with served.app.db.engine.begin() as conn:  # a real database failure, not a stand-in
        conn.execute(sqlalchemy.text("DROP TABLE deliveries"))
    reply = await served.ask("status")
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == ":warning: Sorry, that command failed on our side; the error is logged."
