"""Deploy evidence: platform configs and deploying workflows; a timer-only workflow is not one."""

from __future__ import annotations

import pytest

from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.platforms import deploy_evidence
from launchgate.checks.repo.tree import committed_tree
from launchgate.checks.repo.workflows import load_workflows
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()
K8S = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"


def _evidence(make_repo: MakeRepo, files: dict[str, str]) -> list[str]:
    tree = committed_tree(make_repo(files))
    return deploy_evidence(tree, load_workflows(tree, P), P)


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("vercel.json", "{}", "Vercel: vercel.json"),
        ("netlify.toml", "", "Netlify: netlify.toml"),
        ("fly.toml", "app = 'x'", "Fly.io: fly.toml"),
        ("render.yaml", "services: []", "Render: render.yaml"),
        ("railway.json", "{}", "Railway: railway.json"),
        ("deploy/k8s/api.yaml", K8S, "Kubernetes: deploy/k8s/api.yaml"),
        ("infra/main.tf", 'provider "aws" {}', "Terraform: infra/main.tf"),
        (".github/workflows/release.yml", "on: push\njobs:\n  d:\n    steps:\n"
         "      - run: flyctl deploy\n", "workflow: .github/workflows/release.yml"),
    ],
)
def test_finds_deploy_config(make_repo: MakeRepo, path: str, text: str, expected: str) -> None:
    assert _evidence(make_repo, {path: text}) == [expected]


def test_nothing_deploys(make_repo: MakeRepo) -> None:
    files = {
        "config/settings.yaml": "kind: Settings\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n",
        ".github/workflows/nightly.yml": "on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n"
        "  d:\n    steps:\n      - run: ./deploy.sh\n",
    }
    assert _evidence(make_repo, files) == []
