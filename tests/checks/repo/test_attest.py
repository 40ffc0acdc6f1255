"""Attestations: fresh ones are info, old or future-dated ones warn; all carry who and when."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from launchgate.checks.repo.attest import attestations_for, attested_finding
from launchgate.config.schema import Attestation, Config
from launchgate.core.findings import Severity
from launchgate.core.rows import Row
from tests.checks.repo.conftest import TODAY


def _entry(item: str = "on-call-alerts", date: str = "2026-05-01") -> Attestation:
    return Attestation.model_validate({"item": item, "owner": "ops@example.com", "date": date})


def test_fresh_attestation_is_info_with_details() -> None:
    finding = attested_finding("repo.monitoring", _entry(), TODAY, 180)
    assert (finding.rule, finding.severity, finding.row) == ("attested", Severity.INFO,
                                                             Row.MONITORING)
    assert finding.evidence == "on-call-alerts attested by ops@example.com on 2026-05-01"
    assert dict(finding.details) == {"attested": True, "item": "on-call-alerts",
                                     "owner": "ops@example.com", "date": "2026-05-01",
                                     "age_days": 31, "note": ""}


@pytest.mark.parametrize(
    ("date", "rule"),
    [("2025-12-01", "attestation-stale"), ("2026-07-01", "attestation-future"),
     ("2025-12-03", "attested")],
)
def test_age_decides_severity(date: str, rule: str) -> None:
    finding = attested_finding("repo.monitoring", _entry(date=date), TODAY, 180)
    assert finding.rule == rule
    assert finding.severity is (Severity.INFO if rule == "attested" else Severity.WARNING)


def test_fingerprint_survives_re_attesting() -> None:
    old = attested_finding("c", _entry(date="2026-01-01"), TODAY, 365)
    new = attested_finding("c", _entry(date="2026-05-01"), TODAY, 365)
    assert old.fingerprint == new.fingerprint


def test_attestations_for_rows() -> None:
    config = Config.model_validate({"attest": [
        {"item": "rollback-plan", "owner": "a", "date": "2026-01-01"},
        {"item": "uptime-monitor", "owner": "b", "date": "2026-01-01"},
    ]})
    assert [e.item for e in attestations_for(config, [Row.MONITORING])] == ["uptime-monitor"]


@pytest.mark.parametrize(
    "entry",
    [
        {"item": "uptime-monitor", "owner": "", "date": "2026-01-01"},
        {"item": "a-good-feeling", "owner": "a", "date": "2026-01-01"},
        {"item": "uptime-monitor", "owner": "a", "date": "yesterday"},
        {"item": "uptime-monitor", "owner": "a"},
        {"item": "uptime-monitor", "owner": "a", "date": "2026-01-01", "by": "x"},
    ],
)
def test_bad_attestations_are_config_errors(entry: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Config.model_validate({"attest": [entry]})


def test_yaml_dates_are_accepted() -> None:
    config = Config.model_validate(
        {"attest": [{"item": "uptime-monitor", "owner": "a", "date": dt.date(2026, 1, 2)}]}
    )
    assert config.attest[0].date == dt.date(2026, 1, 2)
