"""The `stackwatch` command as users run it: a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def stackwatch(*args: str, cwd: Path = REPO,
               timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})


def test_demo_alerts_on_seed_joins_and_answers_who_joined() -> None:
    result = stackwatch("demo")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    alerts = [line for line in out.splitlines() if line.startswith("ALERT")]
    companies = {line.removeprefix("ALERT ").removesuffix(" joined OpenStack")
                 for line in alerts}
    assert companies == {"AT&T", "Microsoft", "Canonical", "Cisco", "Extreme Networks",
                         "Grid Dynamics"}
    answer = out.split("$ stackwatch who-joined", 1)[1]
    for company in companies:
        assert f"{company} joined" in answer
    assert "Traceback" not in result.stderr


def test_check_config_example_passes() -> None:
    result = stackwatch("check-config", "config.example.toml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_config_reports_three_located_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        "[watch]\n"
        "tick_secnds = 60\n"
        "\n"
        "[discord]\n"
        "token_env = 'SW_TEST_UNSET_TOKEN'\n"
        "[[feeds]]\n"
        "url = 'ftp://example.org/feed'\n")
    result = stackwatch("check-config", str(bad))
    assert result.returncode == 2
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    problems = [line for line in out.splitlines() if "(line " in line]
    assert len(problems) == 3, out
    assert "watch.tick_secnds (line 2)" in problems[0] and "tick_seconds" in problems[0]
    assert "discord.token_env (line 5)" in problems[1]
    assert "SW_TEST_UNSET_TOKEN is not set" in problems[1]
    assert "feeds[0].url (line 7): not an http(s) URL" in problems[2]


def test_query_commands_on_an_empty_database(tmp_path: Path) -> None:
    result = stackwatch("who-joined", "--limit", "5", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No company joined OpenStack" in result.stdout
    bad = stackwatch("who-left", "--since", "someday", cwd=tmp_path)
    assert bad.returncode == 2 and "not a date" in bad.stdout


def test_unreadable_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "stackwatch.db").write_bytes(b"not a database at all" * 50)
    result = stackwatch("status", cwd=tmp_path)
    assert result.returncode == 1
    assert "database error" in result.stdout and "Traceback" not in result.stderr
