"""``repo.monitoring`` end to end: health declared, monitor verified, attested or missing."""

from __future__ import annotations

from launchgate.checks.repo.monitoring import MonitoringCheck
from launchgate.core.findings import Severity
from tests.checks.repo.conftest import TODAY, MakeRepo, only, rules, run_check

HEALTH = {"preview": {"health": "/healthz"}}
UPTIME = ("on:\n  schedule:\n    - cron: '{cron}'\njobs:\n  h:\n    steps:\n"
          "      - run: curl -f https://app.example.com/healthz\n")


def _uptime(cron: str) -> dict[str, str]:
    return {".github/workflows/uptime.yml": UPTIME.format(cron=cron)}


def test_declared_health_and_scheduled_check_pass(make_repo: MakeRepo) -> None:
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo(_uptime("*/5 * * * *")), HEALTH)
    assert result.findings == ()
    assert result.notes == (
        "health endpoint declared: /healthz",
        "uptime monitor verified: scheduled health check: .github/workflows/uptime.yml "
        "(at most 5 min apart)",
    )


def test_no_monitor_blocks(make_repo: MakeRepo) -> None:
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo({"app.py": ""}), HEALTH)
    finding = only(result, "no-uptime-monitor")
    assert finding.severity is Severity.BLOCKER
    assert finding.evidence == "no monitor-as-code file and no scheduled health-check workflow"


def test_too_slow_schedule_blocks_and_says_why(make_repo: MakeRepo) -> None:
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo(_uptime("*/15 * * * *")), HEALTH)
    finding = only(result, "no-uptime-monitor")
    assert finding.evidence == (
        ".github/workflows/uptime.yml runs up to 15 min apart (needs at most 5 min)"
    )


def test_interval_threshold_is_configurable(make_repo: MakeRepo) -> None:
    config = HEALTH | {"repo": {"monitor_max_interval_minutes": 15}}
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo(_uptime("*/15 * * * *")), config)
    assert result.findings == ()


def test_monitor_as_code_passes(make_repo: MakeRepo) -> None:
    root = make_repo({"checkly.config.ts": "export default {}\n"})
    assert run_check(MonitoringCheck(lambda: TODAY), root, HEALTH).findings == ()


def test_undeclared_health_warns(make_repo: MakeRepo) -> None:
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo(_uptime("*/5 * * * *")))
    assert only(result, "health-endpoint-undeclared").severity is Severity.WARNING


def test_attested_monitor_counts_but_shows_as_attested(make_repo: MakeRepo) -> None:
    config = HEALTH | {"attest": [{"item": "uptime-monitor", "owner": "ops", "date": "2026-05-01",
                                   "note": "Better Stack, managed in its UI"}]}
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo({"app.py": ""}), config)
    finding = only(result, "attested")
    assert finding.severity is Severity.INFO and finding.details["attested"] is True
    assert "uptime-monitor attested by ops on 2026-05-01" in result.notes


def test_stale_attested_monitor_warns_instead_of_blocking(make_repo: MakeRepo) -> None:
    config = HEALTH | {"attest": [{"item": "uptime-monitor", "owner": "ops",
                                   "date": "2025-01-01"}]}
    result = run_check(MonitoringCheck(lambda: TODAY), make_repo({"app.py": ""}), config)
    assert rules(result) == ["attestation-stale"]
