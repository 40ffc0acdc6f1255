"""Uptime monitors: monitor-as-code files and scheduled health-check workflows."""

from __future__ import annotations

import pytest

from launchgate.checks.repo.monitors import (
    ScheduledCheck,
    monitors_as_code,
    scheduled_health_checks,
)
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from launchgate.checks.repo.workflows import load_workflows
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("checkly.config.ts", "export default {}", "Checkly"),
        ("monitoring/__checks__/api.check.ts", "new ApiCheck()", "Checkly"),
        ("infra/monitors.tf", 'resource "datadog_synthetics_test" "api" {}',
         "Datadog synthetics (Terraform)"),
        ("infra/uptime.tf", 'resource "betteruptime_monitor" "api" {}',
         "Better Stack (Terraform)"),
        ("infra/uptime.tf", 'resource "uptimerobot_monitor" "api" {}',
         "UptimeRobot (Terraform)"),
        ("infra/sm.tf", 'resource "grafana_synthetic_monitoring_check" "api" {}',
         "Grafana synthetic monitoring (Terraform)"),
        ("infra/p.tf", 'resource "pingdom_check" "api" {}', "Pingdom (Terraform)"),
        (".upptimerc.yml", "sites: []", "Upptime"),
    ],
)
def test_finds_monitor_as_code(make_repo: MakeRepo, path: str, text: str, expected: str) -> None:
    found = monitors_as_code(committed_tree(make_repo({path: text})), P)
    assert [f.split(": ")[0] for f in found] == [expected]


def test_terraform_without_monitors_is_not_one(make_repo: MakeRepo) -> None:
    root = make_repo({"infra/main.tf": 'resource "aws_s3_bucket" "b" {}'})
    assert monitors_as_code(committed_tree(root), P) == []


def _workflow(cron: str, step: str) -> str:
    return (f"on:\n  schedule:\n    - cron: '{cron}'\njobs:\n  h:\n    steps:\n"
            f"      - run: {step}\n")


def _scheduled(make_repo: MakeRepo, text: str, health: str | None) -> list[ScheduledCheck]:
    tree = committed_tree(make_repo({".github/workflows/up.yml": text}))
    return scheduled_health_checks(load_workflows(tree, P), health)


def test_scheduled_health_check(make_repo: MakeRepo) -> None:
    text = _workflow("*/5 * * * *", "curl -f https://app.example.com/ping")
    assert _scheduled(make_repo, text, "/ping") == [ScheduledCheck(".github/workflows/up.yml", 5)]


def test_slow_schedule_is_reported_with_its_gap(make_repo: MakeRepo) -> None:
    text = _workflow("*/30 * * * *", "curl -f https://app.example.com/healthz")
    assert _scheduled(make_repo, text, None)[0].gap_minutes == 30


def test_schedule_without_health_call_is_not_a_monitor(make_repo: MakeRepo) -> None:
    assert _scheduled(make_repo, _workflow("*/5 * * * *", "./cleanup.sh"), "/healthz") == []


def test_unreadable_cron_is_skipped(make_repo: MakeRepo) -> None:
    assert _scheduled(make_repo, _workflow("every 5 minutes", "curl /healthz"), None) == []
