"""The deployment examples in deploy/ stay in step with the code."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.config import check_config

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_the_cluster_config_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    environ = {"STACKWATCH_DB_URL": "postgresql+psycopg://sw:secret@db:5432/stackwatch"}
    assert check_config(DEPLOY / "stackwatch.toml", environ=environ) == 0, capsys.readouterr()


@pytest.mark.parametrize("instance_args, roles", [
    ("", None),
    ("--role watch", [("watch",)]),
    ("--role deliver,chat", [("deliver", "chat")]),
])
def test_the_systemd_unit_runs_a_valid_command(instance_args: str,
                                               roles: list[tuple[str, ...]] | None) -> None:
    unit = (DEPLOY / "systemd" / "stackwatch@.service").read_text()
    [line] = [x for x in unit.splitlines() if x.startswith("ExecStart=")]
    words = shlex.split(line.removeprefix("ExecStart=").replace("$STACKWATCH_ARGS",
                                                                instance_args))
    assert words[0].endswith("/bin/stackwatch")
    args = build_parser().parse_args(words[1:])
    assert args.config == Path("/etc/stackwatch/stackwatch.toml") and not args.once
    assert args.roles == roles
