"""The one interface every check implements, and the context it runs in."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar, cast

from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Family, Outcome
from launchgate.core.rows import Row

T = TypeVar("T")


@dataclass(frozen=True)
class PullRequest:
    """What the gate knows about the pull request it runs on, if any."""

    number: int | None = None
    base_ref: str | None = None
    base_sha: str | None = None
    head_sha: str | None = None


class SharedState:
    """Per-run objects several checks use (the probe's HTTP client and request budget)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, object] = {}

    def get_or_create(self, key: str, factory: Callable[[], T]) -> T:
        """The object stored under ``key``, made by ``factory`` on first use."""
        with self._lock:
            if key not in self._items:
                self._items[key] = factory()
            return cast(T, self._items[key])

    def close(self) -> dict[str, int]:
        """Close every stored object that has a ``close`` method; return their run totals.

        An object may report counts for the whole run (``totals()``), such as every request
        the probe sent, including those of checks that ended in error.
        """
        with self._lock:
            items, self._items = list(self._items.values()), {}
        totals: dict[str, int] = {}
        for item in items:
            counter = getattr(item, "totals", None)
            if callable(counter):
                totals.update(counter())
            closer = getattr(item, "close", None)
            if callable(closer):
                closer()
        return totals


@dataclass(frozen=True)
class Context:
    """Everything a check may read. Checks never print, never exit and never write here."""

    root: Path
    config: Config
    env: Mapping[str, str] = field(default_factory=dict)
    pull_request: PullRequest | None = None
    shared: SharedState = field(default_factory=SharedState)


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
