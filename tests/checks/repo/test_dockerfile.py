"""Dockerfiles: credential values in ENV/ARG block; run-time secrets and plain settings pass."""

from __future__ import annotations

from launchgate.checks.repo.dockerfile import check_dockerfiles, image_assignments
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()
TOKEN = "demo-admin-token-4c8e2a6f0b9d1e3a7c5f"


def test_reads_env_and_arg_forms() -> None:
    text = 'ENV A=1 B="two"\nARG C=3\nENV LEGACY some value\nARG NODEFAULT\nENV X=1 \\\n    Y=2\n'
    got = [(kw, a.name, a.value, a.line) for kw, a in image_assignments(text)]
    assert got == [
        ("ENV", "A", "1", 1), ("ENV", "B", "two", 1), ("ARG", "C", "3", 2),
        ("ENV", "LEGACY", "some value", 3), ("ENV", "X", "1", 5), ("ENV", "Y", "2", 5),
    ]


def test_baked_credential_blocks(make_repo: MakeRepo) -> None:
    root = make_repo({"docker/api.Dockerfile": f"FROM python\nARG ADMIN_TOKEN={TOKEN}\n"})
    [finding] = check_dockerfiles(committed_tree(root), P)
    assert finding.rule == "dockerfile-secret"
    assert (finding.location.path, finding.location.line) == ("docker/api.Dockerfile", 2)
    assert TOKEN not in finding.evidence


def test_settings_and_runtime_secrets_pass(make_repo: MakeRepo) -> None:
    text = "FROM python\nARG ADMIN_TOKEN\nENV PORT=8000 ADMIN_TOKEN=${ADMIN_TOKEN}\n"
    root = make_repo({"Dockerfile": text})
    assert check_dockerfiles(committed_tree(root), P) == []
