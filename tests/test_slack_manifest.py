"""The shipped Slack manifest matches what the adapter serves (no YAML parser needed)."""

from __future__ import annotations

from pathlib import Path

from bot.commands import COMMANDS
from bot.slack_chat.adapter import COMMAND

MANIFEST = (Path(__file__).resolve().parents[1] / "slack-app-manifest.yml").read_text()


def test_manifest_declares_the_command_scopes_and_socket_mode() -> None:
    assert f"- command: {COMMAND}\n" in MANIFEST
    assert "should_escape: false" in MANIFEST
    for scope in ("chat:write", "commands", "channels:history", "groups:history"):
        assert f"      - {scope} " in MANIFEST
    assert "socket_mode_enabled: true" in MANIFEST


def test_usage_hint_names_every_public_command() -> None:
    hint = next(line for line in MANIFEST.splitlines() if "usage_hint:" in line)
    for name in COMMANDS:
        if name != "reload":  # admin only: documented in docs/slack.md, not advertised
            assert name in hint
