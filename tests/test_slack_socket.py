"""`/openstack` over Socket Mode: the real SDK client against the fake's websocket.

The fake's `apps.connections.open` hands out `ws://127.0.0.1:PORT/socket`; the test
plays Slack there: it sends a `slash_commands` envelope, expects the envelope ack
back on the socket and the reply at the command's response_url.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bot.app import App
from bot.config import parse_config
from bot.slack_chat.adapter import SlackAdapter, build_adapter
from bot.storage import open_database
from tests.fakeslack import FakeSlack
from tests.ledger_helpers import add_story


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as slack:
        yield slack


@pytest.fixture
async def adapter(tmp_path: Path, fake: FakeSlack) -> AsyncIterator[SlackAdapter]:
    config = parse_config(f"""
        [storage]
        url = "sqlite:///{tmp_path / 'sw.db'}"
        [slack]
        mode = "socket"
        api_base_url = "{fake.base_url}"
        """, environ={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test"})
    # Commands never use the classifier, so none is compiled here (App.open would).
    app = App(config=config, db=open_database(config.database_url), classifier=None,  # type: ignore[arg-type]
              console=Console(file=io.StringIO()))
    add_story(app.db.engine, "a", [("Cisco", "joined")],
              when=datetime.now(UTC) - timedelta(days=3))
    adapter = build_adapter(app)
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()
        app.close()


def envelope(envelope_id: str, text: str, response_url: str) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "type": "slash_commands",
            "accepts_response_payload": True, "retry_attempt": 0, "retry_reason": "",
            "payload": {
                "token": "legacy", "team_id": "T0FAKE", "team_domain": "fake",
                "channel_id": "C0123456789", "channel_name": "news", "user_id": "U0USER001",
                "user_name": "someone", "command": "/openstack", "text": text,
                "api_app_id": "A0FAKE", "is_enterprise_install": "false",
                "response_url": response_url, "trigger_id": "1.2.3"}}


async def command(fake: FakeSlack, envelope_id: str, text: str) -> dict[str, Any]:
    """Send one envelope; check its ack; return what reached the response_url."""
    await fake.socket_send(envelope(envelope_id, text, fake.response_url(envelope_id)))
    ack = await asyncio.wait_for(fake.socket_received.get(), 5)
    assert ack == {"envelope_id": envelope_id}
    path = f"/response/{envelope_id}"
    await fake.wait_for(lambda: any(c.path == path for c in fake.calls))
    [call] = [c for c in fake.calls if c.path == path]
    return call.body


async def test_socket_mode_acks_and_answers(fake: FakeSlack, adapter: SlackAdapter) -> None:
    [opened] = fake.calls_to("apps.connections.open")
    assert opened.headers["Authorization"] == "Bearer xapp-test"
    reply = await command(fake, "e1", "who-joined")
    assert reply["response_type"] == "in_channel"
    assert reply["blocks"][0]["text"]["text"] == "*Companies that joined OpenStack*"
    assert "Cisco joined" in reply["blocks"][1]["text"]["text"]
    error = await command(fake, "e2", "recent many")
    assert error["response_type"] == "ephemeral"
    assert "'many' is not a whole number" in error["text"]


async def test_stop_closes_the_socket(fake: FakeSlack, adapter: SlackAdapter) -> None:
    await command(fake, "e1", "help")
    await adapter.stop()
    assert fake._ws is not None
    await fake.wait_for(lambda: fake._ws is not None and fake._ws.closed)
