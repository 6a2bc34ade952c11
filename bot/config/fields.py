"""Field types shared by the config tables, each with a message an admin can act on.

Validators raise ``PydanticCustomError`` so the message is ours, not pydantic's, and they never
echo the offending value: a key meant to hold an environment variable's name sometimes receives
the secret itself.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

STORAGE_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("config", message)


def is_http_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    has_space = any(char.isspace() for char in value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not has_space


def _http_url(value: str) -> str:
    if not is_http_url(value):
        raise _fail("not an http(s) URL")
    return value


def _optional_http_url(value: str) -> str:
    return _http_url(value) if value else value


def _optional_ws_url(value: str) -> str:
    if not value:
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("ws", "wss") or not parts.hostname or any(c.isspace() for c in value):
        raise _fail("not a ws(s) URL")
    return value


def _network(value: str) -> str:
    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise _fail("not an IP network (like 10.0.0.0/8 or 192.168.1.5/32)") from None
    return value


def _env_name(value: str) -> str:
    if value and not _ENV_NAME.fullmatch(value):
        raise _fail("must be the name of an environment variable, not the secret itself")
    return value


def _required(value: str) -> str:
    if not value.strip():
        raise _fail("must not be empty")
    return value


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise _fail(f"not a valid regular expression: {exc}") from None
    return value


def _slack_user(value: str) -> str:
    if not _SLACK_USER.fullmatch(value):
        raise _fail("not a Slack user ID (like U012ABCDEF)")
    return value


def storage_url_problem(url: str, *, allow_password: bool) -> str | None:
    """Why ``url`` cannot be our database URL, or None; never quotes it (passwords)."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "not a database URL"
    if parts.scheme not in STORAGE_SCHEMES:
        return "must start with " + ", ".join(f"{scheme}://" for scheme in STORAGE_SCHEMES)
    if parts.scheme == "sqlite" and (parts.netloc or len(parts.path) < 2):
        return "a SQLite URL looks like sqlite:///relative/path.db or sqlite:////absolute/path.db"
    if password is not None and not allow_password:
        return "must not contain a password: put the whole URL in the variable named by url_env"
    return None


def _storage_url(value: str) -> str:
    problem = storage_url_problem(value, allow_password=False)
    if problem:
        raise _fail(problem)
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]
OptionalHttpUrl = Annotated[str, AfterValidator(_optional_http_url)]
OptionalWsUrl = Annotated[str, AfterValidator(_optional_ws_url)]
Network = Annotated[str, AfterValidator(_network)]
EnvName = Annotated[str, AfterValidator(_required), AfterValidator(_env_name)]
OptionalEnvName = Annotated[str, AfterValidator(_env_name)]
NonEmpty = Annotated[str, AfterValidator(_required)]
Regex = Annotated[str, AfterValidator(_regex)]
SlackUserId = Annotated[str, AfterValidator(_slack_user)]
StorageUrl = Annotated[str, AfterValidator(_storage_url)]
