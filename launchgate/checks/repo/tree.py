"""The committed files of a repository (``git ls-files``), read from the working tree."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from launchgate.checks.repo.patterns import FileRule, matches_any
from launchgate.errors import CheckError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1_000_000
_GIT_TIMEOUT_S = 60


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=_GIT_TIMEOUT_S
        )
    except FileNotFoundError as exc:
        raise CheckError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise CheckError(f"git {args[0]} took longer than {_GIT_TIMEOUT_S} s") from exc


def is_git_work_tree(root: Path) -> bool:
    """Whether ``root`` is inside a git working tree."""
    done = _git(root, "rev-parse", "--is-inside-work-tree")
    return done.returncode == 0 and done.stdout.strip() == b"true"


@dataclass(frozen=True)
class CommittedTree:
    """The committed paths under ``root`` (minus excluded ones); content comes from disk."""

    root: Path
    paths: tuple[str, ...]

    def matching(self, globs: Iterable[str]) -> Iterator[str]:
        """The committed paths that match one of the globs."""
        patterns = tuple(globs)
        return (p for p in self.paths if matches_any(p, patterns))

    def read(self, path: str) -> str | None:
        """The file's text in the working tree; None when it is gone, too big or unreadable."""
        file = self.root / path
        try:
            if not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
                return None
            return file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            log.debug("cannot read %s: %s", path, exc.strerror)
            return None

    def find(self, rule: FileRule) -> list[str]:
        """The committed paths that match a file rule, content included."""
        found = []
        for path in self.matching(rule.paths):
            text = self.read(path) if rule.contains else ""
            if text is not None and (rule.contains is None or rule.contains.search(text)):
                found.append(path)
        return found


def committed_tree(root: Path, exclude: Iterable[str] = ()) -> CommittedTree:
    """The files git tracks under ``root``, as paths relative to it."""
    done = _git(root, "ls-files", "-z", "--", ".")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CheckError(f"git ls-files failed: {message[0] if message else 'no reason given'}")
    paths = [p.decode("utf-8", "replace") for p in done.stdout.split(b"\0") if p]
    skip = tuple(exclude)
    return CommittedTree(root, tuple(p for p in paths if not matches_any(p, skip)))
