"""The scorecard folds check results into rows; the verdict follows fail_on."""

from __future__ import annotations

from launchgate.config.schema import Config, IgnoreEntry
from launchgate.core.findings import CheckResult, Finding, Location, Outcome, Severity
from launchgate.core.rows import Row
from launchgate.core.scorecard import NOT_CHECKED_YET, Status, build_scorecard


def finding(severity: Severity, row: Row = Row.SECRET_HANDLING, rule: str = "r") -> Finding:
    return Finding("c", row, rule, severity, "t", Location(path="a.py", line=1), evidence="x")


def result(*findings: Finding, rows: tuple[Row, ...] = (Row.SECRET_HANDLING,)) -> CheckResult:
    return CheckResult("c", rows, findings=findings)


def status(card_rows: object, row: Row) -> Status:
    return next(r.status for r in card_rows if r.row is row)  # type: ignore[attr-defined]


def test_rows_without_checks_are_skipped_not_passed() -> None:
    card = build_scorecard([result()], Config())
    assert len(card.rows) == 14
    assert status(card.rows, Row.SECRET_HANDLING) is Status.PASS
    untouched = [r for r in card.rows if r.row is not Row.SECRET_HANDLING]
    assert all(r.status is Status.SKIP and r.notes == (NOT_CHECKED_YET,) for r in untouched)
    assert card.checked_rows == 1


def test_blocker_fails_row_and_verdict() -> None:
    card = build_scorecard([result(finding(Severity.BLOCKER), finding(Severity.WARNING))], Config())
    row = next(r for r in card.rows if r.row is Row.SECRET_HANDLING)
    assert (row.status, row.blockers, row.warnings) == (Status.FAIL, 1, 1)
    assert card.verdict == "fail"


def test_fail_on_moves_the_bar() -> None:
    warn_only = [result(finding(Severity.WARNING))]
    assert build_scorecard(warn_only, Config()).verdict == "pass"
    assert build_scorecard(warn_only, Config(fail_on="warning")).verdict == "fail"
    blocked = [result(finding(Severity.BLOCKER))]
    assert build_scorecard(blocked, Config(fail_on="never")).verdict == "pass"


def test_error_and_skip_outcomes_keep_their_reasons() -> None:
    broken = CheckResult("probe.x", (Row.CORS_POLICY,), Outcome.ERROR, reason="timed out")
    idle = CheckResult(
        "email.spf", (Row.EMAIL_AUTHENTICATION,), Outcome.SKIPPED, reason="no domain"
    )
    card = build_scorecard([broken, idle], Config())
    cors = next(r for r in card.rows if r.row is Row.CORS_POLICY)
    assert cors.status is Status.ERROR and cors.notes == ("probe.x: error — timed out",)
    assert status(card.rows, Row.EMAIL_AUTHENTICATION) is Status.SKIP
    assert card.verdict == "pass"
    assert build_scorecard([broken], Config(fail_on="warning")).verdict == "fail"


def test_ignore_by_fingerprint_moves_finding_aside() -> None:
    blocker = finding(Severity.BLOCKER)
    config = Config(ignore=[IgnoreEntry(fingerprint=blocker.fingerprint, reason="rotated")])
    card = build_scorecard([result(blocker)], config)
    assert card.findings == () and card.ignored == ((blocker, "rotated"),)
    assert card.verdict == "pass"


def test_fingerprint_ignores_line_and_commit() -> None:
    a = Finding("c", Row.SECRET_HANDLING, "r", Severity.BLOCKER, "t", Location("p", 1, 1, "aaa"))
    b = Finding("c", Row.SECRET_HANDLING, "r", Severity.BLOCKER, "t", Location("p", 9, 4, "bbb"))
    assert a.fingerprint == b.fingerprint
    other = Finding("c", Row.SECRET_HANDLING, "r", Severity.BLOCKER, "t", Location("q", 1))
    assert other.fingerprint != a.fingerprint


def test_a_crashed_check_fails_the_verdict_whatever_fail_on_says() -> None:
    crashed = CheckResult("secrets.history", (Row.SECRET_HANDLING,), Outcome.ERROR, reason="bug")
    card = build_scorecard([crashed], Config(fail_on="never"), crashed=["secrets.history"])
    assert card.verdict == "fail"


def test_a_check_feeding_several_rows_notes_what_it_covered_once() -> None:
    rows = (Row.LOGGING_HYGIENE, Row.AUTH_BOUNDARIES)
    ran = CheckResult("rules.semgrep", rows, notes=("412 files scanned",))
    card = build_scorecard([ran], Config())
    notes = {r.row: r.notes for r in card.rows if r.row in rows}
    assert notes == {Row.AUTH_BOUNDARIES: ("rules.semgrep: 412 files scanned",),
                     Row.LOGGING_HYGIENE: ()}
    down = CheckResult("rules.semgrep", rows, Outcome.ERROR, reason="semgrep broke")
    card = build_scorecard([down], Config())
    assert all(r.notes == ("rules.semgrep: error — semgrep broke",) for r in card.rows
               if r.row in rows)
