"""probe.validation: broken variants of each `validate` request get 4xx, never 5xx or a trace."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from launchgate.checks.probe.client import ProbeError, ProbeTimeout, RequestSpec
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession, Sent
from launchgate.checks.probe.traces import stack_trace_in
from launchgate.config.schema import RequestSpec as ValidateSpec
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.INPUT_VALIDATION
_FIX = "Validate every input server-side (size, JSON, types, content type) and answer 4xx."
# The start of a Windows executable: what an upload filter must refuse.
_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
_WRONG_TYPE: dict[type, Any] = {str: 12345, int: "not-a-number", float: "not-a-number",
                                bool: "yes", list: {"a": 1}, dict: ["a"], type(None): [1]}


@dataclass(frozen=True)
class Variant:
    """One broken form of a request: what it is, and how to send it."""

    name: str
    content: bytes
    content_type: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    accepted_is_fine: bool = False  # extra fields may be ignored with a 2xx


class ValidationCheck(PreviewCheck):
    """Sends oversized, malformed, mistyped and wrongly typed variants of each request."""

    id = "probe.validation"
    rows: tuple[Row, ...] = (ROW,)
    requires = "validate_"

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        limits = ctx.config.preview.thresholds
        findings: list[Finding] = []
        count = 0
        for spec in ctx.config.preview.validate_:
            _baseline(session, spec)
            for variant in variants(spec.body, limits.body_sizes):
                count += 1
                findings += _try(session, spec, variant, limits.hang_s)
        return session.result(self.rows, findings, [f"{count} broken variants sent"])


def variants(body: Any, sizes: list[int]) -> Iterator[Variant]:
    """Every broken form of ``body`` the probe sends."""
    fields = body if isinstance(body, dict) else {}
    for size in sizes:
        yield Variant(f"{size:,}-byte body", _oversized(fields, size), "application/json")
    yield Variant("invalid JSON", b'{"launchgate": ', "application/json")
    for name, value in fields.items():
        wrong = {**fields, name: _WRONG_TYPE.get(type(value), 12345)}
        yield Variant(f"wrong type for {name}", _json(wrong), "application/json")
        missing = {k: v for k, v in fields.items() if k != name}
        yield Variant(f"missing {name}", _json(missing), "application/json")
    extra = {**fields, "launchgate_extra": "x", "is_admin": True}
    yield Variant("extra fields", _json(extra), "application/json", accepted_is_fine=True)
    yield Variant("wrong Content-Type", _json(body), "text/plain")
    yield Variant("executable upload", b"", "multipart", {"files": {
        "file": ("launchgate-probe.exe", _EXECUTABLE, "application/x-msdownload")}})


def _oversized(fields: Mapping[str, Any], size: int) -> bytes:
    key = next((k for k, v in fields.items() if isinstance(v, str)), "launchgate_padding")
    return _json({**fields, key: "A" * size})


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _baseline(session: ProbeSession, spec: ValidateSpec) -> None:
    """The valid request must work, or the variants prove nothing."""
    request = RequestSpec.parse(spec.request)
    answer = session.send(request.method, request.target, account=spec.as_, json=spec.body)
    if answer.status >= 500:
        raise ProbeError(f"{spec.request}: the valid request itself fails (HTTP {answer.status})")


def _try(session: ProbeSession, spec: ValidateSpec, variant: Variant,
         hang_s: float) -> Iterator[Finding]:
    request = RequestSpec.parse(spec.request)
    headers = {} if variant.content_type == "multipart" else {"Content-Type": variant.content_type}
    sent = Sent(request.method, session.client.url(request.target), spec.as_, headers)
    try:
        answer = session.send(request.method, request.target, account=spec.as_, headers=headers,
                              content=variant.content or None, timeout=hang_s, **variant.extra)
    except ProbeTimeout:
        yield _finding(session, sent, variant, Severity.BLOCKER, "hangs",
                       f"no answer within {hang_s:g} s")
        return
    except ProbeError:
        return  # the server closed the connection on it: a refusal, not a crash
    yield from _judge(session, answer, variant)


def _judge(session: ProbeSession, answer: Exchange, variant: Variant) -> Iterator[Finding]:
    trace = stack_trace_in(answer.text())
    if trace:
        yield _finding(session, answer.sent, variant, Severity.BLOCKER, "leaks a stack trace",
                       f"HTTP {answer.status} with a {trace} in the body")
    elif answer.status >= 500:
        yield _finding(session, answer.sent, variant, Severity.BLOCKER, "crashes the server",
                       f"HTTP {answer.status}")
    elif 200 <= answer.status < 300 and not variant.accepted_is_fine:
        yield _finding(session, answer.sent, variant, Severity.WARNING, "is accepted",
                       f"HTTP {answer.status}")


def _finding(session: ProbeSession, sent: Sent, variant: Variant, severity: Severity,
             what: str, evidence: str) -> Finding:
    return session.finding(
        sent, ROW, f"input-{what.replace(' ', '-')}", severity,
        f"{sent.method} {sent.url}: {variant.name} {what}", f"{variant.name}: {evidence}",
        _FIX, match=variant.name,
    )
