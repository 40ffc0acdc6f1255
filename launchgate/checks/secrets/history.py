"""``secrets.history``: every commit's added lines, from one streamed ``git log -p``."""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from launchgate.checks.secrets import git
from launchgate.checks.secrets.baseline import baselined_result
from launchgate.checks.secrets.engine import (
    LineScanner,
    Located,
    candidate_lines,
    is_excluded,
    line_at,
    make_finding,
    skip_notes,
)
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding, Location, Severity
from launchgate.core.rows import Row

log = logging.getLogger(__name__)

_HUNK = re.compile(rb"@@ -\d+(?:,\d+)? \+(\d+)")
_C_ESCAPE = re.compile(rb"\\(?:([0-7]{3})|(.))", re.DOTALL)
_C_ESCAPES = {b"a": b"\a", b"b": b"\b", b"t": b"\t", b"n": b"\n", b"v": b"\v", b"f": b"\f",
              b"r": b"\r"}
FETCH_ALL = (
    "Set `fetch-depth: 0` on the actions/checkout step (or run `git fetch --unshallow`) "
    "so the whole history is scanned."
)


@dataclass
class _Chunk:
    """One block of ``git log -p`` output and the per-file facts looked up in it."""

    buf: bytes
    paths: dict[int, str] = field(default_factory=dict)
    too_big: set[int] = field(default_factory=set)


class HistoryScan:
    """Scans a log stream; keeps the oldest commit that introduced each secret at each path."""

    def __init__(self, exclude: list[str], max_file_bytes: int) -> None:
        self.scanner = LineScanner()
        self.exclude = exclude
        self.max_file_bytes = max_file_bytes
        self.found: dict[tuple[str, str, str], Located] = {}
        self.skipped: Counter[str] = Counter()

    def feed(self, buf: bytes) -> None:
        """Scan one chunk of whole commits."""
        self._count_skips(buf)
        chunk = _Chunk(buf)
        for start in candidate_lines(buf, self.scanner.anchors, added_only=True):
            self._scan_line(chunk, start)

    def _count_skips(self, buf: bytes) -> None:
        self.skipped["binary file versions"] += buf.count(b"\nBinary files ")
        self.skipped["submodule pointers (not entered)"] += buf.count(b"\n+Subproject commit ")
        self.skipped["LFS pointers (objects not in git)"] += buf.count(
            b"\n+version https://git-lfs.github.com/spec/"
        )

    def _scan_line(self, chunk: _Chunk, start: int) -> None:
        raw = line_at(chunk.buf, start)
        diff = chunk.buf.rfind(b"\ndiff --git ", 0, start) + 1
        if chunk.buf.rfind(b"\n@@ ", 0, start) < diff:
            return  # the "+++ b/path" header line, not an added line
        path = self._path(chunk, diff)
        if path is None or is_excluded(path, self.exclude):
            return
        for hit in self.scanner.scan_raw(raw[1:], path):
            commit, date = _commit_of(chunk.buf, start)
            number = _line_number(chunk.buf, start)
            located = Located(hit, path, number, hit.start + 1, commit, date)
            self.found[(hit.rule, path, hit.value)] = located

    def _path(self, chunk: _Chunk, diff: int) -> str | None:
        if diff in chunk.paths:
            return None if diff in chunk.too_big else chunk.paths[diff]
        header_end = chunk.buf.find(b"\n@@ ", diff)
        plus = chunk.buf.find(b"\n+++ ", diff, header_end) + 5
        path = _unquote(line_at(chunk.buf, plus))
        chunk.paths[diff] = path
        following = chunk.buf.find(b"\ndiff --git ", diff)
        size = (following if following != -1 else len(chunk.buf)) - diff
        if size > self.max_file_bytes:
            chunk.too_big.add(diff)
            self.skipped[f"file versions over {self.max_file_bytes} bytes"] += 1
            return None
        return path


def _unquote(raw: bytes) -> str:
    """The path of a ``+++ b/path`` line.

    Git appends a tab to a name holding a space, and C-quotes a name holding a control
    character, a quote or a backslash: ``"b/new\\nline.py"``.
    """
    raw = raw.removesuffix(b"\t")
    if raw.startswith(b'"') and raw.endswith(b'"'):
        raw = _C_ESCAPE.sub(_unescape, raw[1:-1])
    text = raw.decode("utf-8", "replace")
    return text[2:] if text.startswith("b/") else text


def _unescape(match: re.Match[bytes]) -> bytes:
    octal, char = match.group(1), match.group(2)
    return bytes([int(octal, 8)]) if octal else _C_ESCAPES.get(char, char)


def _commit_of(buf: bytes, start: int) -> tuple[str, str]:
    header = buf.rfind(b"\x00", 0, start) + 1
    sha, _, date = line_at(buf, header).decode("ascii", "replace").partition(" ")
    return sha, date


