"""The JSON report: the contract in DESIGN.md, version 1."""

from __future__ import annotations

import json
from typing import Any

from launchgate.core.findings import Finding
from launchgate.core.scorecard import Scorecard

VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding in the report's shape; never holds a secret's value."""
    data: dict[str, Any] = {
        "check": finding.check,
        "row": str(finding.row),
        "rule": finding.rule,
        "severity": str(finding.severity),
        "title": finding.title,
        "location": finding.location.as_dict(),
        "fingerprint": finding.fingerprint,
        "remediation": finding.remediation,
    }
    if finding.evidence:
        data["evidence"] = finding.evidence
    if finding.secret is not None:
        data["secret"] = {
            "type": finding.secret.type,
            "hashed_secret": finding.secret.hashed_secret,
            "redacted": finding.secret.redacted,
        }
    if finding.details:
        data["details"] = dict(finding.details)
    return data


def report_dict(card: Scorecard) -> dict[str, Any]:
    """The whole report as plain data."""
    return {
        "version": VERSION,
        "verdict": card.verdict,
        "fail_on": card.fail_on,
        "crashed": list(card.crashed),
        "summary": {
            "blockers": card.blockers,
            "warnings": card.warnings,
            "errors": card.errors,
            "requests_sent": card.totals.get("requests_sent", 0),
        },
        "rows": [
            {
                "id": str(r.row),
                "title": r.row.label,
                "status": str(r.status),
                "blockers": r.blockers,
                "warnings": r.warnings,
                "notes": list(r.notes),
            }
            for r in card.rows
        ],
        "findings": [finding_dict(f) for f in card.findings],
        "ignored": [finding_dict(f) | {"reason": reason} for f, reason in card.ignored],
        "checks": [
            {
                "id": r.check,
                "outcome": str(r.outcome),
                "reason": r.reason,
                "notes": list(r.notes),
                "stats": dict(r.stats),
                **({"details": dict(r.details)} if r.details else {}),
            }
            for r in card.results
        ],
    }


def render_json(card: Scorecard) -> str:
    """The report as indented JSON text."""
    return json.dumps(report_dict(card), indent=2, sort_keys=False, default=str) + "\n"
