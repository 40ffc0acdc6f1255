"""Committed ``.env`` files: credentials in them block a launch; the files alone warn."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from launchgate.checks.repo.ids import credential_finding, deployment_finding
from launchgate.checks.repo.patterns import RepoPatterns, matches_any
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.values import credential_kind, is_placeholder, unquote
from launchgate.core.findings import Finding, Location, Severity, make_fingerprint

_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$")


@dataclass(frozen=True)
class Assignment:
    """One ``NAME=value`` line of a dotenv-style file."""

    name: str
    value: str
    line: int


def parse_assignments(text: str) -> Iterator[Assignment]:
    """The ``NAME=value`` lines of a dotenv file, comments and blank lines skipped."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        match = _ASSIGNMENT.match(line)
        if match:
            yield Assignment(match.group(1), unquote(match.group(2)), number)


def env_files(tree: CommittedTree, patterns: RepoPatterns) -> list[str]:
    """The committed dotenv files, templates included."""
    return list(tree.matching(patterns.env_names))


def check_env_files(tree: CommittedTree, patterns: RepoPatterns) -> list[Finding]:
    """Findings for every committed dotenv file."""
    findings: list[Finding] = []
    for path in env_files(tree, patterns):
        text = tree.read(path)
        if text is not None:
            findings.extend(_check_one(path, text, patterns))
    return findings


def _check_one(path: str, text: str, patterns: RepoPatterns) -> list[Finding]:
    assignments = list(parse_assignments(text))
    credentials = [_credential(path, a, patterns) for a in assignments]
    found = [f for f in credentials if f is not None]
    if found:
        return found
    if matches_any(path, patterns.env_templates):
        return []
    real = [a.name for a in assignments if not is_placeholder(a.value, patterns)]
    return [_committed(path, real)]


def _credential(path: str, item: Assignment, patterns: RepoPatterns) -> Finding | None:
    kind = credential_kind(item.name, item.value, patterns)
    if kind is None:
        return None
    return credential_finding(
        "env-file-credential",
        f"Committed env file holds a credential in {item.name}",
        Location(path=path, line=item.line),
        item.name,
        kind,
        item.value,
        fix=(
            "Rotate the credential, remove the file from git (git rm --cached) and list it in "
            ".gitignore; keep real values in the platform's or CI's secret store."
        ),
    )


def _committed(path: str, names: list[str]) -> Finding:
    shown = ", ".join(names[:5]) + (" …" if len(names) > 5 else "")
    return deployment_finding(
        rule="env-file-committed",
        severity=Severity.WARNING,
        title="Environment file committed to git",
        location=Location(path=path),
        evidence=f"sets {len(names)} value(s): {shown}" if names else "no values set",
        fingerprint=make_fingerprint("env-file-committed", path, ""),
        remediation=(
            "Commit a template (.env.example with placeholders) instead, and set each "
            "environment's values in its own secret store."
        ),
    )
