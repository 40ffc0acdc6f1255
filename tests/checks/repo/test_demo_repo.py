"""The demo repository: the flawed tree fails both rows, the fixed tree passes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config.schema import Config
from launchgate.core.findings import Family
from launchgate.core.rows import Row
from launchgate.core.scorecard import Scorecard, Status
from launchgate.demo.repo import copy_demo_files
from launchgate.scan import scan_repository
from tests.checks.repo.conftest import git

# What the demo runner writes into launchgate.yml that these rows read.
DEMO_CONFIG = Config.model_validate({"preview": {"health": "/healthz"}})


def _scan_demo(tmp_path: Path, variant: str) -> Scorecard:
    root = tmp_path / variant
    copy_demo_files(root, fixed=variant == "fixed")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "demo")
    card, crashed = scan_repository(root, DEMO_CONFIG, frozenset({Family.REPO}), {})
    assert not crashed
    return card


def _status(card: Scorecard, row: Row) -> Status:
    return next(r.status for r in card.rows if r.row is row)


def test_flawed_demo_fails_both_rows(tmp_path: Path) -> None:
    card = _scan_demo(tmp_path, "flawed")
    assert _status(card, Row.DEPLOYMENT_CONFIG) is Status.FAIL
    assert _status(card, Row.MONITORING) is Status.FAIL
    assert {f.rule for f in card.findings} >= {
        "env-file-credential", "dockerfile-secret", "workflow-literal-secret",
        "workflow-pr-target-runs-pr-code", "production-test-payment-key",
        "production-nonprod-endpoint", "production-localhost-endpoint",
        "config-shared-across-environments", "no-deploy-config", "no-uptime-monitor",
    }


@pytest.mark.parametrize("row", [Row.DEPLOYMENT_CONFIG, Row.MONITORING])
def test_fixed_demo_passes(tmp_path: Path, row: Row) -> None:
    card = _scan_demo(tmp_path, "fixed")
    assert _status(card, row) is Status.PASS
    assert [f.rule for f in card.findings if f.row is row] == []
