"""SARIF 2.1.0 for code scanning: stable rule ids, our fingerprints, redacted evidence only."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from launchgate import __version__
from launchgate.core.findings import Finding, Location, Severity
from launchgate.core.scorecard import Scorecard
from launchgate.report.text import finding_line, flatten

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "launchgateFingerprint/v1"
# Code scanning needs a file in the repository for every result; a probe or DNS finding points
# at the configuration that asked for it.
CONFIG_FILE = "launchgate.yml"
LEVELS = {Severity.BLOCKER: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECURITY_SEVERITY = {Severity.BLOCKER: "9.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
_RANK = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}


def rule_id(finding: Finding) -> str:
    """The SARIF rule id: the row and the rule, both stable across runs (``row/rule``)."""
    return f"{finding.row}/{finding.rule}"


def render_sarif(card: Scorecard) -> str:
    """The scorecard's findings as one SARIF run."""
    rules = _rules(card.findings)
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    driver = {
        "name": "launchgate",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
    }
    run = {
        "tool": {"driver": driver},
        "automationDetails": {"id": "launchgate/"},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[rule_id(f)]) for f in card.findings],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rules(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """One rule per id, described by its most severe finding, in order of first appearance."""
    chosen: dict[str, Finding] = {}
    for finding in findings:
        known = chosen.get(rule_id(finding))
        if known is None or _RANK[finding.severity] < _RANK[known.severity]:
            chosen[rule_id(finding)] = finding
    return [_rule(key, finding) for key, finding in chosen.items()]


def _rule(key: str, finding: Finding) -> dict[str, Any]:
    title = flatten(finding.title)
    return {
        "id": key,
        "name": flatten(finding.rule),
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"{finding.row.label}: {title}"},
        "help": {"text": flatten(finding.remediation) or "See the launchgate scorecard."},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {
            "tags": ["security", str(finding.row)],
            "security-severity": SECURITY_SEVERITY[finding.severity],
        },
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": rule_id(finding),
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding_line(finding)},
        "locations": [_location(finding.location)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": _properties(finding),
    }


def _location(where: Location) -> dict[str, Any]:
    """A file and region; findings without a file point at the configuration file."""
    path = (where.path or CONFIG_FILE).replace("\\", "/").removeprefix("./").lstrip("/")
    region: dict[str, int] = {"startLine": max(1, where.line or 1)}
    if where.path and where.line and where.column:
        region["startColumn"] = max(1, where.column)
    physical = {
        "artifactLocation": {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"},
        "region": region,
    }
    return {"physicalLocation": physical}


def _properties(finding: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {"check": finding.check, "row": str(finding.row)}
    props |= {k: flatten(v) for k, v in finding.location.as_dict().items() if k in _EXTRA}
    if finding.evidence:
        props["evidence"] = flatten(finding.evidence)
    if finding.secret is not None:
        props["secretType"] = flatten(finding.secret.type)
        props["hashedSecret"] = finding.secret.hashed_secret
        props["redacted"] = flatten(finding.secret.redacted)
    return props


_EXTRA = ("commit", "url", "method")
