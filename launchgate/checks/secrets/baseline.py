"""The baseline: secret findings a team has accepted, written by ``launchgate baseline``.

The file holds fingerprints with the rule, path and ``hashed_secret`` they stand for — never a
value — so the scan can honour it and a reviewer can read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from launchgate.core.check import Check, Context
from launchgate.core.findings import CheckResult, Finding
from launchgate.errors import CheckError, UsageError

DEFAULT_BASELINE = ".launchgate-baseline.json"


def baseline_path(ctx: Context) -> Path:
    """``secrets.baseline`` relative to the repository, or the default name."""
    return ctx.root / (ctx.config.secrets.baseline or DEFAULT_BASELINE)


def load_fingerprints(path: Path) -> frozenset[str]:
    """The accepted fingerprints; a missing file is an empty baseline, a broken one an error."""
    if not path.is_file():
        return frozenset()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(str(entry["fingerprint"]) for entry in data["findings"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise CheckError(f"{path.name}: not a launchgate baseline ({type(exc).__name__})") from exc


def drop_baselined(findings: list[Finding], ctx: Context) -> tuple[list[Finding], int]:
    """The findings the baseline does not accept, and how many it did."""
    accepted = load_fingerprints(baseline_path(ctx))
    kept = [f for f in findings if f.fingerprint not in accepted]
    return kept, len(findings) - len(kept)


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file's text: one entry per fingerprint, sorted, so diffs stay small."""
    entries = {
        f.fingerprint: {
            "fingerprint": f.fingerprint,
            "rule": f.rule,
            "path": f.location.path,
            "hashed_secret": f.secret.hashed_secret if f.secret else None,
            "check": f.check,
        }
        for f in findings
        if f.secret is not None
    }
    body = {
        "version": 1,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "findings": [entries[k] for k in sorted(entries)],
    }
    return json.dumps(body, indent=2) + "\n"


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline; returns how many entries it holds."""
    text = render_baseline(findings)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return text.count('"fingerprint":')


def baselined_result(
    check: Check, ctx: Context, found: tuple[list[Finding], list[str], dict[str, int]]
) -> CheckResult:
    """A check's result from its findings, notes and counts, with the baseline applied."""
    findings, notes, stats = found
    kept, baselined = drop_baselined(findings, ctx)
    if baselined:
        notes = [*notes, f"{baselined} finding(s) accepted in the baseline"]
    return CheckResult(check.id, check.rows, findings=tuple(kept), notes=tuple(notes),
                       stats=stats)
