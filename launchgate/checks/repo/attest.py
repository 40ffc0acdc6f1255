"""Attestations: what the team vouches for in ``launchgate.yml``, shown apart from evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

from launchgate.config.schema import Attestation, Config
from launchgate.core.findings import Finding, Severity, make_fingerprint
from launchgate.core.rows import Row

Clock = Callable[[], dt.date]

ITEM_ROWS: Mapping[str, Row] = MappingProxyType(
    {
        "uptime-monitor": Row.MONITORING,
        "on-call-alerts": Row.MONITORING,
        "deploy-pipeline": Row.DEPLOYMENT_CONFIG,
        "rollback-plan": Row.DEPLOYMENT_CONFIG,
        "email-dns-managed": Row.EMAIL_AUTHENTICATION,
    }
)
ITEM_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "uptime-monitor": "An uptime monitor watches the service",
        "on-call-alerts": "Alerts reach an on-call person",
        "deploy-pipeline": "Deploys run from a pipeline outside this repository",
        "rollback-plan": "A rollback plan exists",
        "email-dns-managed": "SPF and DKIM are managed by the mail provider",
    }
)


def attestations_for(config: Config, rows: Iterable[Row]) -> list[Attestation]:
    """The attestations whose item belongs to one of the rows."""
    wanted = set(rows)
    return [entry for entry in config.attest if ITEM_ROWS[entry.item] in wanted]


def is_attested(entries: Iterable[Attestation], item: str) -> bool:
    """Whether an item is attested at all (fresh or not)."""
    return any(entry.item == item for entry in entries)


def attested_finding(check: str, entry: Attestation, today: dt.date, max_age: int) -> Finding:
    """An info finding for a fresh attestation; a warning when it is stale or in the future."""
    age = (today - entry.date).days
    rule, severity, why = "attested", Severity.INFO, ""
    if age > max_age:
        rule, severity = "attestation-stale", Severity.WARNING
        why = f" — {age} days old, more than {max_age}; confirm it again"
    elif age < 0:
        rule, severity, why = "attestation-future", Severity.WARNING, " — dated in the future"
    return Finding(
        check=check,
        row=ITEM_ROWS[entry.item],
        rule=rule,
        severity=severity,
        title=f"{ITEM_TITLES[entry.item]} (attested{why})",
        evidence=attested_note(entry),
        remediation="Re-attest with today's date after checking it still holds." if why else "",
        fingerprint=make_fingerprint(rule, entry.item, entry.owner),
        details=_details(entry, age),
    )


def attested_note(entry: Attestation) -> str:
    """``"on-call-alerts attested by ops@example.com on 2026-11-02"``."""
    return f"{entry.item} attested by {entry.owner} on {entry.date.isoformat()}"


def _details(entry: Attestation, age: int) -> Mapping[str, object]:
    return MappingProxyType(
        {
            "attested": True,
            "item": entry.item,
            "owner": entry.owner,
            "date": entry.date.isoformat(),
            "age_days": age,
            "note": entry.note,
        }
    )


def attested_findings(
    check: str, entries: Iterable[Attestation], today: dt.date, max_age: int
) -> list[Finding]:
    """One finding per attestation, shown apart from verified evidence."""
    return [attested_finding(check, entry, today, max_age) for entry in entries]
