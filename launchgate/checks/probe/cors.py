"""probe.cors: forged origins must not be reflected, least of all with credentials."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from launchgate.checks.probe.client import RequestSpec
from launchgate.checks.probe.exchange import Exchange, ProbeSession, needs_preview
from launchgate.config.schema import PreviewConfig
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.CORS_POLICY
ATTACKER = "launchgate-attacker.example"
_FIX = "Answer CORS only for an allowlist of exact origins; never echo the Origin header back."


class CorsCheck:
    """Sends simple and preflight requests with forged origins to the home page and the API."""

    id = "probe.cors"
    family = Family.PROBE
    rows: tuple[Row, ...] = (ROW,)

    def needs(self, ctx: Context) -> str | None:
        return needs_preview(ctx)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        preview = ctx.config.preview
        origins = forged_origins(preview.url or "")
        findings: list[Finding] = []
        for method, path in targets(preview):
            for origin in origins:
                findings += _judge(session, _simple(session, method, path, origin), origin)
                findings += _judge(session, _preflight(session, method, path, origin), origin)
        notes = [f"{len(origins)} forged origins × {len(targets(preview))} endpoints"]
        return session.result(self.rows, _unique(findings), notes)


def forged_origins(url: str) -> list[str]:
    """An attacker's site, ``null``, look-alikes of the app's host, and its http:// form."""
    parts = urlsplit(url)
    host = parts.netloc
    return [
        f"https://{ATTACKER}",
        "null",
        f"{parts.scheme}://{host}.{ATTACKER}",  # passes a "starts with the app" test
        f"{parts.scheme}://{ATTACKER.split('.')[0]}{host}",  # passes an "ends with" test
        f"http://{host}" if parts.scheme == "https" else f"http://{ATTACKER}",
    ]


def targets(preview: PreviewConfig) -> list[tuple[str, str]]:
    """The home page and every distinct API request the configuration names."""
    specs = [*preview.protected, *(r.request for r in preview.validate_),
             *(r.request for r in preview.rate_limit)]
    if preview.chat:
        specs.append(preview.chat.request)
    found = [("GET", "/")]
    for text in specs:
        spec = RequestSpec.parse(text)
        if (spec.method, spec.target) not in found and "{" not in spec.target:
            found.append((spec.method, spec.target))
    return found


def _simple(session: ProbeSession, method: str, path: str, origin: str) -> Exchange:
    # The body-less form of the request: enough for the server to answer its CORS headers.
    return session.send(method, path, headers={"Origin": origin})


def _preflight(session: ProbeSession, method: str, path: str, origin: str) -> Exchange:
    headers = {"Origin": origin, "Access-Control-Request-Method": method,
               "Access-Control-Request-Headers": "authorization, content-type"}
    return session.send("OPTIONS", path, headers=headers)


def _judge(session: ProbeSession, exchange: Exchange, origin: str) -> Iterator[Finding]:
    allowed = exchange.response.headers.get("access-control-allow-origin", "")
    credentials = exchange.response.headers.get("access-control-allow-credentials", "")
    with_credentials = credentials.strip().lower() == "true"
    kind = "preflight" if exchange.sent.method == "OPTIONS" else "request"
    if allowed.strip() == origin and _is_foreign(origin, exchange.sent.url):
        severity = Severity.BLOCKER if with_credentials else Severity.WARNING
        rule = "cors-reflects-origin-credentials" if with_credentials else "cors-reflects-origin"
        title = f"CORS {kind} allows forged origin {origin}" + (
            " with credentials" if with_credentials else "")
        evidence = (f"Access-Control-Allow-Origin: {allowed}; "
                    f"Access-Control-Allow-Credentials: {credentials or '-'}")
        yield session.finding(exchange.sent, ROW, rule, severity, title, evidence, _FIX,
                              match=f"{kind} {origin}")


def _is_foreign(origin: str, url: str) -> bool:
    parts = urlsplit(url)
    return origin != f"{parts.scheme}://{parts.netloc}"


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.fingerprint, finding)
    return list(seen.values())
