"""Every built-in rule is data with complete metadata and its own must-catch and must-ignore cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from launchgate.checks.rules.check import SemgrepRulesCheck
from launchgate.checks.rules.ruleset import load_ruleset
from launchgate.core.findings import Severity
from launchgate.errors import CheckError
from launchgate.resources import rules_dir

RULES = load_ruleset([rules_dir()], SemgrepRulesCheck.rows)


def _cases(rule_id: str, kind: str) -> list[str]:
    """Test targets naming ``rule_id`` in a ``ruleid:`` or ``ok:`` annotation."""
    pattern = re.compile(rf"\b{kind}:\s*(?:[\w.\-]+\s*,\s*)*{re.escape(rule_id)}\b")
    return [
        str(path)
        for path in rules_dir().rglob("*")
        if path.is_file() and path.suffix not in (".yaml", ".yml")
        and pattern.search(path.read_text(encoding="utf-8"))
    ]


def test_the_six_families_are_all_there() -> None:
    rows = {info.row for info in RULES.rules.values()}
    assert rows == set(SemgrepRulesCheck.rows)
    assert len(RULES.rules) >= 20


@pytest.mark.parametrize("rule_id", sorted(RULES.rules))
def test_every_rule_has_a_must_catch_and_a_must_ignore_case(rule_id: str) -> None:
    assert _cases(rule_id, "ruleid"), f"{rule_id}: no 'ruleid:' test case"
    assert _cases(rule_id, "ok"), f"{rule_id}: no 'ok:' test case"


@pytest.mark.parametrize("rule_id", sorted(RULES.rules))
def test_every_rule_names_its_row_severity_cwe_and_remedy(rule_id: str) -> None:
    info = RULES.rules[rule_id]
    assert info.severity in (Severity.BLOCKER, Severity.WARNING)
    assert info.cwe.startswith("CWE-")
    assert len(info.remediation) > 30


def test_rules_cover_both_languages_in_every_finding_family() -> None:
    files = [p.name for p in RULES.files]
    for family in ("tool-dispatch-dynamic", "secret-in-log", "cors-credentials-any-origin",
                   "shared-provider-client", "production-branch-config"):
        assert f"{family}-python.yaml" in files and f"{family}-js.yaml" in files


def test_a_team_rule_without_a_row_is_refused(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: WARNING\n"
        "    message: no print\n    pattern: print(...)\n"
    )
    with pytest.raises(CheckError, match="no-print.*metadata.row"):
        load_ruleset([tmp_path], SemgrepRulesCheck.rows)


def test_a_team_rule_for_a_row_the_check_does_not_feed_is_refused(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(
        "rules:\n  - id: slow-loop\n    languages: [python]\n    severity: WARNING\n"
        "    message: m\n    pattern: time.sleep(...)\n"
        "    metadata: {row: performance, severity: warning}\n"
    )
    with pytest.raises(CheckError, match="slow-loop.*performance"):
        load_ruleset([tmp_path], SemgrepRulesCheck.rows)


def test_yaml_test_targets_beside_rules_are_not_taken_for_rules(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text("services:\n  web: {image: app}\n")
    assert load_ruleset([tmp_path], SemgrepRulesCheck.rows).files == ()
