"""The git commands the secrets checks run, with git's failures turned into ours."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

from launchgate.errors import CheckError

LOG_FORMAT = "%x00%H %aI"
READ_BLOCK = 4 << 20


def git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run one git command in ``root``; a missing git is a ``CheckError``."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False
        )
    except OSError as exc:
        raise CheckError(f"cannot run git: {exc.strerror}") from exc


def git_out(root: Path, *args: str) -> str:
    """The stripped output of a git command that must succeed."""
    done = git(root, *args)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CheckError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return done.stdout.decode("utf-8", "replace").strip()


def is_repository(root: Path) -> bool:
    return git(root, "rev-parse", "--git-dir").returncode == 0


def is_shallow(root: Path) -> bool:
    return git_out(root, "rev-parse", "--is-shallow-repository") == "true"


def has_commits(root: Path) -> bool:
    return bool(git_out(root, "for-each-ref", "--count=1")) or resolves(root, "HEAD")


def resolves(root: Path, rev: str) -> bool:
    return git(root, "rev-parse", "--verify", "--quiet", rev + "^{commit}").returncode == 0


def count_commits(root: Path, revisions: Sequence[str]) -> int:
    """How many commits the revisions name (merges and empty commits included)."""
    return int(git_out(root, "rev-list", "--count", *revisions) or 0)


def log_command(root: Path, revisions: Sequence[str]) -> list[str]:
    """One ``git log -p`` over the given revisions: added lines, no renames, no deletions."""
    return [
        "git", "-C", str(root), "-c", "core.quotePath=false", "log", "-p", "-U0",
        "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--diff-filter=d",
        f"--format={LOG_FORMAT}", *revisions, "--",
    ]


def stream_log(root: Path, revisions: Sequence[str]) -> Iterator[bytes]:
    """The log as chunks that each hold whole commits (a commit header starts with NUL)."""
    try:
        proc = subprocess.Popen(
            log_command(root, revisions), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise CheckError(f"cannot run git: {exc.strerror}") from exc
    assert proc.stdout is not None and proc.stderr is not None
    carry = b""
    while block := proc.stdout.read(READ_BLOCK):
        carry += block
        cut = carry.rfind(b"\n\x00") + 1
        if cut > 0:
            yield carry[:cut]
            carry = carry[cut:]
    if carry:
        yield carry
    _finish(proc)


def _finish(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stderr is not None
    error = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    if proc.wait() != 0:
        raise CheckError(f"git log failed: {error[-1] if error else 'no message'}")


def head_contents(root: Path, paths: Sequence[str]) -> dict[str, bytes]:
    """The content at HEAD of each path that exists there (via one ``git cat-file --batch``)."""
    if not paths or not resolves(root, "HEAD"):
        return {}
    request = "".join(f"HEAD:{p}\n" for p in paths).encode()
    done = subprocess.run(
        ["git", "-C", str(root), "cat-file", "--batch"], input=request, capture_output=True,
        check=False,
    )
    return _parse_batch(done.stdout, paths)


def _parse_batch(out: bytes, paths: Sequence[str]) -> dict[str, bytes]:
    contents: dict[str, bytes] = {}
    at = 0
    for path in paths:
        end = out.find(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            contents[path] = out[at : at + size]
            at += size + 1
        elif len(header) == 3:
            at += int(header[2]) + 1
    return contents
