"""Configuration: one TOML file, validated completely before the bot does anything.

Public API:

- `load_config(path, environ=None)` / `parse_config(text, source=..., environ=None)` → `Config`,
  or `ConfigError` whose ``problems`` lists every `ConfigProblem` found (key path, line, message).
- `default_config()` → the embedded defaults.
- `check_config(path)` → prints a report, returns the exit status (0 valid, 2 not).

Secrets never appear in the TOML: keys ending in ``_env`` name environment variables, and the
values are read at load time into ``config.secrets`` (a mapping keyed by variable name whose
repr shows names only). ``config.database_url`` is the resolved storage URL.
"""

from bot.config.load import check_config, default_config, load_config, parse_config
from bot.config.models import (
    ClassifierSettings,
    ClusterSettings,
    Config,
    DeliverySettings,
    Destination,
    DiscordSettings,
    Feed,
    LedgerSettings,
    SlackSettings,
    StorageSettings,
    WatchSettings,
)
from bot.config.problems import ConfigError, ConfigProblem
from bot.config.secrets import Secrets

__all__ = [
    "ClassifierSettings",
    "ClusterSettings",
    "Config",
    "ConfigError",
    "ConfigProblem",
    "DeliverySettings",
    "Destination",
    "DiscordSettings",
    "Feed",
    "LedgerSettings",
    "Secrets",
    "SlackSettings",
    "StorageSettings",
    "WatchSettings",
    "check_config",
    "default_config",
    "load_config",
    "parse_config",
]
