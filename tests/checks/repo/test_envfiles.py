"""Committed env files: credentials block, plain files warn, placeholder templates pass."""

from __future__ import annotations

from launchgate.checks.repo.envfiles import check_env_files, parse_assignments
from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.tree import committed_tree
from launchgate.core.findings import Severity, hash_secret
from tests.checks.repo.conftest import MakeRepo

P = load_patterns()
KEY = "demo-model-key-0f3a9c1e7b5d2f48a6c0e9b1d7f3a5c2"


def test_parses_dotenv_lines() -> None:
    text = "# c\nexport A=1\nB = 'two words'\n\nC=\"x\" \nD=e # note\n"
    got = [(a.name, a.value, a.line) for a in parse_assignments(text)]
    assert got == [("A", "1", 2), ("B", "two words", 3), ("C", "x", 5), ("D", "e", 6)]


def test_credential_in_committed_env_file_blocks(make_repo: MakeRepo) -> None:
    root = make_repo({".env.production": f"APP_ENV=production\nMODEL_API_KEY={KEY}\n"})
    [finding] = check_env_files(committed_tree(root), P)
    assert (finding.rule, finding.severity) == ("env-file-credential", Severity.BLOCKER)
    assert (finding.location.path, finding.location.line) == (".env.production", 2)
    assert finding.secret is not None and finding.secret.hashed_secret == hash_secret(KEY)
    assert KEY not in finding.evidence + finding.title + finding.secret.redacted
    assert finding.secret.redacted == f"…({len(KEY)} chars)"


def test_plain_committed_env_file_warns(make_repo: MakeRepo) -> None:
    root = make_repo({".env": "APP_ENV=development\nPORT=8000\n"})
    [finding] = check_env_files(committed_tree(root), P)
    assert (finding.rule, finding.severity) == ("env-file-committed", Severity.WARNING)
    assert finding.evidence == "sets 2 value(s): APP_ENV, PORT"


def test_placeholder_template_passes(make_repo: MakeRepo) -> None:
    template = "MODEL_API_KEY=<your key>\nSESSION_SECRET=changeme\nDATABASE_URL=\nPORT=8000\n"
    root = make_repo({".env.example": template})
    assert check_env_files(committed_tree(root), P) == []


def test_template_with_a_real_credential_blocks(make_repo: MakeRepo) -> None:
    root = make_repo({".env.example": f"MODEL_API_KEY={KEY}\n"})
    assert [f.rule for f in check_env_files(committed_tree(root), P)] == ["env-file-credential"]


def test_untracked_env_file_is_not_reported(make_repo: MakeRepo) -> None:
    root = make_repo({"README.md": "hi"}, untracked={".env": f"MODEL_API_KEY={KEY}\n"})
    assert check_env_files(committed_tree(root), P) == []
