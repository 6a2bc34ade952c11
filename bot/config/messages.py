"""Pydantic's validation errors, reworded for someone editing a TOML file.

Pydantic speaks Python ("Input should be a valid dictionary or instance of Feed"); admins read
TOML ("expected a table, got a string"). Unknown keys get a did-you-mean from the model's own
field names, found by walking the schema along the error's key path.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
from collections.abc import Callable
from inspect import isclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.config.problems import Issue, Loc, render_loc

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "greater than"),
    "less_than": ("lt", "less than"),
}


def issues_from(exc: ValidationError, root: type[BaseModel]) -> list[Issue]:
    """One issue per pydantic error, located at the error's key path."""
    return [Issue(tuple(err["loc"]), describe(err, root)) for err in exc.errors(include_url=False)]


def describe(err: ErrorDetails, root: type[BaseModel]) -> str:
    """A short human message for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in _SPECIAL:
        return _SPECIAL[kind](err, root)
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {toml_type(err['input'])}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {_number(ctx[key])}"
    if kind == "config":
        return err["msg"]
    return err["msg"][:1].lower() + err["msg"][1:]


def _number(value: object) -> object:
    """Bounds as an admin wrote them: ``0``, not pydantic's ``0.0``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def toml_type(value: object) -> str:
    """What TOML calls the type of a parsed value, with an article."""
    if isinstance(value, bool):
        return "a boolean"
    names: list[tuple[type | tuple[type, ...], str]] = [
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        ((dt.date, dt.time), "a date/time"),
    ]
    return next((name for kind, name in names if isinstance(value, kind)), "a value")


def _unknown_key(err: ErrorDetails, root: type[BaseModel]) -> str:
    key = str(err["loc"][-1])
    noun = "table" if isinstance(err["input"], dict) else "key"
    model = _model_at(root, tuple(err["loc"][:-1]))
    valid = list(model.model_fields) if model else []
    close = closest(key, valid)
    if close:
        return f"unknown {noun} '{key}'; did you mean '{close}'?"
    if valid:
        return f"unknown {noun} '{key}'; valid keys: {', '.join(valid)}"
    return f"unknown {noun} '{key}'"


def closest(word: str, candidates: list[str]) -> str | None:
    """The candidate ``word`` was probably meant to be, if any is close enough.

    Besides whole names, runs of ``_``-separated pieces are compared (scoring a little lower), so
    ``intervall`` finds ``default_interval_minutes``.
    """
    scores = {candidate: _similarity(word, candidate) for candidate in candidates}
    best = max(scores, key=lambda candidate: scores[candidate], default=None)
    return best if best is not None and scores[best] >= 0.6 else None


def _similarity(word: str, candidate: str) -> float:
    pieces = candidate.split("_")
    runs = [
        "_".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)
    ]
    best_run = max(difflib.SequenceMatcher(None, word, run).ratio() for run in runs)
    return max(difflib.SequenceMatcher(None, word, candidate).ratio(), best_run - 0.1)


def _list_type(err: ErrorDetails, root: type[BaseModel]) -> str:
    loc = tuple(err["loc"])
    item = get_args(_annotation_at(root, loc))
    if item and _is_model(item[0]):
        return f"expected an array of tables ([[{render_loc(loc)}]]), got {toml_type(err['input'])}"
    return f"expected an array, got {toml_type(err['input'])}"


def _literal(err: ErrorDetails, root: type[BaseModel]) -> str:
    expected = (err.get("ctx") or {}).get("expected", "")
    return f"must be {expected}, got {_short(err['input'])}"


def _too_short(err: ErrorDetails, root: type[BaseModel]) -> str:
    return f"must have at least {(err.get('ctx') or {}).get('min_length', 1)} item(s)"


def _short(value: object) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return toml_type(value)


_SPECIAL: dict[str, Callable[[ErrorDetails, type[BaseModel]], str]] = {
    "missing": lambda err, root: "required key is missing",
    "extra_forbidden": _unknown_key,
    "list_type": _list_type,
    "literal_error": _literal,
    "too_short": _too_short,
    "finite_number": lambda err, root: "must be a finite number",
}


def _annotation_at(root: type[BaseModel], loc: Loc) -> Any:
    """The declared type at ``loc``, following fields and list items; None when off the schema."""
    current: Any = root
    for part in loc:
        current = _strip_optional(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if get_origin(current) is list and args else None
        elif _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    return _strip_optional(current)


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    found = _annotation_at(root, loc)
    return found if _is_model(found) else None


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isclass(annotation) and issubclass(annotation, BaseModel)
