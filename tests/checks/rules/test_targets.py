"""What the rules scan: every repository file, minus only what ``rules.exclude`` names."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.checks.rules.targets import collect_targets, is_excluded
from tests.checks.rules.helpers import make_repo, write_files


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("vendor/lib/a.js", "vendor/**"),
        ("vendor/lib/a.js", "vendor"),
        ("web/vendor/a.js", "vendor"),
        ("static/app.min.js", "*.min.js"),
        ("tests/fixtures/keys.py", "tests/fixtures/**"),
        ("src/gen/api.ts", "**/gen/*.ts"),
        ("docs/a.md", "/docs/"),
    ],
)
def test_patterns_that_exclude(path: str, pattern: str) -> None:
    assert is_excluded(path, [pattern])


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("src/vendors.ts", "vendor"),
        ("src/app.js", "*.min.js"),
        ("web/tests/fixtures/a.py", "tests/fixtures/**"),
        ("web/docs/a.md", "/docs/"),
        ("src/gen/deep/api.ts", "src/gen/*.ts"),
    ],
)
def test_patterns_that_do_not_exclude(path: str, pattern: str) -> None:
    assert not is_excluded(path, [pattern])


def test_the_repository_cannot_hide_files_with_its_own_ignore_files(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {
        ".semgrepignore": "backend/\ntests/\n",
        "backend/app.py": "x = 1\n",
        "tests/test_app.py": "x = 1\n",
        "node_modules/lib/index.js": "x = 1\n",
        "vendor/lib.js": "x = 1\n",
    })
    targets = collect_targets(root, ["vendor/**"])
    assert "backend/app.py" in targets.scanned
    assert "tests/test_app.py" in targets.scanned
    assert "node_modules/lib/index.js" in targets.scanned
    assert targets.excluded == ("vendor/lib.js",)


def test_untracked_files_count_but_gitignored_build_output_does_not(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {".gitignore": "dist/\n", "app.py": "x = 1\n"})
    write_files(root, {"new.py": "x = 2\n", "dist/bundle.js": "x = 3\n"})
    assert set(collect_targets(root, []).scanned) == {".gitignore", "app.py", "new.py"}


def test_a_folder_outside_git_is_walked_whole(tmp_path: Path) -> None:
    write_files(tmp_path, {"a/b.py": "x = 1\n", "tests/c.py": "x = 1\n"})
    assert collect_targets(tmp_path, []).scanned == ("a/b.py", "tests/c.py")
