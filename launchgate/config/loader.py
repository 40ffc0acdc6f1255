"""Load ``launchgate.yml``: parse, expand ``${NAME}``, apply CLI overrides, validate."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from launchgate.config.schema import Config
from launchgate.errors import ConfigError

DEFAULT_NAME = "launchgate.yml"
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def load_config(
    path: Path | None,
    root: Path,
    overrides: Mapping[str, object] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[Config, str]:
    """Return the validated configuration and where it came from (a path or "defaults")."""
    source, raw = _read(path, root)
    for dotted, value in (overrides or {}).items():
        _set_dotted(raw, dotted, value)

    expanded = _expand(raw, env if env is not None else os.environ, source, ())
    try:
        return Config.model_validate(expanded), source
    except ValidationError as exc:
        raise ConfigError(_first_error(exc, source)) from None


def _read(path: Path | None, root: Path) -> tuple[str, dict[str, Any]]:
    if path is None:
        candidate = root / DEFAULT_NAME
        if not candidate.is_file():
            return "defaults", {}
        path = candidate
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from None
    if data is None:
        return str(path), {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of keys")
    return str(path), data


def _set_dotted(raw: dict[str, Any], dotted: str, value: object) -> None:
    *parents, last = dotted.split(".")
    node = raw
    for key in parents:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[last] = value


def _expand(node: Any, env: Mapping[str, str], source: str, path: tuple[str, ...]) -> Any:
    """Replace ``${NAME}`` in every string; a variable that is not set is an error naming it."""
    if isinstance(node, dict):
        return {k: _expand(v, env, source, (*path, str(k))) for k, v in node.items()}
    if isinstance(node, list):
        return [_expand(v, env, source, (*path, str(i))) for i, v in enumerate(node)]
    if not isinstance(node, str):
        return node

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in env:
            where = ".".join(path) or "(top)"
            raise ConfigError(f"{source}: {where}: environment variable {name} is not set")
        return env[name]

    return _VARIABLE.sub(substitute, node)


def _first_error(exc: ValidationError, source: str) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "(top)"
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    else:  # a validator's own message, without pydantic's "Value error, " in front
        message = error["msg"].removeprefix("Value error, ")
        message = message[0].lower() + message[1:]
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{source}: {where}: {message}{suffix}"
