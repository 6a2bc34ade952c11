"""Reading a config: text → TOML → models → cross-key checks → secrets, all before any side effect.

Every stage adds to one list of located problems, so a single run shows an admin everything
that is wrong. `check_config` is the ``stackwatch check-config`` command's body: it prints and
returns an exit status, never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.config.checks import Parts, cross_check
from bot.config.locate import Locator
from bot.config.messages import issues_from
from bot.config.models import Config, LoadContext, secret_refs_of
from bot.config.problems import ConfigError, ConfigProblem
from bot.config.secrets import resolve_refs
from bot.storage.engine import mask_url

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def load_config(path: Path, *, environ: Mapping[str, str] | None = None) -> Config:
    """Load and fully validate the file at ``path``; `ConfigError` lists all problems."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        problem = ConfigProblem("", None, f"cannot read file: {exc.strerror}")
        raise ConfigError(source, [problem]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(source, [ConfigProblem("", line, "not valid UTF-8 text")]) from None
    base_dir = Path(path).resolve().parent
    return parse_config(text, source=source, environ=environ, base_dir=base_dir)


def parse_config(
    text: str,
    *,
    source: str = "<config>",
    environ: Mapping[str, str] | None = None,
    base_dir: Path | None = None,
) -> Config:
    """Like `load_config`, from a string; relative paths start at ``base_dir`` (default: cwd)."""
    data = _parse_toml(text, source)
    context = LoadContext(Locator(text), base_dir or Path.cwd())
    environ = os.environ if environ is None else environ
    config, problems = _validate(data, context, environ)
    if config is None or problems:
        raise ConfigError(source, sorted(problems, key=_file_order))
    return config


def default_config() -> Config:
    """The embedded defaults: ``stackwatch.db`` in the working dir, no feeds, console output."""
    return parse_config("", source="<defaults>", environ={})


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, [_syntax_problem(exc)]) from None


def _syntax_problem(exc: tomllib.TOMLDecodeError) -> ConfigProblem:
    """Python 3.11–3.13 put the position only in the message; 3.14 adds attributes."""
    message = str(exc)
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    match = _TOML_POSITION.search(message)
    if match:
        message = message[: match.start()]
        line, column = line or int(match[1]), column or int(match[2])
    reason = message[:1].lower() + message[1:]
    return ConfigProblem("", line, f"TOML syntax error: {reason}", column)


def _validate(
    data: dict[str, Any], context: LoadContext, environ: Mapping[str, str]
) -> tuple[Config | None, list[ConfigProblem]]:
    locate = context.locator.locate
    try:
        config = Config.model_validate(data, context=context)
    except ValidationError as exc:
        parts = Parts.salvage(data)
        _, secret_issues = resolve_refs(secret_refs_of(parts.located_sections()), environ)
        issues = issues_from(exc, Config) + cross_check(parts, context.base_dir) + secret_issues
        return None, [locate(issue) for issue in issues]
    problems = [locate(issue) for issue in cross_check(Parts.of(config), context.base_dir)]
    return config, problems + config.resolve_secrets(environ)


def _file_order(problem: ConfigProblem) -> tuple[bool, int, str]:
    return (problem.line is None, problem.line or 0, problem.path)


def check_config(path: Path, *, environ: Mapping[str, str] | None = None) -> int:
    """Print whether the config at ``path`` is usable; return 0 when it is, 2 when not.

    A summary goes to stdout; problems go to stderr, one per line, then a count.
    """
    try:
        config = load_config(path, environ=environ)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        count = len(exc.problems)
        print(f"{path}: {count} problem{'s' * (count != 1)}, not usable", file=sys.stderr)
        return 2
    print(summary(config, str(path)))
    return 0


def summary(config: Config, source: str) -> str:
    """A few lines saying what a valid config will do, with passwords masked."""
    enabled = sum(feed.enabled for feed in config.feeds)
    destinations = ", ".join(f"{dest.name} on {dest.platform}" for dest in config.destinations)
    tables = {"slack": config.slack, "discord": config.discord}
    chats = [name for name, table in tables.items() if table and table.enabled]
    return "\n".join(
        [
            f"{source}: OK",
            f"  feeds: {len(config.feeds)} ({enabled} enabled)",
            f"  destinations: {len(config.destinations)} ({destinations})",
            f"  chat: {', '.join(chats) or 'none'}",
            f"  storage: {mask_url(config.database_url)}",
        ]
    )
