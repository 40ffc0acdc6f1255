"""probe.edge: a CDN header passes; none is a warning."""

from __future__ import annotations

from launchgate.checks.probe.edge import EdgeCheck
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app


def test_cdn_header_passes(https, probe):
    result = probe(EdgeCheck(), url=https(chat_app()).url)
    assert result.findings == ()
    assert "fronted by Generic CDN cache" in result.notes[0]


def test_no_cdn_is_a_warning(https, probe):
    [finding] = probe(EdgeCheck(), url=https(chat_app(frozenset({"no-edge"}))).url).findings
    assert (finding.rule, finding.severity) == ("no-edge-protection", Severity.WARNING)
