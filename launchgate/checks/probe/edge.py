"""probe.edge: whether a CDN or WAF fronts the app, read from its response headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from launchgate.checks.probe.exchange import PreviewCheck, ProbeSession, load_table
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Severity
from launchgate.core.rows import Row

ROW = Row.DEPLOYMENT_CONFIG


@dataclass(frozen=True)
class EdgeSignature:
    """A header (and optionally a pattern on its value) that a CDN or WAF adds."""

    name: str
    header: str
    match: re.Pattern[str] | None


def signatures() -> list[EdgeSignature]:
    """The signatures in ``launchgate/data/probe/edge.yml``."""
    return [
        EdgeSignature(str(r["name"]), str(r["header"]).lower(),
                      re.compile(str(r["match"])) if r.get("match") else None)
        for r in load_table("edge")
    ]


class EdgeCheck(PreviewCheck):
    """Warns when no response header shows a CDN or WAF in front of the preview."""

    id = "probe.edge"
    rows: tuple[Row, ...] = (ROW,)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        home = session.send("GET", "/")
        headers = home.response.headers
        found = sorted({s.name for s in signatures() if s.header in headers
                        and (s.match is None or s.match.search(headers[s.header]))})
        if found:
            return session.result(self.rows, [], [f"fronted by {', '.join(found)}"])
        finding = session.finding(
            home.sent, ROW, "no-edge-protection", Severity.WARNING,
            "No CDN or WAF detected in front of the app",
            "no response header of a known CDN or WAF",
            "Put the app behind a CDN/WAF (DDoS protection, TLS termination, bot rules).",
            match="no-edge",
        )
        return session.result(self.rows, [finding])
