"""``secrets.worktree``: files in the working tree that the history scan does not cover."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from launchgate.checks.secrets import git
from launchgate.checks.secrets.baseline import baselined_result
from launchgate.checks.secrets.engine import (
    LineScanner,
    Located,
    is_excluded,
    make_finding,
    scan_text,
    skip_notes,
)
from launchgate.checks.secrets.files import read_scannable, walk
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding
from launchgate.core.rows import Row
from launchgate.resources import OWN_OUTPUTS

REMEDIATION = (
    "Remove it from the file and read it from the environment or a secret store; if it was "
    "ever committed, pushed or shared, rotate it (revoke it, issue a new one)."
)


def _split(out: bytes) -> list[str]:
    return [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]


def _git_files(root: Path, covered_by_history: bool) -> list[str]:
    """Tracked and untracked, not ignored; without the files committed unchanged at HEAD."""
    listed = _split(git.git(root, "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard").stdout)
    if not covered_by_history or not git.resolves(root, "HEAD"):
        return listed
    changed = set(_split(git.git(root, "diff", "--name-only", "-z", "HEAD").stdout))
    untracked = set(_split(git.git(root, "ls-files", "-z", "--others",
                                   "--exclude-standard").stdout))
    return [p for p in listed if p in changed or p in untracked]


def worktree_files(ctx: Context) -> tuple[list[str], str]:
    """The files to scan and a note on which ones those are."""
    if not git.is_repository(ctx.root):
        skip = frozenset(ctx.config.secrets.bundles)
        return list(walk(ctx.root, skip)), "not a git repository: every file"
    full = ctx.config.secrets.history == "full"
    files = _git_files(ctx.root, full)
    if full:
        return files, "uncommitted and untracked files (committed ones: see history)"
    return files, "every tracked and untracked file"


def _is_bundle(path: str, bundles: list[str]) -> bool:
    return any(path == b.strip("/") or path.startswith(b.strip("/") + "/") for b in bundles)


class WorktreeCheck:
    """Secrets in the files on disk: uncommitted edits, untracked files, or all of them."""

    id = "secrets.worktree"
    family = Family.SECRETS
    rows: tuple[Row, ...] = (Row.SECRET_HANDLING,)

    def needs(self, ctx: Context) -> str | None:
        return None

    def run(self, ctx: Context) -> CheckResult:
        return baselined_result(self, ctx, self.find(ctx))

    def find(self, ctx: Context) -> tuple[list[Finding], list[str], dict[str, int]]:
        """Every finding (before the baseline), the notes and the counts."""
        paths, note = worktree_files(ctx)
        secrets = ctx.config.secrets
        paths = [p for p in paths if not _is_bundle(p, secrets.bundles)
                 and not is_excluded(p, [*secrets.exclude, *OWN_OUTPUTS])]
        scanner, skipped = LineScanner(), Counter[str]()
        located: list[Located] = []
        for rel in paths:
            data = read_scannable(ctx.root / rel, secrets.max_file_bytes, skipped)
            if data is not None:
                located.extend(scan_text(scanner, data, rel))
        findings = [make_finding(self.id, f, "the working tree", REMEDIATION,
                                 {"still_present": True}) for f in located]
        notes = [f"scanned {len(paths)} files: {note}", *skip_notes(skipped)]
        return findings, notes, {"files": len(paths)}
