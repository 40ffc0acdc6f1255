"""The ``rules.semgrep`` check end to end: real semgrep, real git, small repositories."""

from __future__ import annotations

import shutil

import sys
from pathlib import Path

import pytest

from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.registry import all_checks
from launchgate.core.rows import Row
from launchgate.errors import CheckError
from tests.checks.rules.helpers import commit, make_repo, run_check, write_files

TEST_KEY = "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc"  # split so no key-shaped literal sits here

APP = {
    ".semgrepignore": "backend/\ntests/\n",
    "backend/chat.py": '''import logging

logger = logging.getLogger(__name__)


def chat(request):
    logger.info("chat from %s", request.headers.get("authorization"))
''',
    "tests/helpers.py": '''import logging


def login(api_key):
    logging.debug("using %s", api_key)
''',
    "vendor/widget.js": "export const f = (req) => console.log(req.headers.authorization);\n",
    "backend/quiet.py": '''import logging

logger = logging.getLogger(__name__)


def audit(user, password):
    logger.info("login %s", user.email)  # nosemgrep: secret-in-log-python
    # launchgate: allow -- the audit log is access-controlled
    logger.info("pw %s", password)
''',
    "config/production.py": f'STRIPE_KEY = "{TEST_KEY}"\n',
    "team-rules/no-print-debug.yaml": '''rules:
  - id: team-no-print-debug
    languages: [python]
    severity: WARNING
    message: Use the logger, not print, in the backend.
    metadata:
      row: logging-hygiene
      severity: warning
      cwe: "CWE-778: Insufficient Logging"
      remediation: Replace print() with logger.debug().
    pattern: print(...)
''',
    "backend/debug.py": 'print("starting")\n',
}


@pytest.fixture(scope="module")
def app_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("app"), APP)


@pytest.fixture(scope="module")
def result(app_repo: Path) -> CheckResult:
    return run_check(app_repo, {"exclude": ["vendor/**"], "extra": ["team-rules"]})


def _at(result: CheckResult, path: str) -> list[Finding]:
    return [f for f in result.findings if f.location.path == path]


def test_the_check_is_registered_for_the_six_rows() -> None:
    check = next(c for c in all_checks() if c.id == "rules.semgrep")
    assert check.family == "rules"
    assert set(check.rows) == {Row.AUTH_BOUNDARIES, Row.TOOL_CALL_SAFETY, Row.LOGGING_HYGIENE,
                               Row.CORS_POLICY, Row.TENANT_KEY_ISOLATION, Row.DEPLOYMENT_CONFIG}


def test_semgrepignore_and_default_skips_do_not_hide_files(result: CheckResult) -> None:
    assert [f.rule for f in _at(result, "backend/chat.py")] == ["secret-in-log-python"]
    assert [f.rule for f in _at(result, "tests/helpers.py")] == ["secret-in-log-python"]


def test_rules_exclude_applies_and_the_report_says_so(result: CheckResult) -> None:
    assert _at(result, "vendor/widget.js") == []
    assert "rules.exclude (vendor/**) left out 1 files: vendor/widget.js" in result.notes
    assert result.stats["files_excluded"] == 1


def test_suppressions_are_honoured_counted_and_listed(result: CheckResult) -> None:
    assert _at(result, "backend/quiet.py") == []
    assert result.stats["suppressed"] == 2
    note = next(n for n in result.notes if "silenced in code" in n)
    assert "backend/quiet.py:7:29 secret-in-log-python (nosemgrep)" in note
    assert "backend/quiet.py:9:26 secret-in-log-python (launchgate: allow)" in note


def test_findings_carry_row_severity_and_remedy_from_rule_metadata(result: CheckResult) -> None:
    (finding,) = _at(result, "backend/chat.py")
    assert finding.row is Row.LOGGING_HYGIENE
    assert finding.severity is Severity.BLOCKER
    assert finding.location.line == 7
    assert finding.title == "A token, credential, cookie or email address is written to the logs"
    assert finding.evidence == 'logger.info("chat from %s", request.headers.get("authorization"))'
    assert finding.remediation.startswith("Log an identifier instead")
    assert finding.details["cwe"].startswith("CWE-532")


def test_snippets_never_show_a_key(result: CheckResult) -> None:
    (finding,) = _at(result, "config/production.py")
    assert finding.rule == "test-key-in-production-config"
    assert TEST_KEY not in finding.evidence
    assert finding.evidence.startswith('STRIPE_KEY = "sk_t…')


