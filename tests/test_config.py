"""The config is the admin's only interface: every mistake must come back located and readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import (
    ConfigError,
    ConfigProblem,
    check_config,
    default_config,
    load_config,
    parse_config,
)
from bot.config.locate import Locator

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "config"

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-secret-1",
    "SLACK_APP_TOKEN": "xapp-secret-2",
    "SLACK_SIGNING_SECRET": "signing-secret-3",
    "DISCORD_BOT_TOKEN": "discord-secret-4",
    "DISCORD_WEBHOOK_URL": "https://discord.com/api/webhooks/1/webhook-secret-5",
    "STACKWATCH_DB_URL": "postgresql+psycopg://bot:db-secret-6@db.internal/stackwatch",
}


def problems(
    text: str, environ: dict[str, str] | None = None, **kwargs: Path
) -> list[ConfigProblem]:
    """The problems ``text`` has; an empty list when it loads."""
    try:
        parse_config(text, source="t.toml", environ=environ or {}, **kwargs)
    except ConfigError as exc:
        return exc.problems
    return []


def only_problem(text: str, environ: dict[str, str] | None = None) -> ConfigProblem:
    found = problems(text, environ)
    assert len(found) == 1, [str(problem) for problem in found]
    return found[0]


# --- whole files ---------------------------------------------------------------------------


def test_example_passes_check_config_without_env_vars(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_config(REPO / "config.example.toml", environ={}) == 0
    out = capsys.readouterr().out
    assert "OK" in out
    assert "feeds: 11" in out
    assert "storage: sqlite:///stackwatch.db" in out


def test_example_feeds_are_unique_and_enabled() -> None:
    config = load_config(REPO / "config.example.toml", environ={})
    assert len({feed.url for feed in config.feeds}) == len(config.feeds) >= 10
    assert [dest.platform for dest in config.destinations] == ["console"]
    assert config.slack is None and config.discord is None


def test_the_example_websub_table_is_valid_once_uncommented() -> None:
    text = (REPO / "config.example.toml").read_text()
    block = text[text.index("# [websub]"):text.index("# --- Slack")]
    table = "\n".join(line.removeprefix("# ") for line in block.splitlines()
                      if line.startswith(("# [websub]", "# ")) and not line.startswith("# # "))
    config = parse_config(table)
    assert config.websub is not None and config.websub.enabled
    assert config.websub.callback_url == "https://stackwatch.example.org/websub"
    assert (config.websub.lease_seconds, config.websub.listen_port) == (864000, 8090)


def test_websub_needs_a_callback_url() -> None:
    assert [(p.path, p.line, p.message) for p in problems("[websub]\nlisten_port = 1\n")] == [
        ("websub.callback_url", 1, "required key is missing")]


def test_full_config_loads_every_table() -> None:
    config = load_config(DATA / "full.toml", environ=SECRETS)
    assert config.watch.timeout_seconds == 7.5
    assert config.slack is not None and config.slack.mode == "http"
    assert config.discord is not None and config.discord.guild_ids == [123456789012345678]
    assert config.feeds[1].kind == "page" and not config.feeds[1].enabled
    assert config.rule_paths == [DATA / "extra_rules.toml"]
    assert config.database_url == SECRETS["STACKWATCH_DB_URL"]
    assert config.secrets["DISCORD_WEBHOOK_URL"] == SECRETS["DISCORD_WEBHOOK_URL"]
    assert "SLACK_APP_TOKEN" not in config.secrets  # http mode does not need it


def test_full_config_summary_masks_the_database_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_config(DATA / "full.toml", environ=SECRETS) == 0
    out = capsys.readouterr().out
    assert "postgresql+psycopg://bot:***@db.internal/stackwatch" in out
    assert "db-secret-6" not in out
    assert "destinations: 4" in out


def test_feed_destinations_default_to_all() -> None:
    config = load_config(DATA / "full.toml", environ=SECRETS)
    assert [d.name for d in config.destinations_for(config.feeds[0])] == ["slack-news", "console"]
    assert len(config.destinations_for(config.feeds[1])) == 4


def test_default_config_is_valid_and_minimal() -> None:
    config = default_config()
    assert config.database_url == "sqlite:///stackwatch.db"
    assert config.feeds == []
    assert [(d.name, d.platform) for d in config.destinations] == [("console", "console")]
    assert config.watch.default_interval_minutes == 30
    assert config.model_dump() == parse_config("", environ={}).model_dump()


# --- all problems in one go ----------------------------------------------------------------


def test_typo_bad_url_and_missing_env_are_three_located_problems() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(DATA / "three_problems.toml", environ={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert [str(problem) for problem in caught.value.problems] == [
        "watch.intervall (line 3): unknown key 'intervall';"
        " did you mean 'default_interval_minutes'?",
        "slack.app_token_env (line 8): environment variable SLACK_APP_TOKEN is not set",
        "feeds[1].url (line 19): not an http(s) URL",
    ]
    lines = str(caught.value).splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{DATA / 'three_problems.toml'}: ") for line in lines)


def test_check_config_reports_every_problem_without_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = check_config(DATA / "three_problems.toml", environ={"SLACK_BOT_TOKEN": "xoxb-1"})
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.out + captured.err
    assert "(line 3)" in captured.err and "(line 8)" in captured.err and "(line 19)" in captured.err
    assert "3 problems" in captured.err


def test_toml_syntax_error_gives_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(DATA / "syntax_error.toml", environ={})
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 15)
    assert str(problem).startswith("line 3, column 15: TOML syntax error: ")
    assert check_config(DATA / "syntax_error.toml", environ={}) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("name", ["missing.toml", "."])
def test_unreadable_file_is_a_problem_not_a_crash(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_config(DATA / name, environ={}) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"[watch]\nuser_agent = 'caf\xe9'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert str(caught.value.problems[0]) == "line 2: not valid UTF-8 text"


def test_broken_parts_do_not_hide_cross_key_problems_elsewhere() -> None:
    text = """\
