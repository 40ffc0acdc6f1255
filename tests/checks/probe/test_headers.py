"""probe.headers: CSP, HSTS, frame protection, nosniff, referrer policy, cookie flags."""

from __future__ import annotations

from launchgate.checks.probe.headers import HeadersCheck
from launchgate.core.findings import Severity
from tests.checks.probe.conftest import rules
from tests.checks.probe.servers import chat_app


def test_good_headers_pass(https, probe):
    result = probe(HeadersCheck(), url=https(chat_app()).url)
    assert result.findings == ()


def test_missing_csp_is_a_blocker(https, probe):
    [finding] = probe(HeadersCheck(), url=https(chat_app(frozenset({"no-csp"}))).url).findings
    assert (finding.rule, finding.severity) == ("csp-missing", Severity.BLOCKER)
    assert finding.location.method == "GET"


def test_session_cookie_without_httponly_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"cookie-no-httponly"})))
    [finding] = probe(HeadersCheck(), url=app.url).findings
    assert (finding.rule, finding.title) == ("cookie-not-httponly",
                                             "Session cookie sid lacks HttpOnly")
    assert "abc123" not in finding.evidence  # the cookie's value never reaches a report


def test_short_hsts_is_a_warning(https, probe):
    result = probe(HeadersCheck(), url=https(chat_app()).url,
                   thresholds={"hsts_min_age": 63_072_000})
    assert rules(result) == ["hsts-short"]
