"""``repo.attestations``: attested items of rows no repository check computes (email DNS)."""

from __future__ import annotations

import datetime as dt

from launchgate.checks.repo.attest import (
    ITEM_ROWS,
    Clock,
    attestations_for,
    attested_findings,
    attested_note,
)
from launchgate.checks.repo.ids import ATTESTATIONS_CHECK
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family
from launchgate.core.rows import Row

OWNED_ELSEWHERE = (Row.MONITORING, Row.DEPLOYMENT_CONFIG)  # repo.monitoring, repo.deployment


class AttestationsCheck:
    """Reports the other rows' attestations; it touches a row only when something is attested.

    ``rows`` is empty on purpose: the rows come from what ``launchgate.yml`` attests, so an
    unused check adds no "skipped" note to rows other checks compute.
    """

    id = ATTESTATIONS_CHECK
    family = Family.REPO
    rows: tuple[Row, ...] = ()

    def __init__(self, today: Clock = dt.date.today) -> None:
        self._today = today

    def needs(self, ctx: Context) -> str | None:
        return None

    def run(self, ctx: Context) -> CheckResult:
        rows = tuple(r for r in Row if r in set(ITEM_ROWS.values()) - set(OWNED_ELSEWHERE))
        entries = attestations_for(ctx.config, rows)
        max_age = ctx.config.repo.attest_max_age_days
        findings = attested_findings(self.id, entries, self._today(), max_age)
        used = tuple(r for r in rows if any(f.row is r for f in findings))
        notes = tuple(attested_note(entry) for entry in entries)
        return CheckResult(self.id, used, findings=tuple(findings), notes=notes)
