"""Publishing in Actions: events, forks, missing permissions, outputs, files, and no secrets."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from launchgate.cli import main
from tests.github.conftest import PR_NUMBER, REPO
from tests.github.fake_github import READ_ONLY_TOKEN, WRITE_TOKEN, FakeGitHub
from tests.scorecards import RAW_SECRET, card_of, leaked_key, reflected_origin

COMMENTS = f"/repos/{REPO}/issues/{PR_NUMBER}/comments"


@pytest.mark.parametrize("event", ["push", "workflow_dispatch"])
def test_runs_without_a_pull_request_write_summary_and_outputs_only(
    event: str, github: FakeGitHub, actions_for: Any
) -> None:
    actions = actions_for(event)

    actions.publish(card_of(leaked_key()))

    assert github.calls == []
    assert "## launchgate: ❌ not ready to launch — 1 blocker, 0 warnings" in actions.summary()
    outputs = actions.outputs()
    assert (outputs["verdict"], outputs["blockers"], outputs["warnings"]) == ("fail", "1", "0")


def test_outputs_name_report_files_that_hold_the_report(actions_for: Any) -> None:
    actions = actions_for("push")

    actions.publish(card_of(leaked_key(), reflected_origin()))

    outputs = actions.outputs()
    assert outputs["report_json"] == "launchgate-results/report.json"
    assert outputs["sarif_file"] == "launchgate-results/launchgate.sarif"
    report = json.loads((actions.workspace / outputs["report_json"]).read_text())
    sarif = json.loads((actions.workspace / outputs["sarif_file"]).read_text())
    assert report["summary"] == {"blockers": 1, "warnings": 1, "errors": 0, "requests_sent": 0}
    assert len(sarif["runs"][0]["results"]) == 2


def test_sarif_file_flag_and_env_choose_the_path(actions_for: Any, tmp_path: Path) -> None:
    actions = actions_for("push")
    actions.env["LAUNCHGATE_SARIF_FILE"] = str(tmp_path / "out" / "gate.sarif")

    assert main(["scan", "."], actions.env) == 0

    assert actions.outputs()["sarif_file"] == str(tmp_path / "out" / "gate.sarif")
    assert json.loads((tmp_path / "out" / "gate.sarif").read_text())["version"] == "2.1.0"


def test_a_fork_token_posts_nothing_fails_nothing_and_says_why(
    github: FakeGitHub,
    actions_for: Any,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    actions = actions_for("pull_request", token=READ_ONLY_TOKEN, head_repo="mallory/chatbot")

    with caplog.at_level(logging.INFO, logger="launchgate"):
        actions.publish(card_of(leaked_key()))

    assert github.bodies(REPO, PR_NUMBER) == []
    assert [c.status for c in github.calls if c.method == "POST"] == [403]
    (line,) = [r.getMessage() for r in caplog.records if "no pull request comment" in r.message]
    assert "GitHub answered 403: Resource not accessible by integration" in line
    assert "'permissions: pull-requests: write'" in line
    assert "comes from a fork" in line
    assert actions.outputs()["verdict"] == "fail"
    warnings = [w for w in capsys.readouterr().out.splitlines() if w.startswith("::warning")]
    assert any("pull-requests: write" in w for w in warnings)


def test_a_repository_hidden_from_the_token_is_logged_not_fatal(
    github: FakeGitHub, actions_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    github.fail("GET", COMMENTS, 404, "Not Found")

    actions_for("pull_request").publish(card_of(leaked_key()))

    assert github.count("POST") == 0
    assert "GitHub answered 404: Not Found. The workflow needs 'permissions: pull-requests: " \
        "write'" in caplog.text
    assert "comes from a fork" not in caplog.text


def test_a_server_error_on_create_looks_again_then_tries_once_more(
    github: FakeGitHub, actions_for: Any
) -> None:
    github.fail("POST", COMMENTS, 502, "Bad Gateway")

    actions_for("pull_request").publish(card_of(leaked_key()))

    assert [(c.method, c.status) for c in github.calls] == [
        ("GET", 200), ("POST", 502), ("GET", 200), ("POST", 201)
    ]
    assert len(github.bodies(REPO, PR_NUMBER)) == 1


def test_server_errors_that_persist_are_logged_not_fatal(
    github: FakeGitHub, actions_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    github.fail("POST", COMMENTS, 500, "Server Error")
    github.fail("POST", COMMENTS, 500, "Server Error")

    actions_for("pull_request").publish(card_of(leaked_key()))

    assert github.count("POST") == 2 and github.bodies(REPO, PR_NUMBER) == []
    assert "GitHub answered 500: Server Error. The verdict is in the job summary" in caplog.text


def test_no_comment_flag_and_missing_token_leave_the_pr_alone(
    github: FakeGitHub, actions_for: Any
) -> None:
    actions_for("pull_request").publish(card_of(), "--no-comment")
    actions_for("pull_request", token=None).publish(card_of())

    assert github.calls == []


def test_annotations_go_to_stdout_with_workspace_paths(
    actions_for: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    actions = actions_for("push")
    (actions.workspace / "services" / "api").mkdir(parents=True)

    actions.publish(card_of(leaked_key()), "services/api")

    assert capsys.readouterr().out.splitlines() == [
        "::error title=launchgate%3A Secret handling,file=services/api/config/app.py,line=12,"
        "col=5::AWS key (AWS Access Key AKIA…(20 chars)). Fix: Rotate the key and remove it "
        "from history."
    ]


def test_no_secret_or_token_reaches_any_output(
    github: FakeGitHub,
    actions_for: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    actions = actions_for("pull_request")

    with caplog.at_level(logging.DEBUG):
        actions.publish(card_of(leaked_key(), reflected_origin()))
    captured = capsys.readouterr()

    files = [p.read_text() for p in actions.workspace.rglob("*") if p.is_file()]
    texts = [
        captured.out,
        captured.err,
        caplog.text,
        actions.summary(),
        Path(actions.env["GITHUB_OUTPUT"]).read_text(),
        *files,
        *github.bodies(REPO, PR_NUMBER),
    ]
    assert len(files) == 2 and len(github.bodies(REPO, PR_NUMBER)) == 1
    assert not [t for t in texts if RAW_SECRET in t or WRITE_TOKEN in t]


def test_the_whole_command_on_a_pull_request_keeps_the_token_out_of_debug_logs(
    github: FakeGitHub, actions_for: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    actions = actions_for("pull_request")

    assert main(["-vv", "scan", "."], actions.env) == 0
    assert main(["-vv", "scan", "."], actions.env) == 0

    out, err = capfd.readouterr()
    assert "pull request comment created" in err and "pull request comment unchanged" in err
    assert WRITE_TOKEN not in out + err
    assert len(github.bodies(REPO, PR_NUMBER)) == 1
