"""The scorecard: results folded into the fourteen rows, and the verdict."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Finding, Outcome, Severity
from launchgate.core.rows import Row

NOT_CHECKED_YET = "not checked yet"


class Status(enum.StrEnum):
    """A row's status."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    ERROR = "error"


@dataclass(frozen=True)
class RowResult:
    """One row: its status, counts, and what was checked, skipped or broken."""

    row: Row
    status: Status
    blockers: int
    warnings: int
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    """Every row, every finding kept, the ignored ones, and the verdict."""

    rows: tuple[RowResult, ...]
    findings: tuple[Finding, ...]
    ignored: tuple[tuple[Finding, str], ...]
    results: tuple[CheckResult, ...]
    fail_on: str
    crashed: tuple[str, ...] = ()
    totals: Mapping[str, int] = field(default_factory=dict)

    @property
    def blockers(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.BLOCKER)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.status is Status.ERROR)

    @property
    def checked_rows(self) -> int:
        """Rows with evidence behind them: neither skipped nor broken."""
        return sum(1 for r in self.rows if r.status not in (Status.SKIP, Status.ERROR))

    @property
    def verdict(self) -> str:
        """``fail`` when the ``fail_on`` bar is crossed or a check crashed, ``pass`` otherwise."""
        if self.crashed:  # launchgate cannot vouch for what it did not finish
            return "fail"
        if self.fail_on == "never":
            return "pass"
        if self.blockers:
            return "fail"
        if self.fail_on == "warning" and (self.warnings or self.errors):
            return "fail"
        return "pass"


def build_scorecard(
    results: Sequence[CheckResult],
    config: Config,
    crashed: Sequence[str] = (),
    totals: Mapping[str, int] | None = None,
) -> Scorecard:
    """Fold check results into rows, dropping findings that ``ignore`` entries name."""
    reasons = {entry.fingerprint: entry.reason for entry in config.ignore}
    kept: list[Finding] = []
    ignored: list[tuple[Finding, str]] = []
    for finding in (f for r in results for f in r.findings):
        if finding.fingerprint in reasons:
            ignored.append((finding, reasons[finding.fingerprint]))
        else:
            kept.append(finding)

    rows = tuple(_fold_row(row, results, kept) for row in Row)
    return Scorecard(
        rows,
        tuple(kept),
        tuple(ignored),
        tuple(results),
        config.fail_on,
        tuple(crashed),
        dict(totals or {}),
    )


def _fold_row(row: Row, results: Iterable[CheckResult], findings: list[Finding]) -> RowResult:
    feeding = [r for r in results if row in r.rows]
    mine = [f for f in findings if f.row is row]
    blockers = sum(1 for f in mine if f.severity is Severity.BLOCKER)
    warnings = sum(1 for f in mine if f.severity is Severity.WARNING)
    notes = tuple(_note(r) for r in feeding if _says_something_in(row, r))

    if not feeding:
        return RowResult(row, Status.SKIP, 0, 0, (NOT_CHECKED_YET,))
    return RowResult(row, _status(feeding, blockers, warnings), blockers, warnings, notes)


def _status(feeding: list[CheckResult], blockers: int, warnings: int) -> Status:
    if blockers:
        return Status.FAIL
    if any(r.outcome is Outcome.ERROR for r in feeding):
        return Status.ERROR
    if warnings:
        return Status.WARN
    if all(r.outcome is Outcome.SKIPPED for r in feeding):
        return Status.SKIP
    return Status.PASS


def _says_something_in(row: Row, result: CheckResult) -> bool:
    """Skip and error reasons go in every row a check feeds; what it covered, in its first only."""
    if result.outcome is not Outcome.RAN:
        return True
    first = min(result.rows, key=list(Row).index)
    return bool(result.notes) and row is first


def _note(result: CheckResult) -> str:
    if result.outcome is Outcome.SKIPPED:
        return f"{result.check}: skipped — {result.reason}"
    if result.outcome is Outcome.ERROR:
        return f"{result.check}: error — {result.reason}"
    return f"{result.check}: " + "; ".join(result.notes)
