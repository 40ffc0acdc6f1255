"""probe.rate_limit: a 429 inside the burst passes (Retry-After reported); none blocks."""

from __future__ import annotations

import re

from launchgate.checks.probe.rate_limit import RateLimitCheck
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app

BURST = [{"request": "POST /api/chat", "as": "carol", "json": {"message": "hi"}, "burst": 12}]


def test_429_within_the_burst_passes(https, probe):
    result = probe(RateLimitCheck(), url=https(chat_app(rate_limit=5)).url, rate_limit=BURST)
    assert result.findings == ()
    # The server answers the 6th with 429; concurrent answers may overtake one another.
    note = re.fullmatch(r"POST /api/chat: first 429 was answer (\d+) of a burst of 12, "
                        r"Retry-After: 60", result.notes[0])
    assert note and 1 <= int(note.group(1)) <= 6


def test_no_429_on_chat_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"no-rate-limit"}), rate_limit=5))
    [finding] = probe(RateLimitCheck(), url=app.url, rate_limit=BURST).findings
    assert (finding.rule, finding.severity) == ("no-rate-limit", Severity.BLOCKER)
    assert finding.evidence.endswith("12 requests, no 429")
    assert finding.location.url == f"{app.url}/api/chat"
