"""The working-tree check: uncommitted and untracked files, plain folders, allow comments."""

from __future__ import annotations

from pathlib import Path

from launchgate.checks.secrets.worktree import WorktreeCheck
from tests.checks.secrets.conftest import commit, context, fake, make_repo


def test_untracked_file_found_committed_one_left_to_history(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"committed.env": f"K={fake('gsk_', 52)}\n", ".gitignore": "ignored.env\n"})
    (repo / "new.env").write_text(f"K={fake('gsk_', 52, seed=2)}\n")
    (repo / "ignored.env").write_text(f"K={fake('gsk_', 52, seed=3)}\n")
    (repo / "ok.env").write_text(f"K={fake('gsk_', 52, seed=4)}  # launchgate: allow\n")
    findings = WorktreeCheck().run(context(repo)).findings
    assert [(f.rule, f.location.path, f.location.line) for f in findings] == [
        ("groq-api-key", "new.env", 1)]


def test_plain_folder_is_walked_and_excludes_apply(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text(f"x = 1\nKEY = '{fake('r8_', 37)}'\n")
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "b.py").write_text(f"KEY = '{fake('r8_', 37)}'\n")
    result = WorktreeCheck().run(context(tmp_path, exclude=["fixtures/**"]))
    assert [(f.location.path, f.location.line, f.location.column)
            for f in result.findings] == [("src/a.py", 2, 8)]
    assert "not a git repository" in result.notes[0]


def test_redaction_keeps_a_public_prefix_and_nothing_of_a_password(tmp_path: Path) -> None:
    password, key = fake("", 18, seed=5), fake("sk-proj-", 60)
    db = fake("", 16, seed=6)
    (tmp_path / "app.py").write_text(
        f'DATABASE_PASSWORD = "{password}"\nOPENAI = "{key}"\n'
        f'URL = "postgres://app:{db}@db:5432/app"\n')
    shown = {f.rule: f.evidence for f in WorktreeCheck().run(context(tmp_path)).findings}
    assert shown == {"secret-keyword": "…(18 chars)", "openai-api-key": "sk-p…(68 chars)",
                     "database-url-password": "…(16 chars)"}
