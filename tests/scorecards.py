"""Scorecards for reporter and publisher tests, built from findings directly."""

from __future__ import annotations

from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Finding, Location, SecretRef, Severity
from launchgate.core.rows import Row
from launchgate.core.scorecard import Scorecard, build_scorecard

# A made-up key in the shape of an AWS access key id; no report may ever hold it.
RAW_SECRET = "AKIA" + "Q7XW2LMN4PZR8TYU"


def leaked_key(path: str = "config/app.py", line: int = 12, title: str = "AWS key") -> Finding:
    """A blocker for a committed secret, as the history scan reports it."""
    return Finding(
        check="secrets.history",
        row=Row.SECRET_HANDLING,
        rule="aws-access-key",
        severity=Severity.BLOCKER,
        title=title,
        location=Location(path=path, line=line, column=5, commit="c0ffee" * 6 + "beef"),
        secret=SecretRef.of("AWS Access Key", RAW_SECRET),
        remediation="Rotate the key and remove it from history.",
    )


def reflected_origin() -> Finding:
    """A warning from a probe: it has a URL, not a file."""
    return Finding(
        check="probe.cors",
        row=Row.CORS_POLICY,
        rule="reflected-origin",
        severity=Severity.WARNING,
        title="Origin reflected without credentials",
        location=Location(url="https://pr-7.preview.test/api/chat", method="POST"),
    )


def card_of(*findings: Finding, config: Config | None = None) -> Scorecard:
    """A scorecard holding these findings, one check result per check id."""
    by_check: dict[str, list[Finding]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, []).append(finding)
    results = [
        CheckResult(check=check, rows=tuple({f.row for f in found}), findings=tuple(found))
        for check, found in by_check.items()
    ]
    return build_scorecard(results, config or Config())
