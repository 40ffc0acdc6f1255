"""The files the rules scan: every file of the repository except what ``rules.exclude`` names."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from launchgate.errors import CheckError


@dataclass(frozen=True)
class Targets:
    """Repository-relative POSIX paths to scan, and those ``rules.exclude`` left out."""

    scanned: tuple[str, ...]
    excluded: tuple[str, ...]


def collect_targets(root: Path, exclude: Sequence[str]) -> Targets:
    """Tracked and untracked-but-not-ignored files (all files outside git), minus excludes.

    The repository's ``.semgrepignore`` and semgrep's default skips play no part here.
    """
    scanned: list[str] = []
    excluded: list[str] = []
    for rel in _repository_files(root):
        path = root / rel
        if path.is_symlink() or not path.is_file():
            continue
        (excluded if is_excluded(rel, exclude) else scanned).append(rel)
    return Targets(tuple(scanned), tuple(excluded))


def is_excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a gitignore-style pattern (``vendor/**``, ``*.min.js``) names the path."""
    return any(_pattern_regex(p).match(rel) for p in patterns)


@lru_cache(maxsize=256)
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    body = pattern.strip().rstrip("/")
    anchored = body.startswith("/") or "/" in body
    body = body.lstrip("/")
    out = ""
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif body.startswith("**", i):
            out, i = out + ".*", i + 2
        elif body[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif body[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(body[i]), i + 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{out}(?:/.*)?$")


def _repository_files(root: Path) -> list[str]:
    if not (root / ".git").exists():
        return sorted(
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if ".git" not in p.relative_to(root).parts
        )
    command = ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
               "--exclude-standard"]
    try:
        done = subprocess.run(command, capture_output=True, check=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise CheckError(f"cannot list the repository's files with git: {exc}") from exc
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted(set(name for name in names if name))
