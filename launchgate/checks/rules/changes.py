"""Which lines a pull request touched, so findings elsewhere are reported as existing."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from launchgate.errors import CheckError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class ChangedLines:
    """Lines added or changed since the base commit, per path; paths absent from base are new."""

    lines: Mapping[str, frozenset[int]] = field(default_factory=dict)
    base_paths: frozenset[str] = frozenset()

    def is_new(self, path: str, line: int) -> bool:
        if path not in self.base_paths:
            return True
        return line in self.lines.get(path, frozenset())


def changed_lines(root: Path, base_sha: str) -> ChangedLines:
    """Compare the working tree with ``base_sha``; raises ``CheckError`` if git cannot."""
    _git(root, "cat-file", "-e", f"{base_sha}^{{commit}}")
    base_paths = _git(root, "ls-tree", "-r", "-z", "--name-only", base_sha).split("\0")
    diff = _git(root, "diff", "-U0", "-M", "--no-color", "--no-ext-diff", base_sha, "--")
    renamed = {text[10:] for text in diff.splitlines() if text.startswith("rename to ")}
    return ChangedLines(parse_diff(diff), frozenset(p for p in base_paths if p) | renamed)


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """New-side line numbers of every hunk in a ``-U0`` diff, by path."""
    lines: dict[str, set[int]] = {}
    path: str | None = None
    for text in diff.splitlines():
        if text.startswith("+++ "):
            path = text[6:] if text.startswith("+++ b/") else None
            continue
        hunk = _HUNK.match(text)
        if hunk and path is not None:
            start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            lines.setdefault(path, set()).update(range(start, start + count))
    return {p: frozenset(nums) for p, nums in lines.items()}


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120,
                              check=True)
    except subprocess.CalledProcessError as exc:
        raise CheckError(f"git {args[0]} failed against the pull request's base") from exc
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CheckError(f"git could not run: {type(exc).__name__}") from exc
    return done.stdout.decode("utf-8", "surrogateescape")
