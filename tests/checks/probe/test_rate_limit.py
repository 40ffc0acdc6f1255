"""probe.rate_limit: a 429 inside the burst passes (Retry-After reported); none blocks."""

from __future__ import annotations

from launchgate.checks.probe.rate_limit import RateLimitCheck
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app

BURST = [{"request": "POST /api/chat", "as": "carol", "json": {"message": "hi"}, "burst": 12}]


def test_429_within_the_burst_passes(https, probe):
    result = probe(RateLimitCheck(), url=https(chat_app(rate_limit=5)).url, rate_limit=BURST)
    assert result.findings == ()
    assert "POST /api/chat: 429 at request 6 of 12, Retry-After: 60" in result.notes


def test_no_429_on_chat_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"no-rate-limit"}), rate_limit=5))
    [finding] = probe(RateLimitCheck(), url=app.url, rate_limit=BURST).findings
    assert (finding.rule, finding.severity) == ("no-rate-limit", Severity.BLOCKER)
    assert finding.evidence.endswith("12 requests, no 429")
    assert finding.location.url == f"{app.url}/api/chat"
