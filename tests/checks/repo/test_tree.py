"""Committed files come from git: untracked and excluded files are not seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.checks.repo.tree import committed_tree, is_git_work_tree
from launchgate.errors import CheckError
from tests.checks.repo.conftest import MakeRepo


def test_lists_committed_files_only(make_repo: MakeRepo) -> None:
    root = make_repo({"a.txt": "a", "sub/b.txt": "b"}, untracked={".env": "X=1"})
    assert committed_tree(root).paths == ("a.txt", "sub/b.txt")


def test_excludes_globs(make_repo: MakeRepo) -> None:
    root = make_repo({"a.txt": "a", "tests/fixtures/.env": "X=1"})
    assert committed_tree(root, ["tests/fixtures/**"]).paths == ("a.txt",)


def test_reads_working_tree_and_skips_deleted_files(make_repo: MakeRepo) -> None:
    root = make_repo({"a.txt": "old", "gone.txt": "x"})
    (root / "a.txt").write_text("new", encoding="utf-8")
    (root / "gone.txt").unlink()
    tree = committed_tree(root)
    assert tree.read("a.txt") == "new"
    assert tree.read("gone.txt") is None


def test_not_a_repository(tmp_path: Path) -> None:
    assert not is_git_work_tree(tmp_path)
    with pytest.raises(CheckError, match="git ls-files failed"):
        committed_tree(tmp_path)
