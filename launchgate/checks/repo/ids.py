"""The repository checks' ids, and the one way each makes its findings."""

from __future__ import annotations

from typing import Any

from launchgate.checks.repo.values import BY_NAME_ONLY
from launchgate.core.findings import Finding, Location, SecretRef, Severity
from launchgate.core.rows import Row

DEPLOYMENT_CHECK = "repo.deployment"
MONITORING_CHECK = "repo.monitoring"
ATTESTATIONS_CHECK = "repo.attestations"


def deployment_finding(rule: str, severity: Severity, title: str, **fields: Any) -> Finding:
    """A finding of ``repo.deployment`` on the Deployment config row."""
    return Finding(DEPLOYMENT_CHECK, Row.DEPLOYMENT_CONFIG, rule, severity, title, **fields)


def monitoring_finding(rule: str, severity: Severity, title: str, **fields: Any) -> Finding:
    """A finding of ``repo.monitoring`` on the Monitoring row."""
    return Finding(MONITORING_CHECK, Row.MONITORING, rule, severity, title, **fields)


def credential_finding(
    rule: str, title: str, where: Location, label: str, kind: str, value: str, fix: str
) -> Finding:
    """A blocker for a credential value: the report holds its kind, hash and redacted form only."""
    return deployment_finding(
        rule,
        Severity.BLOCKER,
        title,
        location=where,
        evidence=f"{label} = <{kind}, redacted>",
        secret=SecretRef.of(kind, value, keep=0 if kind == BY_NAME_ONLY else 4),
        remediation=fix,
    )