def _line_number(buf: bytes, start: int) -> int:
    """The line's number in the new file: the hunk's start plus the added lines before it."""
    hunk = buf.rfind(b"\n@@ ", 0, start) + 1
    match = _HUNK.match(buf, hunk)
    first = int(match.group(1)) if match else 1
    body = buf.find(b"\n", hunk) + 1
    between = buf.count(b"\n", body, start)
    removed = buf.count(b"\n-", body - 1, start) + buf.count(b"\n\\", body - 1, start)
    return first + between - removed


def _revisions(ctx: Context, notes: list[str], findings: list[Finding]) -> list[str]:
    """``--all``, or ``base..HEAD`` in PR mode when the base is in the clone."""
    if ctx.config.secrets.history != "pr":
        return ["--all"]
    pr = ctx.pull_request
    base = (pr.base_sha or (f"origin/{pr.base_ref}" if pr.base_ref else None)) if pr else None
    if base is None:
        notes.append("history: pr, but not on a pull request: scanned the full history")
        return ["--all"]
    if not git.resolves(ctx.root, base):
        findings.append(_incomplete(f"the pull request's base {base[:12]} is not in the clone"))
        return ["--all"]
    notes.append(f"pull request mode: commits in {base[:12]}..HEAD")
    return [f"{base}..HEAD"]


def _log(root: Path, revisions: list[str]) -> Iterator[bytes]:
    """Stash entries first (full history only), then the revisions, whose commits win ties."""
    stashes = git.stash_revisions(root) if revisions == ["--all"] else []
    if stashes:
        yield from git.stream_log(root, [*stashes, "--no-walk"], "first-parent")
    yield from git.stream_log(root, revisions)


def _incomplete(why: str) -> Finding:
    return Finding(
        check=HistoryCheck.id,
        row=Row.SECRET_HANDLING,
        rule="history-incomplete",
        severity=Severity.WARNING,
        title=f"History not fully scanned: {why}",
        location=Location(),
        evidence=why,
        remediation=FETCH_ALL,
    )


def _remediation(located: Located, present: bool) -> str:
    kind = located.hit.type
    if present:
        return (
            f"Rotate this {kind} now (revoke it, issue a new one), then remove it from "
            f"{located.path} and read it from the environment or a secret store. It is in "
            "the git history too, so deleting the line is not enough."
        )
    return (
        f"Rotate this {kind} now (revoke it, issue a new one). It was deleted in a later "
        "commit but stays in the git history, where anyone with a clone can read it: "
        "deleting it was not enough."
    )


class HistoryCheck:
    """Secrets in every commit reachable from any ref (or, in PR mode, the PR's commits)."""

    id = "secrets.history"
    family = Family.SECRETS
    rows: tuple[Row, ...] = (Row.SECRET_HANDLING,)

    def needs(self, ctx: Context) -> str | None:
        if ctx.config.secrets.history == "skip":
            return "secrets.history is 'skip'"
        if not git.is_repository(ctx.root):
            return "not a git repository: no history to scan"
        return None

    def run(self, ctx: Context) -> CheckResult:
        return baselined_result(self, ctx, self.find(ctx))

    def find(self, ctx: Context) -> tuple[list[Finding], list[str], dict[str, int]]:
        """Every finding (before the baseline), the notes and the counts."""
        findings: list[Finding] = []
        notes: list[str] = []
        if not git.has_commits(ctx.root):
            return findings, ["the repository has no commits yet"], {"commits": 0}
        if git.is_shallow(ctx.root):
            findings.append(_incomplete("this is a shallow clone"))
        revisions = _revisions(ctx, notes, findings)

        began = time.perf_counter()
        scan = HistoryScan(ctx.config.secrets.exclude, ctx.config.secrets.max_file_bytes)
        for chunk in _log(ctx.root, revisions):
            scan.feed(chunk)
        seconds = time.perf_counter() - began
        commits = git.count_commits(ctx.root, revisions)
        log.info("history: %d commits in %.2fs", commits, seconds)

        findings.extend(_findings(ctx, scan))
        notes.append(f"scanned the added lines of {commits} commits")
        notes.extend(skip_notes(scan.skipped))
        stats = {"commits": commits, "secrets": len(scan.found), "ms": round(seconds * 1000)}
        return findings, notes, stats


def _findings(ctx: Context, scan: HistoryScan) -> list[Finding]:
    located = list(scan.found.values())
    heads = git.head_contents(ctx.root, sorted({f.path for f in located}))
    pr_mode = ctx.config.secrets.history == "pr"
    findings = []
    for found in located:
        present = found.hit.value.encode() in heads.get(found.path, b"")
        if pr_mode and present:
            continue  # the working-tree check reports it at HEAD
        details = {"author_date": found.author_date, "still_present": present}
        findings.append(make_finding(HistoryCheck.id, found, "git history",
                                     _remediation(found, present), details))
    return findings
