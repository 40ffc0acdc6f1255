"""The REST client against the local API: retries, Retry-After, the time cap, errors."""

from __future__ import annotations

import time

import pytest

from launchgate.github.api import GitHubClient, GitHubError, RetryPolicy
from tests.github.conftest import PR_NUMBER, REPO
from tests.github.fake_github import BOT, PREFIX, WRITE_TOKEN, FakeGitHub

COMMENTS = f"/repos/{REPO}/issues/{PR_NUMBER}/comments"
QUICK = RetryPolicy(attempts=4, backoff_s=0.05, total_s=10)


def client(
    github: FakeGitHub, policy: RetryPolicy = QUICK, token: str = WRITE_TOKEN
) -> GitHubClient:
    return GitHubClient(token, github.base_url + PREFIX + "/", policy)


def test_server_errors_on_a_read_are_retried_with_backoff(github: FakeGitHub) -> None:
    github.add_comment(REPO, PR_NUMBER, "hello", BOT)
    github.fail("GET", COMMENTS, 502, "Bad Gateway")
    github.fail("GET", COMMENTS, 500, "Server Error")

    started = time.monotonic()
    with client(github) as api:
        bodies = [c["body"] for c in api.paginate(COMMENTS)]

    assert bodies == ["hello"]
    assert [c.status for c in github.calls] == [502, 500, 200]
    assert time.monotonic() - started >= 0.05 + 0.1


def test_a_secondary_rate_limit_waits_as_long_as_retry_after_says(github: FakeGitHub) -> None:
    github.fail("POST", COMMENTS, 403, "You have exceeded a secondary rate limit", **{
        "Retry-After": "1"
    })

    started = time.monotonic()
    with client(github) as api:
        api.post(COMMENTS, {"body": "scorecard"})

    assert time.monotonic() - started >= 1.0
    assert github.bodies(REPO, PR_NUMBER) == ["scorecard"]


def test_a_wait_past_the_time_cap_gives_up_at_once(github: FakeGitHub) -> None:
    github.fail("PATCH", "/comments/1", 429, "Too Many Requests", **{"Retry-After": "30"})

    started = time.monotonic()
    with client(github, RetryPolicy(total_s=2)) as api, pytest.raises(GitHubError) as caught:
        api.patch(f"/repos/{REPO}/issues/comments/1", {"body": "x"})

    assert time.monotonic() - started < 1.0
    assert caught.value.status == 429
    assert str(caught.value) == (
        f"PATCH {PREFIX}/repos/{REPO}/issues/comments/1: GitHub answered 429: "
        "Too Many Requests (gave up after retries)"
    )


def test_a_refusal_is_final_and_translated(github: FakeGitHub) -> None:
    with client(github, token="ghs_unknown") as api, pytest.raises(GitHubError) as caught:
        api.get("/user")

    assert (caught.value.status, len(github.calls)) == (401, 1)
    assert "GitHub answered 401: Bad credentials" in str(caught.value)
    assert "ghs_unknown" not in str(caught.value)


def test_a_server_that_is_down_is_an_error_not_a_crash() -> None:
    down = GitHubClient(WRITE_TOKEN, "http://127.0.0.1:9", RetryPolicy(attempts=2, backoff_s=0))

    with down as api, pytest.raises(GitHubError, match="no answer from GitHub"):
        api.get("/user")


def test_next_page_links_to_another_host_are_not_followed(github: FakeGitHub) -> None:
    for n in range(5):
        github.add_comment(REPO, PR_NUMBER, f"c{n}", BOT)
    github.link_base = "http://collector.invalid"

    with client(github) as api:
        bodies = [c["body"] for c in api.paginate(COMMENTS)]

    assert bodies == ["c0", "c1", "c2"]


def test_an_api_address_that_is_not_a_url_is_an_error() -> None:
    with pytest.raises(GitHubError, match="not an http"):
        GitHubClient(WRITE_TOKEN, "ghes.acme.test/api/v3")
