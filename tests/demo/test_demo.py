"""`launchgate demo`: the whole gate on the built-in repository and the running example service."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from launchgate.demo.repo import FakeKeys


@dataclass(frozen=True)
class DemoRun:
    """What a user sees from one demo run: exit code, output and the JSON report beside it."""

    code: int
    stdout: str
    stderr: str
    report: dict[str, Any]

    def blockers(self, row: str) -> list[dict[str, Any]]:
        found = self.report["findings"]
        return [f for f in found if f["row"] == row and f["severity"] == "blocker"]


def run_demo(folder: Path, *flags: str) -> DemoRun:
    scorecard = folder / "scorecard.md"
    done = subprocess.run(
        [sys.executable, "-m", "launchgate", "demo", "--output", str(scorecard), *flags],
        capture_output=True,
        text=True,
        timeout=240,
    )
    report_file = scorecard.with_suffix(".json")
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    return DemoRun(done.returncode, done.stdout, done.stderr, report)


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    return run_demo(tmp_path_factory.mktemp("flawed"))


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    return run_demo(tmp_path_factory.mktemp("fixed"), "--fixed")


def test_flawed_demo_fails_with_blockers_where_expected(flawed: DemoRun) -> None:
    assert flawed.code == 1, flawed.stderr
    assert "verdict: fail" in flawed.stdout
    assert len(flawed.report["rows"]) == 14
    for row in ("secret-handling", "security-headers", "cors-policy"):
        assert flawed.blockers(row), f"no blocker in {row}"


def test_flawed_demo_has_evidence_in_every_row(flawed: DemoRun) -> None:
    statuses = {r["id"]: r["status"] for r in flawed.report["rows"]}
    assert statuses.pop("tenant-key-isolation") == "warn"  # a shared key is a warning
    assert set(statuses.values()) == {"fail"}


def test_flawed_demo_finds_the_secret_deleted_from_history(flawed: DemoRun) -> None:
    aws = [f for f in flawed.blockers("secret-handling") if f["rule"] == "aws-access-key"]
    assert aws and aws[0]["location"]["path"] == "scripts/deploy.sh"
    assert aws[0]["location"].get("commit")


def test_demo_never_prints_its_fake_secrets(flawed: DemoRun) -> None:
    keys = FakeKeys.make()
    text = flawed.stdout + flawed.stderr + json.dumps(flawed.report)
    for value in (keys.openai, keys.aws, keys.supabase_service):
        assert value not in text


def test_fixed_demo_passes(fixed: DemoRun) -> None:
    assert fixed.code == 0, fixed.stdout[-3000:] + fixed.stderr[-2000:]
    assert "verdict: pass" in fixed.stdout
    assert fixed.blockers("secret-handling") == []
    assert [f for f in fixed.report["findings"] if f["severity"] == "blocker"] == []
    assert len(fixed.report["rows"]) == 14
    assert {r["status"] for r in fixed.report["rows"]} <= {"pass", "warn"}
    assert "### Attested by the team (not verified by launchgate)" in fixed.stdout
