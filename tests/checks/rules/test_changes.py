"""Which lines a pull request touched, from a real repository's diff against the base."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.checks.rules.changes import changed_lines, parse_diff
from launchgate.errors import CheckError
from tests.checks.rules.helpers import commit, make_repo, write_files

DIFF = """diff --git a/app.py b/app.py
--- a/app.py
+++ b/app.py
@@ -3,0 +4,2 @@ def f():
+    a = 1
+    b = 2
@@ -10 +12 @@ def g():
-    old
+    new
@@ -20,3 +21,0 @@ def h():
-    gone
diff --git a/old.py b/old.py
deleted file mode 100644
--- a/old.py
+++ /dev/null
@@ -1 +0,0 @@
-x
"""


def test_parse_diff_keeps_new_side_lines_only() -> None:
    assert parse_diff(DIFF) == {"app.py": frozenset({4, 5, 12})}


def test_lines_the_pull_request_touched(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": "a = 1\nb = 2\nc = 3\n"})
    base = commit(root, "base")
    write_files(root, {"app.py": "a = 1\nb = 20\nc = 3\nd = 4\n", "new.py": "x = 1\n"})
    commit(root, "change")

    changes = changed_lines(root, base)
    assert [changes.is_new("app.py", n) for n in (1, 2, 3, 4)] == [False, True, False, True]
    assert changes.is_new("new.py", 1)


def test_a_renamed_file_keeps_its_old_lines_as_existing(tmp_path: Path) -> None:
    body = "".join(f"line_{n} = {n}\n" for n in range(20))
    root = make_repo(tmp_path / "repo", {"old_name.py": body})
    base = commit(root, "base")
    (root / "old_name.py").rename(root / "new_name.py")
    commit(root, "rename")
    assert not changed_lines(root, base).is_new("new_name.py", 5)


def test_a_base_commit_missing_from_the_clone_is_an_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"app.py": "a = 1\n"})
    with pytest.raises(CheckError, match="base"):
        changed_lines(root, "0" * 40)
