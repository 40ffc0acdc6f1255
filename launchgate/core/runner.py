"""Run the selected checks concurrently and collect their results."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from launchgate.core.check import Check, Context, errored, skipped
from launchgate.core.findings import CheckResult, Family
from launchgate.errors import LaunchgateError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOutcome:
    """The results, and whether any check crashed on a bug (the CLI then exits 3)."""

    results: tuple[CheckResult, ...]
    crashed: tuple[str, ...]
    totals: Mapping[str, int] = field(default_factory=dict)


def run_checks(checks: Sequence[Check], ctx: Context, only: Collection[Family]) -> RunOutcome:
    """Run every check of the selected families; a check that fails becomes an ``error`` row."""
    crashed: list[str] = []

    def run_one(check: Check) -> CheckResult:
        if check.family not in only:
            return skipped(check, f"family '{check.family}' not selected (--only)")
        reason = check.needs(ctx)
        if reason:
            return skipped(check, reason)
        log.info("running %s", check.id)
        try:
            return check.run(ctx)
        except LaunchgateError as exc:
            log.warning("%s could not run: %s", check.id, exc)
            return errored(check, str(exc))
        except Exception as exc:  # a bug in a check must not hide the other rows
            # The message may quote scanned text, so only the type and the frames are logged.
            log.error("%s crashed with %s", check.id, type(exc).__name__)
            log.debug("".join(traceback.format_tb(exc.__traceback__)))
            crashed.append(check.id)
            return errored(check, f"internal error ({type(exc).__name__}); run with -v")

    workers = max(1, min(8, len(checks)))
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check") as pool:
            results = tuple(pool.map(run_one, checks))
    finally:
        totals = ctx.shared.close()
    return RunOutcome(results, tuple(crashed), totals)
