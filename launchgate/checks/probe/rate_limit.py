"""probe.rate_limit: a bounded burst to each `rate_limit` request draws a 429 before it ends."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from launchgate.checks.probe.client import RequestSpec
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession, Sent
from launchgate.config.schema import RateLimitSpec
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.RATE_LIMITING
_FIX = "Throttle this endpoint per user and per IP; answer 429 with Retry-After."


class RateLimitCheck(PreviewCheck):
    """Sends ``burst`` requests (stopping at the first 429) and reports where the limit hit."""

    id = "probe.rate_limit"
    rows: tuple[Row, ...] = (ROW,)
    requires = "rate_limit"

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        sensitive = re.compile(ctx.config.preview.thresholds.sensitive_paths)
        findings: list[Finding] = []
        notes: list[str] = []
        for spec in ctx.config.preview.rate_limit:
            limited = burst(session, spec, ctx.config.preview.concurrency)
            if limited is None:
                findings.append(_unthrottled(session, spec, sensitive))
            else:
                notes.append(_describe(spec, *limited))
        return session.result(self.rows, findings, notes)


def burst(session: ProbeSession, spec: RateLimitSpec,
          concurrency: int) -> tuple[int, Exchange] | None:
    """How many answers had come when the first 429 did, and that exchange; or ``None``."""
    request = RequestSpec.parse(spec.request)
    stop = threading.Event()
    lock = threading.Lock()
    answered: list[Exchange] = []
    hits: list[tuple[int, Exchange]] = []

    def one(_: int) -> None:
        if stop.is_set():
            return
        answer = session.send(request.method, request.target, account=spec.as_, json=spec.body)
        with lock:
            answered.append(answer)
            if answer.status == 429:
                hits.append((len(answered), answer))
                stop.set()

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="burst") as pool:
        list(pool.map(one, range(1, spec.burst + 1)))
    return min(hits, key=lambda hit: hit[0]) if hits else None


def _unthrottled(session: ProbeSession, spec: RateLimitSpec,
                 sensitive: re.Pattern[str]) -> Finding:
    request = RequestSpec.parse(spec.request)
    severity = Severity.BLOCKER if sensitive.search(request.target) else Severity.WARNING
    url = session.client.url(request.target)
    return session.finding(
        Sent(request.method, url, spec.as_), ROW, "no-rate-limit", severity,
        f"{spec.request} is not rate limited", f"{spec.burst} requests, no 429", _FIX,
        match=spec.request,
    )


def _describe(spec: RateLimitSpec, number: int, answer: Exchange) -> str:
    retry = answer.response.headers.get("retry-after")
    after = f", Retry-After: {retry}" if retry else ", no Retry-After header"
    return f"{spec.request}: first 429 was answer {number} of a burst of {spec.burst}{after}"
