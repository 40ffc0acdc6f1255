"""probe.redirects: http_url goes to HTTPS on the same host first; no code loads over plain HTTP."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.SSL_AND_REDIRECTS
_PERMANENT = frozenset({301, 308})
# src= of a script, href= of a stylesheet link (either attribute order), over plain http.
_INSECURE_ASSETS = (
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(http://[^\"'\s>]+)", re.I),
    re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?stylesheet[^>]*\bhref\s*=\s*[\"']?(http://[^\"'\s>]+)",
               re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(http://[^\"'\s>]+)[^>]*\brel\s*=\s*[\"']?stylesheet",
               re.I),
)


class RedirectsCheck(PreviewCheck):
    """Follows ``http_url`` hop by hop and reads the home page for plain-HTTP scripts and styles."""

    id = "probe.redirects"
    rows: tuple[Row, ...] = (ROW,)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        limit = ctx.config.preview.thresholds.max_redirects
        home = session.follow(session.send("GET", "/"), limit)[-1]
        findings = _mixed_content(session, home)
        notes: list[str] = []
        http_url = ctx.config.preview.http_url
        if http_url:
            findings += _redirect(session, session.follow(session.send("GET", http_url), limit))
        else:
            notes.append("preview.http_url not set: the http → https redirect was not tested")
        return session.result(self.rows, findings, notes)


def _redirect(session: ProbeSession, chain: list[Exchange]) -> list[Finding]:
    first = chain[0]
    if first.status not in (301, 302, 303, 307, 308):
        return [_finding(session, first, Severity.BLOCKER, "no-https-redirect",
                         "HTTP is served without redirecting to HTTPS", f"HTTP {first.status}")]
    target = first.response.headers["location"]
    to = urlsplit(str(first.response.url.join(target)))
    if to.scheme != "https" or to.hostname != urlsplit(first.sent.url).hostname:
        return [_finding(session, first, Severity.BLOCKER, "redirect-not-same-host-https",
                         "HTTP does not redirect to HTTPS on the same host first",
                         f"HTTP {first.status} to {to.geturl()}")]
    if first.status not in _PERMANENT:
        return [_finding(session, first, Severity.WARNING, "redirect-not-permanent",
                         "HTTP → HTTPS redirect is temporary", f"HTTP {first.status}")]
    return []


def _mixed_content(session: ProbeSession, home: Exchange) -> list[Finding]:
    if "html" not in home.response.headers.get("content-type", ""):
        return []
    text = home.text()
    insecure = sorted({m.group(1) for p in _INSECURE_ASSETS for m in p.finditer(text)})
    on_https = home.sent.url.startswith("https://")
    severity = Severity.BLOCKER if on_https else Severity.WARNING
    title = "Mixed content: page loads code over plain HTTP" if on_https else \
        "Page loads scripts or styles over plain HTTP"
    return [
        session.finding(home.sent, ROW, "mixed-content", severity, title, f"loads {url}",
                        "Load every script and stylesheet over HTTPS.", match=url)
        for url in insecure
    ]


def _finding(session: ProbeSession, exchange: Exchange, severity: Severity, rule: str,
             title: str, evidence: str) -> Finding:
    return session.finding(
        exchange.sent, ROW, rule, severity, title, evidence,
        "Answer every plain-HTTP request with a 301 to https:// on the same host.", match=rule,
    )
