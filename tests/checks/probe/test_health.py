"""probe.health: 2xx within the bar passes; slow warns; not 2xx blocks."""

from __future__ import annotations

from launchgate.checks.probe.health import HealthCheck
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app


def test_fast_health_passes(https, probe):
    result = probe(HealthCheck(), url=https(chat_app()).url, health="/healthz")
    assert result.findings == ()


def test_slow_health_is_flagged(https, probe):
    app = https(chat_app(frozenset({"slow-health"})))
    [finding] = probe(HealthCheck(), url=app.url, health="/healthz",
                      thresholds={"health_ms": 100}).findings
    assert (finding.rule, finding.severity) == ("health-slow", Severity.WARNING)


def test_missing_health_is_a_blocker(https, probe):
    [finding] = probe(HealthCheck(), url=https(chat_app()).url, health="/nope").findings
    assert (finding.rule, finding.severity) == ("health-not-ok", Severity.BLOCKER)


def test_skip_reasons_name_the_missing_key(tmp_path):
    from launchgate.config.schema import Config
    from launchgate.core.check import Context

    def reason(preview: dict[str, str]) -> str | None:
        ctx = Context(root=tmp_path, config=Config.model_validate({"preview": preview}))
        return HealthCheck().needs(ctx)

    assert reason({}) == "no preview.url configured"
    assert reason({"url": "https://127.0.0.1:1"}) == "preview.health not configured"
