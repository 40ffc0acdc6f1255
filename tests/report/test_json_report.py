"""The JSON report keeps DESIGN.md's contract and never holds a secret's value."""

from __future__ import annotations

import hashlib
import json

from launchgate.config.schema import Config
from launchgate.core.rows import Row
from launchgate.core.scorecard import build_scorecard
from launchgate.report.json_report import render_json
from tests.report.test_markdown import SECRET, sample_results


def test_contract_fields() -> None:
    report = json.loads(render_json(build_scorecard(sample_results(), Config())))
    assert report["version"] == 1 and report["verdict"] == "fail"
    assert [r["id"] for r in report["rows"]] == [str(r) for r in Row]
    assert {r["status"] for r in report["rows"]} <= {"pass", "warn", "fail", "skip", "error"}
    secret_row = next(r for r in report["rows"] if r["id"] == "secret-handling")
    assert (secret_row["status"], secret_row["blockers"]) == ("fail", 1)

    leaked = report["findings"][0]
    assert leaked["check"] == "secrets.history" and leaked["row"] == "secret-handling"
    assert leaked["rule"] == "openai-api-key" and leaked["severity"] == "blocker"
    assert leaked["location"] == {
        "path": "backend/settings.py",
        "line": 3,
        "column": 18,
        "commit": "0123456789abcdef0123",
    }
    assert leaked["secret"]["type"] == "OpenAI API key"
    assert leaked["secret"]["hashed_secret"] == hashlib.sha1(SECRET.encode()).hexdigest()
    assert leaked["fingerprint"] and leaked["remediation"]

    probe = report["findings"][1]
    assert probe["location"] == {"url": "https://x.test/", "method": "GET"}


def test_no_secret_value_in_report() -> None:
    assert SECRET not in render_json(build_scorecard(sample_results(), Config()))
