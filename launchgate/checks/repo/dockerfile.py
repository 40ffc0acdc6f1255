"""Secrets baked into images: ``ENV`` and ``ARG`` with credential values in Dockerfiles."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launchgate.checks.repo.envfiles import Assignment
from launchgate.checks.repo.ids import credential_finding
from launchgate.checks.repo.patterns import RepoPatterns
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.values import credential_kind, unquote
from launchgate.core.findings import Finding, Location

_INSTRUCTION = re.compile(r"^\s*(ENV|ARG)\s+(.*)$", re.IGNORECASE)
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S*)")


def instructions(text: str) -> Iterator[tuple[int, str]]:
    """Each instruction with the line it starts on, continuation lines joined."""
    start, parts = 0, list[str]()
    for number, line in enumerate(text.splitlines(), start=1):
        if not parts:
            start = number
        if line.rstrip().endswith("\\"):
            parts.append(line.rstrip()[:-1])
            continue
        parts.append(line)
        yield start, " ".join(parts)
        parts = []
    if parts:
        yield start, " ".join(parts)


def image_assignments(text: str) -> Iterator[tuple[str, Assignment]]:
    """The ``ENV``/``ARG`` settings with a literal value, with their instruction."""
    for line, instruction in instructions(text):
        match = _INSTRUCTION.match(instruction)
        if not match:
            continue
        keyword, rest = match.group(1).upper(), match.group(2).strip()
        pairs = _PAIR.findall(rest)
        if not pairs and keyword == "ENV" and " " in rest:
            pairs = [tuple(rest.split(None, 1))]  # the legacy form: ENV NAME value
        for name, value in pairs:
            yield keyword, Assignment(name, unquote(value), line)


def check_dockerfiles(tree: CommittedTree, patterns: RepoPatterns) -> list[Finding]:
    """A blocker for each credential value an image would carry."""
    findings = []
    for path in tree.matching(patterns.dockerfiles):
        text = tree.read(path)
        for keyword, item in image_assignments(text or ""):
            kind = credential_kind(item.name, item.value, patterns)
            if kind:
                findings.append(_baked(path, keyword, item, kind))
    return findings


def _baked(path: str, keyword: str, item: Assignment, kind: str) -> Finding:
    return credential_finding(
        "dockerfile-secret",
        f"Dockerfile bakes a credential into the image ({keyword} {item.name})",
        Location(path=path, line=item.line),
        f"{keyword} {item.name}",
        kind,
        item.value,
        fix=(
            "Rotate the credential; pass it at run time from the platform's secret store, or "
            "at build time with a build secret (RUN --mount=type=secret), never ENV or ARG."
        ),
    )
