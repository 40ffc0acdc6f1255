"""The one interface every check implements, and the context it runs in."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Family, Outcome
from launchgate.core.rows import Row


@dataclass(frozen=True)
class PullRequest:
    """What the gate knows about the pull request it runs on, if any."""

    number: int | None = None
    base_ref: str | None = None
    base_sha: str | None = None
    head_sha: str | None = None


@dataclass(frozen=True)
class Context:
    """Everything a check may read. Checks never print, never exit and never write here."""

    root: Path
    config: Config
    env: Mapping[str, str] = field(default_factory=dict)
    pull_request: PullRequest | None = None
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("launchgate"))


class Check(Protocol):
    """A check: an id, its family and rows, what it needs, and ``run``.

    ``needs`` returns ``None`` when the check can run, or the reason it is skipped.
    ``run`` returns a result; it raises ``CheckError`` when it cannot run.
    """

    id: str
    family: Family
    rows: tuple[Row, ...]

    def needs(self, ctx: Context) -> str | None: ...

    def run(self, ctx: Context) -> CheckResult: ...


def skipped(check: Check, reason: str) -> CheckResult:
    """The result of a check that had nothing to work on."""
    return CheckResult(check=check.id, rows=check.rows, outcome=Outcome.SKIPPED, reason=reason)


def errored(check: Check, reason: str) -> CheckResult:
    """The result of a check that could not run."""
    return CheckResult(check=check.id, rows=check.rows, outcome=Outcome.ERROR, reason=reason)