def test_team_rules_run_with_their_ids_as_written(result: CheckResult) -> None:
    (finding,) = _at(result, "backend/debug.py")
    assert finding.rule == "team-no-print-debug"
    assert finding.severity is Severity.WARNING


def test_fingerprints_survive_line_shifts(app_repo: Path, result: CheckResult, tmp_path: Path) -> None:
    moved = make_repo(tmp_path / "moved", APP)
    chat = moved / "backend/chat.py"
    chat.write_text("# a header comment\n\n\n" + chat.read_text())
    again = run_check(moved, {"exclude": ["vendor/**"], "extra": ["team-rules"]})

    before, after = _at(result, "backend/chat.py")[0], _at(again, "backend/chat.py")[0]
    assert after.location.line == before.location.line + 3
    assert after.fingerprint == before.fingerprint
    assert {f.fingerprint for f in again.findings} == {f.fingerprint for f in result.findings}


def test_a_missing_extra_rules_folder_is_a_clear_error(app_repo: Path) -> None:
    with pytest.raises(CheckError, match="rules.extra: .launchgate/rules does not exist"):
        run_check(app_repo, {"extra": [".launchgate/rules"]})


def test_a_broken_team_rule_is_a_clear_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {
        "app.py": "x = 1\n",
        "rules/bad.yaml": "rules:\n  - id: bad\n    languages: [python]\n    severity: ERROR\n"
                          "    message: m\n    metadata: {row: cors-policy, severity: blocker}\n"
                          "    pattern: 'def ('\n",
    })
    with pytest.raises(CheckError, match="semgrep rejected a rule"):
        run_check(root, {"extra": ["rules"]})


OLD_FLAW = 'import logging\n\n\ndef a(token):\n    logging.info("t %s", token)\n'
NEW_FLAW = '\n\ndef b(password):\n    logging.info("p %s", password)\n'


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = make_repo(tmp_path_factory.mktemp("pr"), {"app.py": OLD_FLAW})
    base = commit(root, "base")
    write_files(root, {"app.py": OLD_FLAW + NEW_FLAW})
    commit(root, "add b")
    return root, base


def test_on_a_pull_request_untouched_lines_are_existing(pull_request: tuple[Path, str]) -> None:
    root, base = pull_request
    result = run_check(root, base_sha=base)
    by_line = {f.location.line: f for f in result.findings}
    assert by_line[5].details["new"] is False and by_line[5].severity is Severity.BLOCKER
    assert by_line[9].details["new"] is True and by_line[9].severity is Severity.BLOCKER
    assert "1 of 2 findings are on lines this pull request did not touch" in result.notes


def test_only_new_lets_only_new_blockers_fail(pull_request: tuple[Path, str]) -> None:
    root, base = pull_request
    result = run_check(root, {"only_new": True}, base_sha=base)
    by_line = {f.location.line: f for f in result.findings}
    assert by_line[5].severity is Severity.WARNING
    assert by_line[5].details["downgraded_from"] == "blocker"
    assert by_line[9].severity is Severity.BLOCKER


def test_semgrep_runs_from_beside_this_python(monkeypatch: pytest.MonkeyPatch) -> None:
    from launchgate.checks.rules import semgrep

    assert semgrep.semgrep_command() == [str(Path(sys.executable).with_name("semgrep"))]
    beside = str(Path(sys.executable).with_name("semgrep"))
    monkeypatch.setattr(semgrep.sys, "executable", "/nowhere/bin/python3")
    monkeypatch.setenv("PATH", str(Path(beside).parent))
    assert semgrep.semgrep_command() == [beside]
    monkeypatch.setenv("PATH", "/nowhere")
    with pytest.raises(CheckError, match="semgrep is not installed"):
        semgrep.semgrep_command()


def test_without_semgrep_the_check_cannot_run(
    app_repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from launchgate.checks.rules import semgrep

    monkeypatch.setattr(semgrep.sys, "executable", str(tmp_path / "python-without-semgrep"))
    git_only = tmp_path / "bin"
    git_only.mkdir()
    (git_only / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    monkeypatch.setenv("PATH", str(git_only))
    with pytest.raises(CheckError, match="semgrep is not installed"):
        run_check(app_repo)
