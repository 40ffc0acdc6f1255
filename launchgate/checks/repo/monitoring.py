"""``repo.monitoring``: the Monitoring row's repository half (the probe checks health answers)."""

from __future__ import annotations

import datetime as dt

from launchgate.checks.repo.attest import (
    Clock,
    attestations_for,
    attested_findings,
    attested_note,
    is_attested,
)
from launchgate.checks.repo.ids import MONITORING_CHECK, monitoring_finding
from launchgate.checks.repo.monitors import (
    ScheduledCheck,
    monitors_as_code,
    scheduled_health_checks,
)
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree, is_git_work_tree
from launchgate.checks.repo.workflows import load_workflows
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding, Location, Severity
from launchgate.core.rows import Row


class MonitoringCheck:
    """A declared health endpoint, and an uptime monitor found in the repository or attested."""

    id = MONITORING_CHECK
    family = Family.REPO
    rows: tuple[Row, ...] = (Row.MONITORING,)

    def __init__(self, today: Clock = dt.date.today) -> None:
        self._today = today

    def needs(self, ctx: Context) -> str | None:
        return None if is_git_work_tree(ctx.root) else "not a git repository"

    def run(self, ctx: Context) -> CheckResult:
        patterns, health = load_patterns(), ctx.config.preview.health
        tree = committed_tree(ctx.root, ctx.config.repo.exclude)
        limit = ctx.config.repo.monitor_max_interval_minutes
        scheduled = scheduled_health_checks(load_workflows(tree, patterns), health)
        verified = monitors_as_code(tree, patterns) + _frequent(scheduled, limit)

        attested = attestations_for(ctx.config, self.rows)
        max_age = ctx.config.repo.attest_max_age_days
        findings = attested_findings(self.id, attested, self._today(), max_age)
        if not health:
            findings.append(_health_undeclared())
        if not verified and not is_attested(attested, "uptime-monitor"):
            findings.append(_no_uptime_monitor(scheduled, limit))

        notes = [f"health endpoint declared: {health}"] if health else []
        notes += [f"uptime monitor verified: {', '.join(verified)}"] if verified else []
        notes += [attested_note(entry) for entry in attested]
        stats = {"files": len(tree.paths), "monitors": len(verified)}
        return CheckResult(
            self.id, self.rows, findings=tuple(findings), notes=tuple(notes), stats=stats
        )


def _frequent(scheduled: list[ScheduledCheck], limit: int) -> list[str]:
    """The scheduled health checks that run often enough to count as an uptime monitor."""
    return [
        f"scheduled health check: {s.path} (at most {s.gap_minutes} min apart)"
        for s in scheduled
        if s.gap_minutes <= limit
    ]


def _health_undeclared() -> Finding:
    return monitoring_finding(
        rule="health-endpoint-undeclared",
        severity=Severity.WARNING,
        title="No health endpoint declared (preview.health in launchgate.yml)",
        remediation="Serve a cheap health route (for example /healthz) and declare it as "
        "preview.health, so the probe and your uptime monitor can check it.",
    )


def _no_uptime_monitor(scheduled: list[ScheduledCheck], limit: int) -> Finding:
    slow = [f"{s.path} runs up to {s.gap_minutes} min apart" for s in scheduled]
    return monitoring_finding(
        rule="no-uptime-monitor",
        severity=Severity.BLOCKER,
        title="No uptime monitor found or attested",
        location=Location(path=scheduled[0].path) if scheduled else Location(),
        evidence="; ".join(slow) + f" (needs at most {limit} min)"
        if slow
        else "no monitor-as-code file and no scheduled health-check workflow",
        remediation="Add a monitor as code (Checkly, Datadog synthetics, Better Stack, "
        f"UptimeRobot, Grafana, Pingdom) or a workflow checking health every {limit} min, "
        "or attest 'uptime-monitor' in launchgate.yml.",
    )
