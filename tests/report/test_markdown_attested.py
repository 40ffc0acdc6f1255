"""The markdown scorecard lists attested items apart from verified evidence."""

from __future__ import annotations

import datetime as dt

from launchgate.checks.repo.attest import attested_findings
from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult
from launchgate.core.rows import Row
from launchgate.core.scorecard import build_scorecard
from launchgate.report.markdown import render_markdown

CONFIG = Config.model_validate({"attest": [
    {"item": "on-call-alerts", "owner": "ops", "date": "2026-05-01", "note": "PagerDuty"},
    {"item": "uptime-monitor", "owner": "ops", "date": "2025-01-01"},
]})


def test_attested_section() -> None:
    findings = attested_findings("repo.monitoring", CONFIG.attest, dt.date(2026, 6, 1), 180)
    result = CheckResult("repo.monitoring", (Row.MONITORING,), findings=tuple(findings))
    text = render_markdown(build_scorecard([result], CONFIG))
    section = text.split("### Attested by the team (not verified by launchgate)\n", 1)[1]
    assert section.split("\n\n<sub>")[0] == (
        "\n- Alerts reach an on-call person \\(attested\\) — on-call-alerts attested by ops on "
        "2026-05-01: PagerDuty (Monitoring)\n"
        "- An uptime monitor watches the service \\(attested — 516 days old, more than 180; "
        "confirm it again\\) — uptime-monitor attested by ops on 2025-01-01 (Monitoring)"
    )
    assert "| Monitoring | ⚠️ warn | 0 | 1 |" in text
