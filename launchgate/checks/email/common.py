"""What the SPF, DKIM and DMARC checks share: the domain, tag lists and how findings look."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from launchgate.core.check import Context
from launchgate.core.findings import Family, Finding, Location, Severity
from launchgate.core.rows import Row

ROW = Row.EMAIL_AUTHENTICATION
NO_DOMAIN = "no email.domain configured"
_HOST = re.compile(
    r"^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?\.)+"
    r"(?=[A-Za-z0-9\-]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.?$"
)


def is_hostname(name: str) -> bool:
    """Whether ``name`` is a DNS name with at least two labels and a top-level label."""
    return bool(_HOST.match(name))


class EmailCheck:
    """What every email check shares: its family, its row, and that it needs a domain."""

    id: str
    family = Family.EMAIL
    rows: tuple[Row, ...] = (ROW,)

    def needs(self, ctx: Context) -> str | None:
        """The skip reason when there is no sending domain to check."""
        return None if ctx.config.email.domain else NO_DOMAIN


def domain_of(ctx: Context) -> str:
    """The configured domain, lower-cased, without a trailing dot."""
    return (ctx.config.email.domain or "").strip().rstrip(".").lower()


def quote(record: str) -> str:
    """A TXT record as a zone file would show it."""
    return '"' + record.replace('"', '\\"') + '"'


def published(name: str, records: list[str]) -> str:
    """Evidence: what is published at ``name`` (or that nothing is)."""
    if not records:
        return f"TXT {name}: (no record)"
    return f"TXT {name}: " + " | ".join(quote(r) for r in records)


def publish_instead(name: str, record: str, why: str = "") -> str:
    """Remediation that names the exact record to publish."""
    prefix = f"{why} " if why else ""
    return f"{prefix}Publish at {name}: TXT {quote(record)}"


@dataclass(frozen=True)
class Tags:
    """A ``tag=value; ...`` list (DKIM, DMARC), in order, with the tags that did not parse."""

    values: Mapping[str, str]
    order: tuple[str, ...]
    malformed: tuple[str, ...]
    duplicated: tuple[str, ...]

    def render(self, changes: Mapping[str, str | None]) -> str:
        """The list with ``changes`` applied: a value sets the tag, ``None`` drops it."""
        merged = dict(self.values)
        order = list(self.order)
        for tag, value in changes.items():
            if value is None:
                merged.pop(tag, None)
            elif tag not in merged:
                order.append(tag)
            if value is not None:
                merged[tag] = value
        return "; ".join(f"{t}={merged[t]}" for t in order if t in merged)


def parse_tags(record: str) -> Tags:
    """Split ``v=X; a=b; ...``; tag names are case-insensitive, whitespace is folded away."""
    values: dict[str, str] = {}
    order: list[str] = []
    malformed: list[str] = []
    duplicated: list[str] = []
    for part in (p.strip() for p in record.split(";")):
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if not part:
            continue
        if not sep or not name.replace("_", "a").isalnum():
            malformed.append(part)
        elif name in values:
            duplicated.append(name)
        else:
            values[name] = "".join(value.split())
            order.append(name)
    return Tags(MappingProxyType(values), tuple(order), tuple(malformed), tuple(duplicated))


@dataclass(frozen=True)
class FindingMaker:
    """Builds this check's findings for one DNS name."""

    check: str
    name: str

    def __call__(
        self,
        rule: str,
        severity: Severity,
        title: str,
        evidence: str,
        remediation: str = "",
        at: str | None = None,
    ) -> Finding:
        return Finding(
            check=self.check,
            row=ROW,
            rule=rule,
            severity=severity,
            title=title,
            location=Location(url=at or self.name, method="TXT"),
            evidence=evidence,
            remediation=remediation,
        )
