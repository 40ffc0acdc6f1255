"""probe.latency: p50/p95/max of the `latency` request at low concurrency, p95 vs the bar."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

from launchgate.checks.probe.client import RequestSpec
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession, Sent
from launchgate.config.schema import LatencySpec
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.PERFORMANCE
_FIX = "Find where the time goes (model call, database, cold start) and bring p95 under the bar."


class LatencyCheck(PreviewCheck):
    """Times ``count`` requests sent ``concurrency`` at a time."""

    id = "probe.latency"
    rows: tuple[Row, ...] = (ROW,)
    requires = "latency"

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        spec = ctx.config.preview.latency
        assert spec is not None  # needs() said so
        answers = _measure(session, spec)
        times = sorted(a.elapsed_ms for a in answers)
        p50, p95, worst = percentile(times, 50), percentile(times, 95), times[-1]
        summary = f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {worst:.0f} ms over {len(times)}"
        findings = _judge(session, spec, answers, p95, summary)
        stats = {"p50_ms": round(p50), "p95_ms": round(p95), "max_ms": round(worst)}
        return session.result(self.rows, findings, [summary], stats)


def percentile(sorted_values: list[float], pct: float) -> float:
    """The nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _measure(session: ProbeSession, spec: LatencySpec) -> list[Exchange]:
    request = RequestSpec.parse(spec.request)

    def one(_: int) -> Exchange:
        return session.send(request.method, request.target, account=spec.as_, json=spec.body)

    with ThreadPoolExecutor(max_workers=spec.concurrency, thread_name_prefix="latency") as pool:
        return list(pool.map(one, range(spec.count)))


def _judge(session: ProbeSession, spec: LatencySpec, answers: list[Exchange], p95: float,
           summary: str) -> list[Finding]:
    request = RequestSpec.parse(spec.request)
    sent = Sent(request.method, session.client.url(request.target), spec.as_)
    findings = []
    if p95 > spec.p95_ms:
        findings.append(session.finding(
            sent, ROW, "p95-too-slow", Severity.BLOCKER,
            f"{spec.request}: p95 {p95:.0f} ms is over {spec.p95_ms:.0f} ms", summary, _FIX,
            match="p95"))
    failed = sum(1 for a in answers if not 200 <= a.status < 300)
    if failed:
        findings.append(session.finding(
            sent, ROW, "latency-errors", Severity.WARNING,
            f"{spec.request}: {failed} of {len(answers)} timed requests were not 2xx",
            summary, "Timings of failed requests say little; fix the failures first.",
            match="errors"))
    return findings
