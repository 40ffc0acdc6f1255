"""The repository checks' ids, and the one way their deployment findings are made."""

from __future__ import annotations

from typing import Any

from launchgate.core.findings import Finding, Severity
from launchgate.core.rows import Row

DEPLOYMENT_CHECK = "repo.deployment"
MONITORING_CHECK = "repo.monitoring"
ATTESTATIONS_CHECK = "repo.attestations"


def deployment_finding(rule: str, severity: Severity, title: str, **fields: Any) -> Finding:
    """A finding of ``repo.deployment`` on the Deployment config row."""
    return Finding(
        check=DEPLOYMENT_CHECK,
        row=Row.DEPLOYMENT_CONFIG,
        rule=rule,
        severity=severity,
        title=title,
        **fields,
    )
