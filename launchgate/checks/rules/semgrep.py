"""Run semgrep offline on explicit targets with local rules, and read its JSON output."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from launchgate.errors import CheckError

log = logging.getLogger(__name__)

# Explicit targets go on the command line; batches keep it well under the OS limit.
MAX_ARG_CHARS = 100_000
TIMEOUT_S = 600

OFFLINE_ENV = {
    "SEMGREP_ENABLE_VERSION_CHECK": "0",
    "SEMGREP_SEND_METRICS": "off",
}


@dataclass(frozen=True)
class Match:
    """One semgrep result: which rule, where (1-based lines and columns, byte offsets)."""

    rule: str
    path: str
    line: int
    column: int
    end_line: int
    start_offset: int
    end_offset: int


@dataclass(frozen=True)
class SemgrepOutput:
    """The matches of a run, the files semgrep reported errors for, and how many it scanned."""

    matches: tuple[Match, ...]
    problems: tuple[str, ...]
    scanned: int


def semgrep_command() -> list[str]:
    """semgrep installed beside this Python (the pinned one), else the one on PATH."""
    beside = Path(sys.executable).with_name("semgrep")
    if beside.is_file():
        return [str(beside)]
    on_path = shutil.which("semgrep")
    if on_path is None:
        raise CheckError("semgrep is not installed beside launchgate or on PATH")
    return [on_path]


def run_semgrep(root: Path, rule_files: Sequence[Path], targets: Sequence[str]) -> SemgrepOutput:
    """Run every rule on every target (repository-relative paths) in as few calls as fit."""
    matches: list[Match] = []
    problems: list[str] = []
    scanned = 0
    for batch in _batches(targets):
        data = _run_batch(root, rule_files, batch)
        matches.extend(_match(root, raw) for raw in data.get("results", []))
        problems.extend(_problem(err) for err in data.get("errors", []))
        scanned += len(data.get("paths", {}).get("scanned", []))
    return SemgrepOutput(tuple(matches), tuple(p for p in problems if p), scanned)


def _batches(targets: Sequence[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for target in targets:
        if batch and size + len(target) > MAX_ARG_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(target)
        size += len(target) + 1
    if batch:
        yield batch


def _run_batch(root: Path, rule_files: Sequence[Path], batch: list[str]) -> dict[str, Any]:
    command = [*semgrep_command(), "scan", "--json", "--metrics=off", "--disable-version-check",
               "--no-rewrite-rule-ids", "--disable-nosem", "--x-ignore-semgrepignore-files",
               "--max-target-bytes=0", "--quiet"]
    command += [arg for path in rule_files for arg in ("--config", str(path))]
    command += ["--", *batch]
    env = {**os.environ, **OFFLINE_ENV}
    log.debug("semgrep on %d files with %d rule files", len(batch), len(rule_files))
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CheckError(f"semgrep could not run: {type(exc).__name__}") from exc
    return _parse(done)


def _parse(done: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    try:
        data = json.loads(done.stdout)
    except ValueError:
        data = None
    errors = data.get("errors", []) if isinstance(data, dict) else []
    fatal = [e for e in errors if _is_rule_error(e)]
    if fatal:
        raise CheckError(f"semgrep rejected a rule: {_explain(fatal[0])}")
    if not isinstance(data, dict) or done.returncode not in (0, 1):
        raise CheckError(f"semgrep failed (exit {done.returncode}): {_reason(done, errors)}")
    return data


def _reason(done: subprocess.CompletedProcess[bytes], errors: list[Any]) -> str:
    if errors:
        return _explain(errors[0])
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    useful = [line for line in lines if "WARNING" not in line] or ["no output"]
    return useful[-1][:200]


def _explain(error: Mapping[str, Any]) -> str:
    text = str(error.get("message") or error.get("short_msg") or error.get("type", "error"))
    first = text.strip().splitlines()[0] if text.strip() else "error"
    rule = error.get("rule_id")
    return f"{rule}: {first[:200]}" if rule else first[:200]


def _is_rule_error(error: Mapping[str, Any]) -> bool:
    kind = str(error.get("type", ""))
    return "Rule" in kind or kind in ("InvalidRuleSchemaError", "SemgrepError")


def _problem(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "error")
    kind = kind[0] if isinstance(kind, list) and kind else kind
    where = error.get("path") or error.get("rule_id") or ""
    return f"{where}: {kind}".strip(": ")


def _match(root: Path, raw: Mapping[str, Any]) -> Match:
    path = Path(raw["path"])
    rel = path.relative_to(root) if path.is_absolute() else path
    start, end = raw["start"], raw["end"]
    return Match(
        rule=str(raw["check_id"]),
        path=rel.as_posix(),
        line=int(start["line"]),
        column=int(start["col"]),
        end_line=int(end["line"]),
        start_offset=int(start["offset"]),
        end_offset=int(end["offset"]),
    )
