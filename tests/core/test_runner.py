"""The runner: family selection, skip reasons, errors and crashes kept to their own check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Outcome
from launchgate.core.rows import Row
from launchgate.core.runner import run_checks
from launchgate.errors import CheckError


@dataclass
class FakeCheck:
    """A check whose behaviour the test picks: pass, need something, fail, or crash."""

    id: str
    behaviour: str
    family: Family = Family.SECRETS
    rows: tuple[Row, ...] = (Row.SECRET_HANDLING,)

    def needs(self, ctx: Context) -> str | None:
        return "nothing to scan" if self.behaviour == "needs" else None

    def run(self, ctx: Context) -> CheckResult:
        if self.behaviour == "error":
            raise CheckError("target is down")
        if self.behaviour == "crash":
            raise ZeroDivisionError("sk-live-should-not-be-logged")
        return CheckResult(self.id, self.rows)


def test_outcomes_per_check(tmp_path: Path) -> None:
    checks = [FakeCheck(n, n) for n in ("ok", "needs", "error", "crash")]
    checks.append(FakeCheck("other", "ok", family=Family.EMAIL))
    ctx = Context(root=tmp_path, config=Config())
    outcome = run_checks(checks, ctx, frozenset({Family.SECRETS}))
    got = {r.check: (r.outcome, r.reason) for r in outcome.results}
    assert got["ok"] == (Outcome.RAN, "")
    assert got["needs"] == (Outcome.SKIPPED, "nothing to scan")
    assert got["error"] == (Outcome.ERROR, "target is down")
    assert got["crash"] == (Outcome.ERROR, "internal error (ZeroDivisionError); run with -v")
    assert got["other"] == (Outcome.SKIPPED, "family 'email' not selected (--only)")
    assert outcome.crashed == ("crash",)


def test_shared_state_is_closed_after_the_run(tmp_path: Path) -> None:
    closed: list[bool] = []

    class Closable:
        def close(self) -> None:
            closed.append(True)

    ctx = Context(root=tmp_path, config=Config())
    ctx.shared.get_or_create("thing", Closable)
    run_checks([FakeCheck("ok", "ok")], ctx, frozenset(Family))
    assert closed == [True]
