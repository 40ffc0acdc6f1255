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


def log_command(root: Path, revisions: Sequence[str], merges: str = "remerge") -> list[str]:
    """One ``git log -p`` over the given revisions: added lines, no renames, no deletions.

    A merge commit shows what its author changed beyond git's own merge (``remerge``: conflict
    resolutions) or, for stashes, everything against its first parent (``first-parent``).
    """
    return [
        "git", "-C", str(root), "-c", "core.quotePath=false", "log", "-p", "-U0",
        "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--diff-filter=d",
        f"--diff-merges={merges}", f"--format={LOG_FORMAT}", *revisions, "--",
    ]


def stash_revisions(root: Path) -> list[str]:
    """Every stash entry (``W``) and its untracked-files commit, for ``--no-walk``; or none."""
    if not resolves(root, "refs/stash"):
        return []
    listed = git_out(root, "log", "-g", "--format=%H %P", "refs/stash", "--")
    revisions = []
    for line in listed.splitlines():
        commit, *parents = line.split()
        revisions += [commit, *parents[2:3]]
    return revisions


def stream_log(root: Path, revisions: Sequence[str], merges: str = "remerge") -> Iterator[bytes]:
    """The log as chunks that each hold whole commits (a commit header starts with NUL)."""
    try:
        proc = subprocess.Popen(
            log_command(root, revisions, merges), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
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
    blobs = _head_blobs(root, set(paths))
    done = subprocess.run(
        ["git", "-C", str(root), "cat-file", "--batch"],
        input="".join(f"{oid}\n" for oid in blobs.values()).encode(), capture_output=True,
        check=False,
    )
    return dict(zip(blobs, _parse_batch(done.stdout, len(blobs)), strict=True))


def _head_blobs(root: Path, wanted: set[str]) -> dict[str, str]:
    """Path → blob id at HEAD for the wanted paths, from a NUL-separated ``ls-tree``."""
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", "HEAD").stdout
    blobs: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        meta, _, raw_path = entry.partition(b"\t")
        path = raw_path.decode("utf-8", "replace")
        fields = meta.split()
        if path in wanted and fields[1:2] == [b"blob"]:
            blobs[path] = fields[2].decode("ascii")
    return blobs


def _parse_batch(out: bytes, count: int) -> list[bytes]:
    """The contents of ``count`` blobs from ``cat-file --batch`` output (asked for by id)."""
    contents: list[bytes] = []
    at = 0
    for _ in range(count):
        end = out.find(b"\n", at)
        header = out[at:end].split()
        size = int(header[2]) if len(header) == 3 and header[2].isdigit() else -1
        contents.append(out[end + 1 : end + 1 + size] if size >= 0 else b"")
        at = end + 1 + (size + 1 if size >= 0 else 0)
    return contents
