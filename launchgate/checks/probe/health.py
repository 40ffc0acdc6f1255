"""probe.health: the health endpoint answers 2xx, fast."""

from __future__ import annotations

from launchgate.checks.probe.client import ProbeTimeout
from launchgate.checks.probe.exchange import PreviewCheck, ProbeSession, Sent
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Severity
from launchgate.core.rows import Row

ROW = Row.MONITORING
_FIX = "Serve a cheap health endpoint (no model call, no slow dependency) that answers 2xx fast."


class HealthCheck(PreviewCheck):
    """One GET to ``preview.health``: 2xx within ``thresholds.health_ms``."""

    id = "probe.health"
    rows: tuple[Row, ...] = (ROW,)
    requires = "health"

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        path = ctx.config.preview.health or "/"
        limit_ms = ctx.config.preview.thresholds.health_ms
        sent = Sent("GET", session.client.url(path))
        try:
            answer = session.send("GET", path)
        except ProbeTimeout:
            return session.result(self.rows, [session.finding(
                sent, ROW, "health-timeout", Severity.BLOCKER, "Health endpoint does not answer",
                "timed out", _FIX, match="timeout")])
        took = f"HTTP {answer.status} in {answer.elapsed_ms:.0f} ms"
        if not 200 <= answer.status < 300:
            return session.result(self.rows, [session.finding(
                sent, ROW, "health-not-ok", Severity.BLOCKER, "Health endpoint is not 2xx",
                took, _FIX, match="status")])
        if answer.elapsed_ms > limit_ms:
            return session.result(self.rows, [session.finding(
                sent, ROW, "health-slow", Severity.WARNING,
                f"Health endpoint is slow (over {limit_ms:.0f} ms)", took, _FIX, match="slow")])
        return session.result(self.rows, [], [took])
