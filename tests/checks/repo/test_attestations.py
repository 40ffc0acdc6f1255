"""``repo.attestations``: other rows' attested items, and no row touched when there are none."""

from __future__ import annotations

from pathlib import Path

from launchgate.checks.repo.attestations import AttestationsCheck
from launchgate.core.rows import Row
from tests.checks.repo.conftest import TODAY, rules, run_check


def test_email_attestation_feeds_the_email_row(tmp_path: Path) -> None:
    config = {"attest": [{"item": "email-dns-managed", "owner": "it", "date": "2026-05-01"},
                         {"item": "rollback-plan", "owner": "cto", "date": "2026-05-01"}]}
    result = run_check(AttestationsCheck(lambda: TODAY), tmp_path, config)
    assert result.rows == (Row.EMAIL_AUTHENTICATION,)
    assert rules(result) == ["attested"]
    assert result.notes == ("email-dns-managed attested by it on 2026-05-01",)


def test_nothing_attested_touches_no_row(tmp_path: Path) -> None:
    result = run_check(AttestationsCheck(lambda: TODAY), tmp_path)
    assert (result.rows, result.findings) == ((), ())
