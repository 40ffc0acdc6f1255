"""Reading the pull request and repository from real-shaped event files."""

from __future__ import annotations

from typing import Any

import pytest

from launchgate.core.check import PullRequest
from launchgate.github.event import is_fork_pull_request, pull_request_from_event, repository
from tests.github.conftest import BASE_SHA, HEAD_SHA, PR_NUMBER, REPO


@pytest.mark.parametrize("event", ["pull_request", "pull_request_target"])
def test_pull_request_events_name_the_pull_request(event: str, actions_for: Any) -> None:
    env = actions_for(event).env
    env["GITHUB_BASE_REF"] = "main"

    assert pull_request_from_event(env) == PullRequest(PR_NUMBER, "main", BASE_SHA, HEAD_SHA)
    assert repository(env) == REPO
    assert not is_fork_pull_request(env)


@pytest.mark.parametrize("event", ["push", "workflow_dispatch"])
def test_other_events_have_no_pull_request(event: str, actions_for: Any) -> None:
    env = actions_for(event).env

    assert pull_request_from_event(env) is None
    assert not is_fork_pull_request(env)


def test_a_fork_is_recognised(actions_for: Any) -> None:
    assert is_fork_pull_request(actions_for("pull_request", head_repo="mallory/chatbot").env)


def test_the_repository_falls_back_to_the_event(actions_for: Any) -> None:
    env = actions_for("push").env
    del env["GITHUB_REPOSITORY"]

    assert repository(env) == REPO
