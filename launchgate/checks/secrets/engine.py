"""The shared scanning engine: a fast anchor prefilter, detectors on candidate lines, findings.

Every check hands the engine bytes. The engine lowercases them once, finds the lines holding any
detector's anchor with ``bytes.find`` (much faster than one regex over all text), runs only the
detectors whose anchors are in that line, and remembers the answer for each unique line.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from launchgate.checks.secrets import noise
from launchgate.checks.secrets.detectors import Detector, Hit, all_detectors, shown_chars
from launchgate.core.findings import Finding, Location, SecretRef, Severity
from launchgate.core.rows import Row

LONG_LINE = 4_000
WINDOW_BEFORE, WINDOW_AFTER = 300, 1_200


@dataclass(frozen=True)
class Located:
    """A hit with its place: path, 1-based line and column, and the commit when in history."""

    hit: Hit
    path: str
    line: int
    column: int
    commit: str | None = None
    author_date: str | None = None


class LineScanner:
    """Runs the detectors on candidate lines; each unique line is analysed once."""

    def __init__(self, detectors: Iterable[Detector] | None = None) -> None:
        self.detectors = tuple(detectors if detectors is not None else all_detectors())
        self.anchors = tuple(sorted({a.encode() for d in self.detectors for a in d.anchors}))
        self._cache: dict[tuple[bytes, str], tuple[Hit, ...]] = {}

    def scan_raw(self, raw: bytes, path: str) -> tuple[Hit, ...]:
        """Hits in one line given as bytes (decoded leniently), cached by content and file type."""
        key = (raw, path[path.rfind(".") :] if "." in path else "")
        cached = self._cache.get(key)
        if cached is None:
            cached = tuple(self.scan_line(raw.decode("utf-8", "replace"), path))
            self._cache[key] = cached
        return cached

    def scan_line(self, line: str, path: str) -> list[Hit]:
        """Hits in one line; long lines are cut into windows around each anchor."""
        if noise.is_allowed_line(line):
            return []
        lowered = line.lower()
        chosen = [d for d in self.detectors if any(a in lowered for a in d.anchors)]
        if not chosen:
            return []
        if len(line) <= LONG_LINE:
            return _resolve(_run(chosen, line, path, 0), line)
        hits = [h for start, end in _windows(lowered, chosen) for h in
                _run(chosen, line[start:end], path, start)]
        return _resolve(hits, line)


def _run(detectors: list[Detector], text: str, path: str, offset: int) -> Iterator[Hit]:
    for detector in detectors:
        for hit in detector.find(text, path):
            yield Hit(hit.rule, hit.type, hit.value, hit.start + offset, hit.own)


def _windows(lowered: str, detectors: list[Detector]) -> list[tuple[int, int]]:
    """Spans of a long line around each anchor, merged where they overlap."""
    spans: list[tuple[int, int]] = []
    for anchor in {a for d in detectors for a in d.anchors}:
        at = lowered.find(anchor)
        while at != -1:
            spans.append((max(0, at - WINDOW_BEFORE), at + WINDOW_AFTER))
            at = lowered.find(anchor, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _resolve(hits: Iterable[Hit], line: str) -> list[Hit]:
    """Drop noise and duplicates; a plugin's hit that overlaps one of ours gives way."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: not h.own):
        end = hit.start + len(hit.value)
        if any(k.start < end and hit.start < k.start + len(k.value) for k in kept):
            continue
        if hit.value in {k.value for k in kept} or noise.is_noise(hit, line):
            continue
        kept.append(hit)
    return kept


def candidate_lines(buf: bytes, anchors: Iterable[bytes], added_only: bool) -> list[int]:
    """Start offsets of the lines holding an anchor (in a diff: added lines only), in order."""
    lowered = buf.lower()
    starts: set[int] = set()
    for anchor in anchors:
        at = lowered.find(anchor)
        while at != -1:
            start = buf.rfind(b"\n", 0, at) + 1
            if not added_only or buf[start : start + 1] == b"+":
                starts.add(start)
            end = buf.find(b"\n", at)
            at = -1 if end == -1 else lowered.find(anchor, end)
    return sorted(starts)


def line_at(buf: bytes, start: int) -> bytes:
    """The line starting at ``start``, without its newline."""
    end = buf.find(b"\n", start)
    return buf[start : end if end != -1 else len(buf)]


def scan_text(scanner: LineScanner, buf: bytes, path: str) -> list[Located]:
    """Every hit in a file's bytes, with 1-based line and column."""
    found: list[Located] = []
    for start in candidate_lines(buf, scanner.anchors, added_only=False):
        hits = scanner.scan_raw(line_at(buf, start), path)
        if hits:
            number = buf.count(b"\n", 0, start) + 1
            found.extend(Located(h, path, number, h.start + 1) for h in hits)
    return found


def is_excluded(path: str, patterns: Iterable[str]) -> bool:
    """``secrets.exclude`` globs; ``*`` and ``**`` both cross folders."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def make_finding(
    check: str, found: Located, where: str, remediation: str, details: Mapping[str, object]
) -> Finding:
    """The finding for one located secret; its value goes no further than the ``SecretRef``."""
    secret = SecretRef.of(found.hit.type, found.hit.value, shown_chars(found.hit.rule))
    return Finding(
        check=check,
        row=Row.SECRET_HANDLING,
        rule=found.hit.rule,
        severity=Severity.BLOCKER,
        title=f"{found.hit.type} in {where}",
        location=Location(found.path, found.line, found.column, found.commit),
        evidence=secret.redacted,
        remediation=remediation,
        secret=secret,
        details=MappingProxyType(dict(details)),
    )


def skip_notes(skipped: Counter[str]) -> tuple[str, ...]:
    """``skipped: 2 binary files, 1 LFS pointer`` from a counter, when anything was skipped."""
    parts = [f"{n} {what}" for what, n in sorted(skipped.items()) if n]
    return ("skipped: " + ", ".join(parts),) if parts else ()