[watch]
concurrency = "many"
[[destinations]]
name = "news"
platform = "console"
[[feeds]]
url = "https://a.example/"
destinations = ["nwes"]
"""
    assert [str(p) for p in problems(text)] == [
        "watch.concurrency (line 2): expected an integer, got a string",
        "feeds[0].destinations[0] (line 8): no destination named 'nwes'; did you mean 'news'?",
    ]


def test_salvaged_parts_keep_the_default_console_destination() -> None:
    text = "[watch]\nconcurrency = 0\n[[feeds]]\nurl = 'https://a.example/'\n"
    text += "destinations = ['console']\n"
    assert [p.path for p in problems(text)] == ["watch.concurrency"]


# --- pydantic errors, reworded -------------------------------------------------------------

MESSAGES = [
    (
        "[watch]\ntick_seconds = '60'\n",
        "watch.tick_seconds",
        2,
        "expected an integer, got a string",
    ),
    ("[watch]\njitter_fraction = 0.9\n", "watch.jitter_fraction", 2, "must be at most 0.5"),
    ("[watch]\nconcurrency = 0\n", "watch.concurrency", 2, "must be at least 1"),
    ("[watch]\ntimeout_seconds = 0\n", "watch.timeout_seconds", 2, "must be greater than 0"),
    (
        "[watch]\nallow_private_networks = 1\n",
        "watch.allow_private_networks",
        2,
        "expected true or false, got an integer",
    ),
    ("[slack]\nmode = 'sockt'\n", "slack.mode", 2, "must be 'socket' or 'http', got 'sockt'"),
    ("watch = 5\n", "watch", 1, "expected a table, got an integer"),
    (
        "[feeds]\nurl = 'https://a.example/'\n",
        "feeds",
        1,
        "expected an array of tables ([[feeds]]), got a table",
    ),
    ("\n[[feeds]]\nname = 'no url'\n", "feeds[0].url", 2, "required key is missing"),
    (
        "[delivery]\nbase_backoff_seconds = inf\n",
        "delivery.base_backoff_seconds",
        2,
        "must be a finite number",
    ),
    ("[slak]\n", "slak", 1, "unknown table 'slak'; did you mean 'slack'?"),
    (
        "[[feeds]]\nurl = 'https://a.example/'\nintervall = 5\n",
        "feeds[0].intervall",
        3,
        "unknown key 'intervall'; did you mean 'interval_minutes'?",
    ),
    ("[ledger]\nzzz = 1\n", "ledger.zzz", 2, "unknown key 'zzz'; valid keys: merge_window_days"),
    ("[classifier]\ntargets = []\n", "classifier.targets", 2, "must have at least 1 item(s)"),
    (
        "[slack]\nenabled = false\nadmins = ['U1AAA', 'alice']\n",
        "slack.admins[1]",
        3,
        "not a Slack user ID (like U012ABCDEF)",
    ),
    (
        "[discord]\nenabled = false\nguild_ids = [0]\n",
        "discord.guild_ids[0]",
        3,
        "must be greater than 0",
    ),
    (
        "[slack]\nenabled = false\napi_base_url = 'localhost:3000'\n",
        "slack.api_base_url",
        3,
        "not an http(s) URL",
    ),    (
        "[discord]\nenabled = false\ngateway_url = 'https://gateway.example/'\n",
        "discord.gateway_url",
        3,
        "not a ws(s) URL",
    ),
    (
        "[watch]\nallowed_networks = ['10.0.0.0/8', 'intranet']\n",
        "watch.allowed_networks[1]",
        2,
        "not an IP network (like 10.0.0.0/8 or 192.168.1.5/32)",
    ),
    (
        "[delivery]\nlease_seconds = 0\n",
        "delivery.lease_seconds",
        2,
        "must be greater than 0",
    ),
]


@pytest.mark.parametrize(("text", "path", "line", "message"), MESSAGES)
def test_validation_errors_read_as_toml(text: str, path: str, line: int, message: str) -> None:
    assert only_problem(text) == ConfigProblem(path, line, message)


# --- cross-key checks ----------------------------------------------------------------------

SLACK = "[slack]\nmode = 'http'\n"
DISCORD = "[discord]\n"
CROSS = [
    ("[[feeds]]\nurl = 'ftp://a.example/'\n", "feeds[0].url", 2, "not an http(s) URL"),
    ("[[feeds]]\nurl = 'https://'\n", "feeds[0].url", 2, "not an http(s) URL"),
    (
        "[[feeds]]\nurl = 'https://a.example/x'\n[[feeds]]\nurl = 'https://A.EXAMPLE/x#top'\n",
        "feeds[1].url",
        4,
        "same URL as feeds[0]",
    ),
    (
        "[[feeds]]\nurl = 'https://a.example/'\ndestinations = ['nope']\n",
        "feeds[0].destinations[0]",
        3,
        "no destination named 'nope'",
    ),
    (
        "[delivery]\nadmin_destination = 'ops'\n",
        "delivery.admin_destination",
        2,
        "no destination named 'ops'",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'console'\n"
        "[[destinations]]\nname = 'a'\nplatform = 'console'\n",
        "destinations[1].name",
        5,
        "name already used by destinations[0]",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'slack'\nchannel = 'C0123456789'\n",
        "destinations[0].platform",
        3,
        "needs an enabled [slack] table",
    ),
    (
        SLACK
        + "enabled = false\n[[destinations]]\nname = 'a'\nplatform = 'slack'\nchannel = 'C012'\n",
        "destinations[0].platform",
        6,
        "needs an enabled [slack] table",
    ),
    (
        SLACK + "[[destinations]]\nname = 'a'\nplatform = 'slack'\n",
        "destinations[0].channel",
        3,
        "required for platform 'slack'",
    ),
    (
        SLACK + "[[destinations]]\nname = 'a'\nplatform = 'slack'\nchannel = '#news'\n",
        "destinations[0].channel",
        6,
        "not a Slack channel ID (like C0123456789); use the ID, not the name",
    ),
    (
        DISCORD + "[[destinations]]\nname = 'a'\nplatform = 'discord'\nchannel = 'general'\n",
        "destinations[0].channel",
        5,
        "not a Discord channel ID (digits only)",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'discord'\nchannel = '1234'\n",
        "destinations[0].platform",
        3,
        "needs an enabled [discord] table",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'discord-webhook'\n",
        "destinations[0].webhook_url_env",
        1,
        "required for platform 'discord-webhook'",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'console'\nchannel = 'C0123456789'\n",
        "destinations[0].channel",
        4,
        "not used by platform 'console'",
    ),
    (
        "[[destinations]]\nname = 'a'\nplatform = 'email'\n",
        "destinations[0].platform",
        3,
        "must be 'slack', 'discord', 'discord-webhook' or 'console', got 'email'",
    ),
    (
        "[storage]\nurl = 'mysql://db/x'\n",
        "storage.url",
        2,
        "must start with sqlite://, postgresql://, postgresql+psycopg://",
    ),
    (
        "[storage]\nurl = 'sqlite://stackwatch.db'\n",
        "storage.url",
        2,
        "a SQLite URL looks like sqlite:///relative/path.db or sqlite:////absolute/path.db",
    ),
    (
        "[storage]\nurl = 'postgresql://bot:hunter2@db/x'\n",
        "storage.url",
        2,
        "must not contain a password: put the whole URL in the variable named by url_env",
    ),
    (
        "[[feeds]]\nurl = 'https://a.example/'\nkind = 'page'\n",
        "feeds[0].link_selector",
        1,
        'kind = "page" needs link_selector or link_pattern',
    ),
    (
        "[[feeds]]\nurl = 'https://a.example/'\nkind = 'page'\nlink_pattern = '(['\n",
        "feeds[0].link_pattern",
        4,
        "not a valid regular expression: unterminated character set at position 1",
    ),
    (
        "[[feeds]]\nurl = 'https://a.example/'\nlink_selector = 'a'\n",
        "feeds[0].link_selector",
        3,
        'only used with kind = "page"',
    ),
    (
        "[discord]\ncommand_sync = 'guild'\n",
        "discord.guild_ids",
        1,
        'required when command_sync = "guild"',
    ),
]


@pytest.mark.parametrize(("text", "path", "line", "message"), CROSS)
def test_cross_key_checks_are_located(text: str, path: str, line: int, message: str) -> None:
    assert only_problem(text, SECRETS) == ConfigProblem(path, line, message)


def test_extra_rule_files_resolve_against_the_config_directory(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text("")
    text = "[classifier]\nextra_rule_files = ['rules.toml', 'gone.toml']\n"
    (problem,) = problems(text, base_dir=tmp_path)
    assert problem == ConfigProblem(
        "classifier.extra_rule_files[1]", 2, f"file not found: {tmp_path / 'gone.toml'}"
    )


# --- secrets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("[slack]\n", {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"}),
        ("[slack]\nmode = 'http'\n", {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"}),
        ("[slack]\nenabled = false\n[discord]\nenabled = false\n", set()),
        ("[discord]\n", {"DISCORD_BOT_TOKEN"}),
        ("[storage]\nurl_env = 'STACKWATCH_DB_URL'\n", {"STACKWATCH_DB_URL"}),
        (
            "[[destinations]]\nname = 'a'\nplatform = 'discord-webhook'\n"
            "webhook_url_env = 'DISCORD_WEBHOOK_URL'\n",
            {"DISCORD_WEBHOOK_URL"},
        ),
    ],
)
def test_only_enabled_features_need_their_env_vars(text: str, needed: set[str]) -> None:
    missing = {p.message.split()[2] for p in problems(text)}
    assert missing == needed
    assert set(parse_config(text, environ=SECRETS).secrets) == needed


def test_empty_env_var_counts_as_missing() -> None:
    problem = only_problem("[discord]\n", {"DISCORD_BOT_TOKEN": " "})
    assert (
        str(problem)
        == "discord.token_env (line 1): environment variable DISCORD_BOT_TOKEN is empty"
    )


def test_env_values_are_checked_without_being_echoed() -> None:
    text = "[storage]\nurl_env = 'DB'\n"
    problem = only_problem(text, {"DB": "mysql://root:topsecret@db/x"})
    assert problem.path == "storage.url_env"
    assert problem.message.startswith("environment variable DB: must start with sqlite://")
    assert "topsecret" not in str(problem)


def test_a_secret_pasted_into_an_env_key_is_rejected_without_echo() -> None:
    problem = only_problem("[slack]\nbot_token_env = 'xoxb-1234-abcd'\n")
    assert problem == ConfigProblem(
        "slack.bot_token_env",
        2,
        "must be the name of an environment variable, not the secret itself",
    )


def test_secrets_never_appear_in_repr_or_str() -> None:
    config = load_config(DATA / "full.toml", environ=SECRETS)
    shown = repr(config) + str(config) + repr(config.secrets) + str(config.model_dump())
    for value in SECRETS.values():
        assert value not in shown
    assert "SLACK_BOT_TOKEN" in repr(config.secrets)


# --- locator -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tricky() -> Locator:
    return Locator((DATA / "tricky.toml").read_text())


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("title",), 2),
        (("watch", "quoted key"), 4),
        (("watch", "literal.key"), 5),
        (("watch", "site", "owner", "name"), 6),
        (("watch", "notes"), 7),
        (("watch", "raw"), 12),
        (("watch", "ends_with_quotes"), 16),
        (("watch", "escaped"), 17),
        (("feeds", 0), 18),  # the [[feeds]] inside strings above do not count
        (("feeds", 0, "tags", 1), 22),
        (("feeds", 0, "tags", 2, 1), 23),
        (("feeds", 1, "point", "nested", "y"), 27),
        (("feeds", 1, "mirrors", 1, "url"), 31),
        (("feeds", 2, "url"), 33),
        (("slack", "admins", 1, "id"), 37),
        (("feeds_extra", "sub", "k"), 40),
    ],
)
def test_locator_finds_keys_in_tricky_toml(
    tricky: Locator, loc: tuple[str | int, ...], line: int
) -> None:
    assert tricky.line_of(loc) == line


def test_locator_falls_back_to_the_enclosing_table(tricky: Locator) -> None:
    assert tricky.line_of(("feeds", 2, "name")) == 32
    assert tricky.line_of(("feeds", 1, "mirrors", 0, "missing")) == 28
    assert tricky.line_of(("discord", "token_env")) is None


def test_inline_tables_in_arrays_are_located_per_item() -> None:
    text = """\
feeds = [
  { url = "https://a.example/" },
  { url = "ftp://b.example/" },
]
"""
    assert only_problem(text) == ConfigProblem("feeds[1].url", 3, "not an http(s) URL")


def test_paths_are_written_in_toml_notation() -> None:
    problem = only_problem('[watch]\n"odd key" = 1\n')
    assert problem.path == 'watch."odd key"'
    assert problem.line == 2


def test_problem_str_without_line_or_path() -> None:
    assert str(ConfigProblem("storage.url", None, "bad")) == "storage.url: bad"
    assert str(ConfigProblem("", None, "bad")) == "bad"


def test_unsupported_page_selector_is_located() -> None:
    text = ('[[feeds]]\nurl = "https://example.org/news"\nkind = "page"\n'
            'link_selector = "a:hover"\n')
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    [problem] = caught.value.problems
    assert problem.path == "feeds[0].link_selector" and problem.line == 4
    assert "unsupported selector" in problem.message
