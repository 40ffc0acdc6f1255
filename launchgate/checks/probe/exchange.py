"""A probe check's view of the shared client: its own request count and evidence-ready requests."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

from launchgate.checks.probe.client import (
    TRUNCATED,
    ProbeClient,
    ProbeError,
    TlsSession,
    probe_client,
    redact_headers,
)
from launchgate.core.check import Context
from launchgate.core.findings import (
    CheckResult,
    Family,
    Finding,
    Location,
    SecretRef,
    Severity,
    make_fingerprint,
)
from launchgate.core.rows import Row

NO_PREVIEW = "no preview.url configured"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def needs_preview(ctx: Context) -> str | None:
    """The skip reason every probe check shares."""
    return None if ctx.config.preview.url else NO_PREVIEW


class PreviewCheck:
    """What probe checks share: their family, and being skipped without a preview."""

    family = Family.PROBE
    requires: str | None = None  # a `preview` key the check needs besides the url

    def needs(self, ctx: Context) -> str | None:
        preview = ctx.config.preview
        if not preview.url:
            return NO_PREVIEW
        if self.requires and not getattr(preview, self.requires):
            return f"preview.{self.requires.rstrip('_')} not configured"
        return None


@dataclass(frozen=True)
class Sent:
    """A request as evidence may show it: method, URL, who sent it, non-secret headers."""

    method: str
    url: str
    account: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        who = self.account or "anonymous"
        shown = redact_headers(self.headers)
        extra = "".join(f"; {k}: {v}" for k, v in shown.items() if k.lower() != "content-type")
        return f"{self.method} {self.url} as {who}{extra}"


@dataclass(frozen=True)
class Exchange:
    """One request and its response, with how long it took."""

    sent: Sent
    response: httpx.Response
    elapsed_ms: float

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def truncated(self) -> bool:
        """Whether the body was cut at ``preview.max_response_bytes``."""
        return bool(self.response.extensions.get(TRUNCATED))

    def text(self, limit: int = 200_000) -> str:
        return self.response.content[:limit].decode("utf-8", "replace")


class ProbeSession:
    """Sends a check's requests through the run's client and counts them."""

    def __init__(self, ctx: Context, check: str) -> None:
        self.client: ProbeClient = probe_client(ctx)
        self.preview = ctx.config.preview
        self.check = check
        self.sent = 0

    def send(
        self,
        method: str,
        target: str,
        *,
        account: str | None = None,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> Exchange:
        """One request; raises ``ProbeError`` (or ``ProbeTimeout``) when nothing usable came."""
        sent = Sent(method.upper(), self.client.url(target), account, dict(headers or {}))
        self.sent += 1
        response = self.client.request(
            sent.method, sent.url, account=account, headers=headers, **kwargs
        )
        # httpx times the request itself, so waiting for a free slot is not counted.
        return Exchange(sent, response, response.elapsed.total_seconds() * 1000)

    def follow(self, first: Exchange, limit: int) -> list[Exchange]:
        """``first`` and the redirects after it, on the preview's hosts only; loops raise."""
        chain = [first]
        seen = {first.sent.url}
        while chain[-1].status in _REDIRECTS and "location" in chain[-1].response.headers:
            nxt = str(chain[-1].response.url.join(chain[-1].response.headers["location"]))
            if nxt in seen or len(chain) > limit:
                raise ProbeError(f"{first.sent.url}: redirect loop (via {nxt})")
            if not self.is_preview_host(nxt):
                break
            seen.add(nxt)
            chain.append(self.send("GET", nxt, account=first.sent.account))
        return chain

    def handshake(self, url: str) -> TlsSession:
        """A verified TLS handshake with the preview host."""
        self.sent += 1
        return self.client.tls_handshake(url)

    def legacy_handshake(self, url: str) -> TlsSession | None:
        """A handshake offering only TLS 1.0/1.1; ``None`` when refused."""
        self.sent += 1
        return self.client.legacy_tls_handshake(url)

    def is_preview_host(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")
        return host in self.client.allowed_hosts

    def finding(self, sent: Sent, row: Row, rule: str, severity: Severity, title: str,
                evidence: str, remediation: str, *, match: str = "",
                secret: SecretRef | None = None, line: int | None = None,
                column: int | None = None) -> Finding:
        """A finding located at ``sent``; ``match`` keeps the fingerprint stable across runs."""
        stable = match or secret and secret.hashed_secret or sent.describe()
        return Finding(
            check=self.check, row=row, rule=rule, severity=severity, title=title,
            location=Location(url=sent.url, method=sent.method, line=line, column=column),
            evidence=f"{sent.describe()} → {evidence}", remediation=remediation, secret=secret,
            fingerprint=make_fingerprint(rule, f"{sent.method} {sent.url}", stable),
        )

    def result(self, rows: tuple[Row, ...], findings: Iterable[Finding],
               notes: Iterable[str] = (), more: Mapping[str, int] | None = None) -> CheckResult:
        """The check's result; request counts go in its stats, which vary with timing."""
        stats = {"requests_sent": self.sent, "requests_total": self.client.sent,
                 "request_budget": self.client.max_requests, **(more or {})}
        return CheckResult(check=self.check, rows=rows, findings=tuple(findings),
                           notes=tuple(notes), stats=stats)


@cache
def load_table(name: str) -> tuple[Mapping[str, Any], ...]:
    """A probe data table (``launchgate/data/probe/NAME.yml``): a list of mappings."""
    text = resources.files("launchgate").joinpath("data", "probe", f"{name}.yml").read_text()
    rows = yaml.safe_load(text)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ProbeError(f"launchgate/data/probe/{name}.yml: expected a list of mappings")
    return tuple(rows)


def first_match(patterns: Iterable[tuple[str, re.Pattern[str]]], text: str) -> str | None:
    """The name of the first pattern found in ``text``."""
    return next((name for name, pattern in patterns if pattern.search(text)), None)
