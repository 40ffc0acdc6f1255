"""The repository checks' patterns, loaded once from ``data/repo/patterns.yml``."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_DATA = ("data", "repo", "patterns.yml")


@dataclass(frozen=True)
class NamedPattern:
    """A value shape with the name a report gives it."""

    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class FileRule:
    """A kind of file recognised by its path and, optionally, its content."""

    name: str
    paths: tuple[str, ...]
    contains: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RepoPatterns:
    """Everything the repository checks match against; see the data file for each field."""

    env_names: tuple[str, ...]
    env_templates: tuple[str, ...]
    placeholders: tuple[re.Pattern[str], ...]
    credential_names: tuple[re.Pattern[str], ...]
    public_names: tuple[re.Pattern[str], ...]
    not_credential_names: tuple[re.Pattern[str], ...]
    credential_values: tuple[NamedPattern, ...]
    min_credential_length: int
    test_payment_values: tuple[NamedPattern, ...]
    payment_names: re.Pattern[str]
    payment_test_modes: re.Pattern[str]
    production_configs: tuple[re.Pattern[str], ...]
    localhost_hosts: re.Pattern[str]
    nonproduction_hosts: re.Pattern[str]
    environment_names: re.Pattern[str]
    dockerfiles: tuple[str, ...]
    workflows: tuple[str, ...]
    deploy_workflow: re.Pattern[str]
    platforms: tuple[FileRule, ...]
    secret_bearing_configs: tuple[FileRule, ...]
    monitors: tuple[FileRule, ...]


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE | re.MULTILINE)


def _whole(texts: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(f"(?:{t})", re.IGNORECASE | re.DOTALL) for t in texts)


def _named(items: Iterable[Mapping[str, str]]) -> tuple[NamedPattern, ...]:
    return tuple(NamedPattern(i["name"], _rx(i["pattern"])) for i in items)


def _file_rules(items: Iterable[Mapping[str, Any]]) -> tuple[FileRule, ...]:
    return tuple(
        FileRule(i["name"], tuple(i["paths"]), _rx(i["contains"]) if "contains" in i else None)
        for i in items
    )


@functools.cache
def load_patterns() -> RepoPatterns:
    """The shipped patterns, parsed and compiled (once per process)."""
    text = resources.files("launchgate").joinpath(*_DATA).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return RepoPatterns(
        env_names=tuple(raw["env_files"]["names"]),
        env_templates=tuple(raw["env_files"]["templates"]),
        placeholders=_whole(raw["placeholders"]),
        credential_names=tuple(_rx(p) for p in raw["credential_names"]),
        public_names=tuple(_rx(p) for p in raw["public_names"]),
        not_credential_names=tuple(_rx(p) for p in raw["not_credential_names"]),
        credential_values=_named(raw["credential_values"]),
        min_credential_length=int(raw["min_credential_length"]),
        test_payment_values=_named(raw["test_payment_values"]),
        payment_names=_rx(raw["payment_names"]),
        payment_test_modes=re.compile(f"(?:{raw['payment_test_modes']})", re.IGNORECASE),
        production_configs=tuple(_rx(p) for p in raw["production_configs"]),
        localhost_hosts=re.compile(f"(?:{raw['localhost_hosts']})", re.IGNORECASE),
        nonproduction_hosts=_rx(raw["nonproduction_hosts"]),
        environment_names=_rx(raw["environment_names"]),
        dockerfiles=tuple(raw["dockerfiles"]),
        workflows=tuple(raw["workflows"]),
        deploy_workflow=_rx(raw["deploy_workflow"]),
        platforms=_file_rules(raw["platforms"]),
        secret_bearing_configs=_file_rules(raw["secret_bearing_configs"]),
        monitors=_file_rules(raw["monitors"]),
    )


def path_matches(path: str, glob: str) -> bool:
    """Whether a committed path matches a glob: no "/" matches the name in any folder."""
    name = path.rsplit("/", 1)[-1]
    if "/" not in glob:
        return fnmatch.fnmatchcase(name, glob)
    if glob.startswith("**/") and path_matches(path, glob[3:]):
        return True
    return fnmatch.fnmatchcase(path, glob)


def matches_any(path: str, globs: Iterable[str]) -> bool:
    """Whether a committed path matches one of the globs."""
    return any(path_matches(path, glob) for glob in globs)
