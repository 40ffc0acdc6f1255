"""Frozen values every check returns: findings, their locations and check results."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from launchgate.core.rows import Row


class Severity(enum.StrEnum):
    """How much a finding weighs: blockers fail the build."""

    BLOCKER = "blocker"
    WARNING = "warning"
    INFO = "info"


class Family(enum.StrEnum):
    """The check families that ``--only`` selects."""

    SECRETS = "secrets"
    RULES = "rules"
    REPO = "repo"
    PROBE = "probe"
    EMAIL = "email"


class Outcome(enum.StrEnum):
    """Whether a check ran, was skipped (with a reason) or could not run (with a reason)."""

    RAN = "ran"
    SKIPPED = "skipped"
    ERROR = "error"


@dataclass(frozen=True)
class Location:
    """Where a finding is: a file position (maybe in a commit) or a request to a URL."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    commit: str | None = None
    url: str | None = None
    method: str | None = None

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form: only the fields that are set."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def describe(self) -> str:
        """A short human form: ``path:line:col`` or ``METHOD url``."""
        if self.url:
            return f"{self.method or 'GET'} {self.url}"
        if not self.path:
            return ""
        text = self.path
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        if self.commit:
            text += f" @ {self.commit[:12]}"
        return text


@dataclass(frozen=True)
class SecretRef:
    """What a report may say about a secret: its type, a redacted form and its SHA-1."""

    type: str
    hashed_secret: str
    redacted: str

    @classmethod
    def of(cls, type_: str, value: str, keep: int = 4) -> SecretRef:
        """``keep`` leading characters are shown: 0 unless they are a public key prefix."""
        return cls(type=type_, hashed_secret=hash_secret(value), redacted=redact(value, keep))


@dataclass(frozen=True)
class Finding:
    """One thing a check found; everything in it is safe to print (evidence is redacted)."""

    check: str
    row: Row
    rule: str
    severity: Severity
    title: str
    location: Location = field(default_factory=Location)
    evidence: str = ""
    remediation: str = ""
    secret: SecretRef | None = None
    fingerprint: str = ""
    details: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not self.fingerprint:
            match = self.secret.hashed_secret if self.secret else self.evidence
            where = self.location.path or self.location.url or ""
            object.__setattr__(self, "fingerprint", make_fingerprint(self.rule, where, match))


@dataclass(frozen=True)
class CheckResult:
    """What one check returns: its findings, or why it was skipped or could not run."""

    check: str
    rows: tuple[Row, ...]
    outcome: Outcome = Outcome.RAN
    findings: tuple[Finding, ...] = ()
    reason: str = ""
    notes: tuple[str, ...] = ()
    stats: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    details: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


def hash_secret(value: str) -> str:
    """SHA-1 hex of a secret's value, as detect-secrets baselines store it."""
    return hashlib.sha1(value.encode("utf-8"), usedforsecurity=False).hexdigest()


def redact(value: str, keep: int = 4) -> str:
    """A printable stand-in for a secret: a few leading characters, never more than a quarter."""
    shown = min(keep, len(value) // 4)
    return value[:shown] + "…" + f"({len(value)} chars)"


def make_fingerprint(rule: str, where: str, match: str) -> str:
    """A stable id for a finding: rule, path and the match's hash, never a commit or a line."""
    digest = hashlib.sha256(f"{rule}\0{where}\0{match}".encode()).hexdigest()
    return digest[:32]
