"""Environments kept apart: production config, shared files, env files baked into images."""

from __future__ import annotations

from launchgate.checks.repo.environments import (
    check_production_configs,
    check_shared_config,
    environments_named,
    production_configs,
)
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from launchgate.core.findings import Finding, Severity
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()


def _production(make_repo: MakeRepo, files: dict[str, str]) -> list[Finding]:
    return check_production_configs(committed_tree(make_repo(files)), P)


def test_production_config_files_are_recognised(make_repo: MakeRepo) -> None:
    names = [".env.production", "config/production.json", "app.prod.yaml", "k8s/prod/api.yaml",
             "fly.toml", ".env", "config/staging.json", "src/production.py", "productionize.md"]
    root = make_repo({name: "" for name in names})
    assert sorted(production_configs(committed_tree(root), P)) == [
        ".env.production", "app.prod.yaml", "config/production.json", "fly.toml",
        "k8s/prod/api.yaml",
    ]


def test_test_payment_key_in_production_blocks(make_repo: MakeRepo) -> None:
    [finding] = _production(make_repo, {"config/production.json": (
        '{\n  "stripeKey": "sk_test_DemoNotARealKey0000",\n  "paypalMode": "live"\n}\n')})
    assert (finding.rule, finding.location.line) == ("production-test-payment-key", 2)
    assert "sk_test_DemoNotARealKey0000" not in finding.evidence


def test_staging_endpoint_blocks_and_localhost_warns(make_repo: MakeRepo) -> None:
    text = ("API_URL=https://api.staging.example.com/v1\n"
            "REDIS_URL=redis://user:pw123@localhost:6379\n# OLD=https://test.example.com\n")
    staging, local = _production(make_repo, {".env.prod": text})
    assert (staging.rule, staging.severity) == ("production-nonprod-endpoint", Severity.BLOCKER)
    assert staging.evidence == "API_URL: host of https://api.staging.example.com"
    assert (local.rule, local.severity) == ("production-localhost-endpoint", Severity.WARNING)
    assert local.evidence == "REDIS_URL: host of redis://localhost:6379"


def test_clean_production_config_passes(make_repo: MakeRepo) -> None:
    text = '[env]\n  API_URL = "https://api.example.com"\n  STRIPE_MODE = "live"\n'
    assert _production(make_repo, {"fly.toml": text}) == []


def test_non_production_files_may_point_anywhere(make_repo: MakeRepo) -> None:
    assert _production(make_repo, {".env.staging": "API=http://localhost:1\n"}) == []


def test_environments_named() -> None:
    names = ["PROD_DB_URL", "STAGING_DB_URL", "DEV_DB_URL", "PRODUCTION_TOKEN", "APP_NAME"]
    assert environments_named(names, P) == {"PRODUCTION", "STAGING", "DEVELOPMENT"}


def test_one_file_for_several_environments_warns(make_repo: MakeRepo) -> None:
    root = make_repo({".env.example": "PROD_DB_URL=\nSTAGING_DB_URL=\n"})
    [finding] = check_shared_config(committed_tree(root), P)
    assert finding.rule == "config-shared-across-environments"
    assert finding.evidence == "settings for production, staging"


def test_env_file_baked_into_image_warns(make_repo: MakeRepo) -> None:
    root = make_repo({"Dockerfile": "FROM x\nCOPY --chown=app .env.production /app/.env\n"})
    [finding] = check_shared_config(committed_tree(root), P)
    assert (finding.location.path, finding.location.line) == ("Dockerfile", 2)


def test_separate_environments_pass(make_repo: MakeRepo) -> None:
    root = make_repo({".env.example": "DB_URL=\nAPI_URL=\n",
                      "Dockerfile": "FROM x\nCOPY .env.example /app/\nCOPY . .\n"})
    assert check_shared_config(committed_tree(root), P) == []
