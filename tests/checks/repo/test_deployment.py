"""``repo.deployment`` end to end on small real repositories."""

from __future__ import annotations

from pathlib import Path

from launchgate.checks.repo.deployment import DeploymentCheck
from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import Severity
from launchgate.core.rows import Row
from tests.checks.repo.conftest import TODAY, MakeRepo, only, rules, run_check

FLY = '[env]\n  API_URL = "https://api.example.com"\n'
ATTESTED = {"attest": [{"item": "deploy-pipeline", "owner": "platform-team",
                        "date": "2026-05-20", "note": "Argo CD in the infra repo"}]}


def test_clean_repository_passes_with_deploys_noted(make_repo: MakeRepo) -> None:
    root = make_repo({"fly.toml": FLY, ".env.example": "MODEL_API_KEY=\n"})
    result = run_check(DeploymentCheck(lambda: TODAY), root)
    assert result.findings == ()
    assert result.notes == ("deploys: Fly.io: fly.toml",)
    assert dict(result.stats) == {"files": 2, "env_files": 1, "workflows": 0}


def test_missing_deploy_config_warns(make_repo: MakeRepo) -> None:
    result = run_check(DeploymentCheck(lambda: TODAY), make_repo({"app.py": "print()\n"}))
    finding = only(result, "no-deploy-config")
    assert (finding.severity, finding.row) == (Severity.WARNING, Row.DEPLOYMENT_CONFIG)


def test_attested_deploy_pipeline_replaces_the_warning(make_repo: MakeRepo) -> None:
    root = make_repo({"app.py": "print()\n"})
    result = run_check(DeploymentCheck(lambda: TODAY), root, ATTESTED)
    assert rules(result) == ["attested"]
    assert result.notes == ("deploy-pipeline attested by platform-team on 2026-05-20",)


def test_excluded_fixtures_are_not_scanned(make_repo: MakeRepo) -> None:
    root = make_repo({"fly.toml": FLY, "tests/fixtures/.env": "API_TOKEN=Zq9Xw8Ve7Ut6Sr5Q\n"})
    config = {"repo": {"exclude": ["tests/fixtures/**"]}}
    assert run_check(DeploymentCheck(lambda: TODAY), root, config).findings == ()


def test_skips_outside_git(tmp_path: Path) -> None:
    ctx = Context(root=tmp_path, config=Config())
    assert DeploymentCheck().needs(ctx) == "not a git repository"
