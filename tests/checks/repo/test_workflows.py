"""Workflows: literal tokens and pull_request_target running PR code; their clean forms pass."""

from __future__ import annotations

from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from launchgate.checks.repo.workflows import check_workflows, load_workflows
from launchgate.core.findings import Finding, Severity, hash_secret
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()
KEY = "demo-model-key-9e1b3d5f7a2c4e6b8d0f1a3c5e7b9d2f"
BEARER = "Zq9Xw8Ve7Ut6Sr5Qp4On3Ml2Kj1Ih0Gf"


def _scan(make_repo: MakeRepo, workflow: str) -> list[Finding]:
    root = make_repo({".github/workflows/ci.yml": workflow})
    return check_workflows(load_workflows(committed_tree(root), P), P)


def test_literal_env_token_blocks(make_repo: MakeRepo) -> None:
    flow = f"on: push\njobs:\n  t:\n    env:\n      MODEL_API_KEY: {KEY}\n    steps: []\n"
    [finding] = _scan(make_repo, flow)
    assert (finding.rule, finding.location.line) == ("workflow-literal-secret", 5)
    assert finding.secret is not None and finding.secret.hashed_secret == hash_secret(KEY)


def test_inline_bearer_token_in_run_blocks(make_repo: MakeRepo) -> None:
    flow = (
        "on: push\njobs:\n  t:\n    steps:\n"
        f'      - run: curl -H "Authorization: Bearer {BEARER}" https://api.example.com\n'
    )
    [finding] = _scan(make_repo, flow)
    assert finding.rule == "workflow-literal-secret"
    assert BEARER not in finding.evidence


def test_secrets_references_pass(make_repo: MakeRepo) -> None:
    flow = (
        "on: push\njobs:\n  t:\n    env:\n      MODEL_API_KEY: ${{ secrets.MODEL_API_KEY }}\n"
        "    steps:\n      - run: curl -H \"Authorization: Bearer $TOKEN\" x\n"
        "        env:\n          TOKEN: ${{ secrets.TOKEN }}\n"
        "      - uses: actions/checkout@v4\n        with:\n          token: ${{ github.token }}\n"
    )
    assert _scan(make_repo, flow) == []


PR_TARGET = """on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
"""


def test_pull_request_target_running_pr_code_blocks(make_repo: MakeRepo) -> None:
    [finding] = _scan(make_repo, PR_TARGET + "      - run: npm ci && npm test\n")
    assert (finding.rule, finding.severity) == ("workflow-pr-target-runs-pr-code", Severity.BLOCKER)
    assert finding.location.line == 2


def test_pull_request_target_checkout_only_warns(make_repo: MakeRepo) -> None:
    [finding] = _scan(make_repo, PR_TARGET)
    assert (finding.rule, finding.severity) == ("workflow-pr-target-checkout", Severity.WARNING)


def test_pull_request_target_on_base_code_passes(make_repo: MakeRepo) -> None:
    flow = PR_TARGET.replace("        with:\n          ref: ${{ github.event.pull_request"
                             ".head.sha }}\n", "")
    assert _scan(make_repo, flow + "      - run: ./label.sh\n") == []


def test_pull_request_running_pr_code_passes(make_repo: MakeRepo) -> None:
    flow = PR_TARGET.replace("pull_request_target", "pull_request")
    assert _scan(make_repo, flow + "      - run: npm test\n") == []


def test_unparsable_workflow_still_scanned_for_tokens(make_repo: MakeRepo) -> None:
    flow = f"on: [push\njobs:\n  env:\n    MODEL_API_KEY: {KEY}\n"
    assert [f.rule for f in _scan(make_repo, flow)] == ["workflow-literal-secret"]
