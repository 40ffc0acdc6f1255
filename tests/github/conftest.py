"""Fixtures for the GitHub tests: the fake API server, event files and an Actions environment."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from launchgate.cli import build_parser
from launchgate.core.scorecard import Scorecard
from launchgate.github.publish import publish
from tests.github.fake_github import PREFIX, WRITE_TOKEN, FakeGitHub, serve_github

REPO = "acme/chatbot"
PR_NUMBER = 7
HEAD_SHA = "9f1c" * 10
BASE_SHA = "1a2b" * 10


def _repo(full_name: str, fork: bool = False) -> dict[str, Any]:
    owner, name = full_name.split("/")
    return {
        "id": abs(hash(full_name)) % 10**8,
        "name": name,
        "full_name": full_name,
        "private": False,
        "fork": fork,
        "owner": {"login": owner, "type": "Organization" if owner == "acme" else "User"},
        "default_branch": "main",
    }


def pull_request_payload(head_repo: str = REPO) -> dict[str, Any]:
    """The shape of a ``pull_request`` (and ``pull_request_target``) event, trimmed."""
    fork = head_repo != REPO
    return {
        "action": "synchronize",
        "number": PR_NUMBER,
        "pull_request": {
            "number": PR_NUMBER,
            "state": "open",
            "title": "Add the chat widget",
            "user": {"login": head_repo.split("/")[0], "type": "User"},
            "head": {
                "label": f"{head_repo.split('/')[0]}:feature",
                "ref": "feature",
                "sha": HEAD_SHA,
                "repo": _repo(head_repo, fork=fork),
            },
            "base": {"label": "acme:main", "ref": "main", "sha": BASE_SHA, "repo": _repo(REPO)},
        },
        "repository": _repo(REPO),
        "sender": {"login": head_repo.split("/")[0], "type": "User"},
    }


EVENTS: dict[str, Any] = {
    "pull_request": pull_request_payload,
    "pull_request_target": pull_request_payload,
    "push": lambda: {
        "ref": "refs/heads/main",
        "before": BASE_SHA,
        "after": HEAD_SHA,
        "repository": _repo(REPO),
        "pusher": {"name": "dev", "email": "dev@users.noreply.test"},
        "commits": [{"id": HEAD_SHA, "message": "Ship it", "distinct": True}],
        "head_commit": {"id": HEAD_SHA, "message": "Ship it"},
        "sender": {"login": "dev", "type": "User"},
    },
    "workflow_dispatch": lambda: {
        "inputs": {"preview_url": ""},
        "ref": "refs/heads/main",
        "repository": _repo(REPO),
        "sender": {"login": "dev", "type": "User"},
        "workflow": ".github/workflows/launchgate.yml",
    },
}


@dataclass
class Actions:
    """A runner's environment for one step: the variables and the files they name."""

    env: dict[str, str]
    workspace: Path

    def outputs(self) -> dict[str, str]:
        """``GITHUB_OUTPUT`` parsed as the runner does (``name=value`` and heredocs)."""
        found: dict[str, str] = {}
        lines = iter(Path(self.env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines())
        for line in lines:
            if "<<" in line and "=" not in line.split("<<")[0]:
                name, marker = line.split("<<", 1)
                found[name] = "\n".join(iter(lambda: next(lines), marker))
            else:
                name, _, value = line.partition("=")
                found[name] = value
        return found

    def summary(self) -> str:
        path = Path(self.env["GITHUB_STEP_SUMMARY"])
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def publish(self, card: Scorecard, *flags: str) -> None:
        """What ``launchgate scan [flags]`` publishes for ``card`` in this step."""
        args = build_parser(self.env).parse_args(["scan", *flags])
        publish(card, args, self.env)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with serve_github() as server:
        yield server


@pytest.fixture
def actions_for(
    tmp_path: Path, github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> Any:
    """Make an Actions environment for an event name, a token and the event's head repository."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    monkeypatch.chdir(workspace)

    def make(event: str, token: str | None = WRITE_TOKEN, head_repo: str = REPO) -> Actions:
        payload = EVENTS[event]() if event not in ("pull_request", "pull_request_target") else (
            pull_request_payload(head_repo)
        )
        event_file = tmp_path / f"{event}.json"
        event_file.write_text(json.dumps(payload), encoding="utf-8")
        env = {
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": event,
            "GITHUB_EVENT_PATH": str(event_file),
            "GITHUB_REPOSITORY": REPO,
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_API_URL": github.base_url + PREFIX,
            "GITHUB_SERVER_URL": "https://ghes.acme.test",
            "GITHUB_RUN_ID": "4242",
            "GITHUB_SHA": HEAD_SHA,
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
            "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        }
        if token:
            env["GITHUB_TOKEN"] = token
        return Actions(env, workspace)

    return make


@pytest.fixture(autouse=True)
def _package_logger_propagates() -> Iterator[None]:
    """``main`` points the package logger at stderr only; give caplog its records back after."""
    yield
    package = logging.getLogger("launchgate")
    package.handlers.clear()
    package.propagate = True
    package.setLevel(logging.NOTSET)
