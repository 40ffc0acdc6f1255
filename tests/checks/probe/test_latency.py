"""probe.latency: p95 under the bar passes, over it blocks, with p50/p95/max shown."""

from __future__ import annotations

from launchgate.checks.probe.latency import LatencyCheck, percentile
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app

LATENCY = {"request": "POST /api/chat", "as": "alice", "json": {"message": "hi"}, "count": 6,
           "p95_ms": 150}  # wide of both: loaded CI machines are slow, the slow server is slower


def test_fast_endpoint_passes(https, probe):
    result = probe(LatencyCheck(), url=https(chat_app()).url, latency=LATENCY)
    assert result.findings == ()
    assert result.stats["requests_sent"] == 6
    assert result.notes[0].startswith("p50 ")


def test_slow_endpoint_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"slow-chat"})))
    [finding] = probe(LatencyCheck(), url=app.url, latency=LATENCY).findings
    assert (finding.rule, finding.severity) == ("p95-too-slow", Severity.BLOCKER)
    assert "p50" in finding.evidence and "max" in finding.evidence


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (
        10.0, 19.0, 20.0)
