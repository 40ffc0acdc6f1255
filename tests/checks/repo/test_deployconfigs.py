"""Deploy configuration: literal credentials block; references to secret stores pass."""

from __future__ import annotations

import pytest

from launchgate.checks.repo.deployconfigs import check_deploy_configs, deploy_configs
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from launchgate.core.findings import hash_secret
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()
SECRET = "Zq9Xw8Ve7Ut6Sr5Qp4On"
VERCEL = '{\n  "env": {\n' f'    "AUTH_SECRET": "{SECRET}",\n' '    "A": "b"\n  }\n}\n'
K8S_SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n"


@pytest.mark.parametrize(
    ("path", "text", "line"),
    [
        ("fly.toml", f'[env]\n  SESSION_SECRET = "{SECRET}"\n', 2),
        ("render.yaml", f"services:\n  - envVars:\n      - key: X\n        value: sk-{SECRET}\n",
         4),
        ("infra/prod.tfvars", f'db_password = "{SECRET}"\n', 1),
        ("docker-compose.prod.yml", f"services:\n  api:\n    environment:\n"
         f"      - MODEL_API_KEY={SECRET}\n", 4),
        ("k8s/secret.yaml", K8S_SECRET + f"  apiToken: {SECRET}\n", 6),
        ("vercel.json", VERCEL, 3),
    ],
)
def test_literal_credential_blocks(make_repo: MakeRepo, path: str, text: str, line: int) -> None:
    [finding] = check_deploy_configs(committed_tree(make_repo({path: text})), P)
    assert (finding.rule, finding.location.path, finding.location.line) == (
        "deploy-config-secret", path, line)
    assert finding.secret is not None and SECRET not in finding.evidence
    assert finding.secret.hashed_secret in {hash_secret(SECRET), hash_secret("sk-" + SECRET)}


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("fly.toml", '[env]\n  APP_ENV = "production"\n  # SESSION_SECRET = "set with fly"\n'),
        ("infra/main.tf", 'resource "x" "y" {\n  password = var.db_password\n}\n'),
        ("infra/prod.tfvars", 'db_password_secret_name = "prod/db/password"\n'),
        ("docker-compose.yml", "services:\n  api:\n    environment:\n"
         "      - MODEL_API_KEY=${MODEL_API_KEY}\n"),
        ("k8s/deploy.yaml", "kind: Deployment\nspec:\n  env:\n    - name: API_TOKEN\n"
         "      valueFrom:\n        secretKeyRef: {name: app-secrets, key: api-token}\n"
         "    - name: X\n      secretName: tls-secret-for-app\n"),
    ],
)
def test_references_pass(make_repo: MakeRepo, path: str, text: str) -> None:
    assert check_deploy_configs(committed_tree(make_repo({path: text})), P) == []


def test_lists_deploy_configs_once(make_repo: MakeRepo) -> None:
    root = make_repo({"fly.toml": "", "k8s/s.yaml": K8S_SECRET, "README.md": ""})
    assert deploy_configs(committed_tree(root), P) == ["fly.toml", "k8s/s.yaml"]
