"""probe.cors: forged origins against an allowlist, and against a reflecting server."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from launchgate.checks.probe.cors import CorsCheck, forged_origins
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app


def test_allowlist_passes(https, probe):
    result = probe(CorsCheck(), url=https(chat_app()).url, protected=["GET /api/chats"])
    assert result.findings == ()
    assert result.stats["requests_sent"] == 2 * 2 * len(forged_origins("https://h"))


def test_reflected_origin_with_credentials_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"cors-reflect"})))
    result = probe(CorsCheck(), url=app.url, protected=["GET /api/chats"])
    blockers = {f.title: f for f in result.findings if f.severity is Severity.BLOCKER}
    assert len(blockers) == len(result.findings) == 5
    null = blockers["CORS allows forged origin null with credentials"]
    assert null.evidence.endswith("reflected on 4 of 4 requests")
    assert (null.location.method, null.location.url) == ("GET", app.url + "/")
    assert {f.rule for f in result.findings} == {"cors-reflects-origin-credentials"}


def test_wildcard_on_public_resource_is_not_a_finding(https, probe):
    public = Starlette(routes=[Route("/", lambda r: JSONResponse({"public": True}))],
                       middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])
    assert probe(CorsCheck(), url=https(public).url).findings == ()


def test_origin_tricks_on_the_app_host():
    origins = forged_origins("https://app.example.com")
    assert "https://app.example.com.launchgate-attacker.example" in origins
    assert "https://launchgate-attackerapp.example.com" in origins
    assert "http://app.example.com" in origins
    assert "null" in origins
