"""entrypoint.py: the runner's environment mapped to `launchgate scan`, and bad inputs refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import entrypoint

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "ghs_" + "x1" * 18
REPORT = ["scan", ".", "--format", "json", "--output", "launchgate-report.json"]


def runner_env(workspace: Path, **inputs: str) -> dict[str, str]:
    env = {"GITHUB_WORKSPACE": str(workspace), "GITHUB_ACTIONS": "true"}
    return env | {f"INPUT_{name.upper()}": value for name, value in inputs.items()}


def test_every_input_maps_to_its_flag(tmp_path: Path) -> None:
    env = runner_env(
        tmp_path,
        config="ci/launchgate.yml",
        preview_url="https://pr-7.preview.test",
        fail_on="Warning",
        history="pr",
        bundles="dist,\n build\n",
        comment="false",
    )
    argv = entrypoint.build_invocation(env).argv
    assert argv == [
        *REPORT,
        "--config",
        "ci/launchgate.yml",
        "--preview-url",
        "https://pr-7.preview.test",
        "--fail-on",
        "warning",
        "--history",
        "pr",
        "--bundles",
        "dist,build",
        "--no-comment",
    ]


def test_empty_inputs_leave_the_defaults_to_the_cli(tmp_path: Path) -> None:
    env = runner_env(tmp_path, config="", preview_url="", fail_on="", comment="true")
    invocation = entrypoint.build_invocation(env)
    assert invocation.argv == REPORT
    assert "LAUNCHGATE_SARIF_FILE" not in invocation.env


def test_token_and_sarif_go_through_the_environment_not_argv(tmp_path: Path) -> None:
    env = runner_env(tmp_path, github_token=TOKEN, sarif_file="out/launchgate.sarif")
    invocation = entrypoint.build_invocation(env)
    assert invocation.env["LAUNCHGATE_GITHUB_TOKEN"] == TOKEN
    assert invocation.env["LAUNCHGATE_SARIF_FILE"] == "out/launchgate.sarif"
    assert TOKEN not in " ".join(invocation.argv)


def test_the_token_and_a_url_password_are_masked(tmp_path: Path) -> None:
    env = runner_env(
        tmp_path, github_token=TOKEN, preview_url="https://bot:hunter2-long@pr-7.preview.test"
    )
    assert entrypoint.build_invocation(env).masks == [TOKEN, "hunter2-long"]


def test_git_trusts_the_workspace_through_the_environment_only(tmp_path: Path) -> None:
    env = runner_env(tmp_path) | {"GIT_CONFIG_COUNT": "1"}
    extra = entrypoint.build_invocation(env).env
    assert extra["GIT_CONFIG_COUNT"] == "2"
    assert (extra["GIT_CONFIG_KEY_1"], extra["GIT_CONFIG_VALUE_1"]) == (
        "safe.directory",
        str(tmp_path),
    )


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (
            {"fail_on": "sometimes"},
            "input fail_on: 'sometimes' is not one of blocker, warning, never",
        ),
        ({"history": "last-week"}, "input history: 'last-week' is not one of full, pr, skip"),
        ({"comment": "yes please"}, "input comment: 'yes please' is not true or false"),
        ({"preview_url": "pr-7.preview.test"}, "input preview_url: not an http(s) URL with a host"),
    ],
)
def test_bad_choices_are_refused_by_name(
    tmp_path: Path, inputs: dict[str, str], message: str
) -> None:
    with pytest.raises(entrypoint.InputError) as caught:
        entrypoint.build_invocation(runner_env(tmp_path, **inputs))
    assert str(caught.value) == message


def test_a_pull_request_without_a_token_cannot_comment(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 3}}))
    env = runner_env(tmp_path, github_token="", comment="true") | {"GITHUB_EVENT_PATH": str(event)}
    with pytest.raises(entrypoint.InputError, match="github_token is empty"):
        entrypoint.build_invocation(env)


def test_the_workspace_is_required(tmp_path: Path) -> None:
    with pytest.raises(entrypoint.InputError, match="GITHUB_WORKSPACE is not set"):
        entrypoint.build_invocation({})
    with pytest.raises(entrypoint.InputError, match="is not a directory"):
        entrypoint.build_invocation(runner_env(tmp_path / "missing"))


def test_the_first_line_names_the_pull_request(tmp_path: Path) -> None:
    event = {"pull_request": {"number": 7, "base": {"sha": "a" * 40}, "head": {"sha": "b" * 40}}}
    env = runner_env(tmp_path) | {"GITHUB_BASE_REF": "main"}
    assert entrypoint.describe_run(env, event) == (
        f"launchgate: scanning {tmp_path} for pull request #7 (main {'a' * 12} <- {'b' * 12})"
    )


def git(repo: Path, *args: str) -> str:
    who = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env = os.environ | who | {"GIT_COMMITTER_EMAIL": "t@t"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode().strip()


def make_repo(repo: Path) -> str:
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("hi\n")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "start")
    return git(repo, "rev-parse", "HEAD")


def test_a_missing_base_commit_and_a_shallow_clone_are_said(tmp_path: Path) -> None:
    make_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_path / 'origin'}", str(clone))
    warnings = entrypoint.clone_warnings(clone, dict(os.environ), "c" * 40)
    assert warnings == [
        "the checkout is shallow: set fetch-depth: 0 on actions/checkout",
        f"the base commit {'c' * 12} is not in the checkout",
    ]


def run_entrypoint(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "entrypoint.py")]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_a_run_writes_the_outputs_and_exits_with_the_gate(tmp_path: Path) -> None:
    head = make_repo(tmp_path / "ws")
    outputs, summary = tmp_path / "output", tmp_path / "summary"
    env = {"PATH": os.environ["PATH"], "GITHUB_SHA": head, "GITHUB_OUTPUT": str(outputs)}
    env |= {"GITHUB_STEP_SUMMARY": str(summary)}
    env |= runner_env(tmp_path / "ws", github_token=TOKEN, comment="false", history="full")
    done = run_entrypoint(env)

    lines = done.stdout.splitlines()
    assert lines[:2] == [
        f"::add-mask::{TOKEN}",
        f"launchgate: scanning {tmp_path / 'ws'} at {head[:12]}",
    ]
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert done.returncode == (1 if written["verdict"] == "fail" else 0)
    assert written["report_json"] == "launchgate-report.json"
    report = json.loads((tmp_path / "ws" / "launchgate-report.json").read_text())
    assert report["verdict"] == written["verdict"]
    assert summary.read_text().strip()


def test_a_bad_input_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"]} | runner_env(tmp_path, fail_on="sometimes")
    done = run_entrypoint(env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "::error title=launchgate::input fail_on: 'sometimes' is not one of blocker, warning, never"
    ]
