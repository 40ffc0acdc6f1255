"""probe.cors: forged origins must not be reflected, least of all with credentials."""

from __future__ import annotations

from urllib.parse import urlsplit

from launchgate.checks.probe.client import RequestSpec
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession
from launchgate.config.schema import PreviewConfig
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.CORS_POLICY
ATTACKER = "launchgate-attacker.example"
_FIX = "Answer CORS only for an allowlist of exact origins; never echo the Origin header back."


class CorsCheck(PreviewCheck):
    """Sends simple and preflight requests with forged origins to the home page and the API."""

    id = "probe.cors"
    rows: tuple[Row, ...] = (ROW,)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        preview = ctx.config.preview
        origins = forged_origins(preview.url or "")
        reflected: dict[str, list[Exchange]] = {origin: [] for origin in origins}
        for method, path in targets(preview):
            for origin in origins:
                for sent in (_simple(session, method, path, origin),
                             _preflight(session, method, path, origin)):
                    if _reflects(sent, origin):
                        reflected[origin].append(sent)
        findings = [_finding(session, origin, found, 2 * len(targets(preview)))
                    for origin, found in reflected.items() if found]
        notes = [f"{len(origins)} forged origins × {len(targets(preview))} endpoints"]
        return session.result(self.rows, findings, notes)


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


def _reflects(exchange: Exchange, origin: str) -> bool:
    allowed = exchange.response.headers.get("access-control-allow-origin", "").strip()
    return allowed == origin and _is_foreign(origin, exchange.sent.url)


def _with_credentials(exchange: Exchange) -> bool:
    value = str(exchange.response.headers.get("access-control-allow-credentials", ""))
    return value.strip().lower() == "true"


def _finding(session: ProbeSession, origin: str, found: list[Exchange], asked: int) -> Finding:
    """One finding per forged origin, at the first request that showed it, credentials first."""
    found.sort(key=lambda e: not _with_credentials(e))
    first = found[0]
    credentials = _with_credentials(first)
    kind = "preflight" if first.sent.method == "OPTIONS" else "request"
    title = f"CORS allows forged origin {origin}" + (" with credentials" if credentials else "")
    evidence = (f"{kind} answered Access-Control-Allow-Origin: {origin}, Allow-Credentials: "
                f"{'true' if credentials else '-'}; reflected on {len(found)} of {asked} requests")
    return session.finding(
        first.sent, ROW,
        "cors-reflects-origin-credentials" if credentials else "cors-reflects-origin",
        Severity.BLOCKER if credentials else Severity.WARNING, title, evidence, _FIX,
        match=origin)


def _is_foreign(origin: str, url: str) -> bool:
    parts = urlsplit(url)
    return origin != f"{parts.scheme}://{parts.netloc}"
