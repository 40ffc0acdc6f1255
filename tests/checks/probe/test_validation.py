"""probe.validation: broken variants get 4xx; a trace or a hang is a blocker."""

from __future__ import annotations

from launchgate.checks.probe.validation import ValidationCheck, variants
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app

VALIDATE = [{"request": "POST /api/chat", "as": "alice", "json": {"message": "hi"}}]


def test_every_variant_refused_passes(https, probe):
    result = probe(ValidationCheck(), url=https(chat_app()).url, validate=VALIDATE)
    assert result.findings == ()
    assert "8 broken variants sent" in result.notes
    assert result.stats["requests_sent"] == 9  # and the valid request first


def test_variants_cover_the_issue():
    names = [v.name for v in variants({"message": "hi"}, [1_000_000, 10_000_000])]
    assert names == ["1,000,000-byte body", "10,000,000-byte body", "invalid JSON",
                     "wrong type for message", "missing message", "extra fields",
                     "wrong Content-Type", "executable upload"]
    big = next(v for v in variants({"message": "hi"}, [10_000_000]))
    assert len(big.content) > 10_000_000


def test_stack_trace_on_invalid_json_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"trace-on-bad-json"})))
    [finding] = probe(ValidationCheck(), url=app.url, validate=VALIDATE).findings
    assert (finding.rule, finding.severity) == ("input-leaks-a-stack-trace", Severity.BLOCKER)
    assert "invalid JSON: HTTP 500 with a Python traceback" in finding.evidence


def test_hang_on_wrong_type_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"hang-on-wrong-type"})))
    result = probe(ValidationCheck(), url=app.url, validate=VALIDATE,
                   thresholds={"hang_s": 0.5})
    assert [(f.rule, f.title.split(": ")[1]) for f in result.findings] == [
        ("input-hangs", "wrong type for message hangs")]
