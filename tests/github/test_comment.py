"""The sticky comment against the local GitHub API: one comment per PR and configuration."""

from __future__ import annotations

from typing import Any

from launchgate.github.comment import marker
from tests.github.conftest import PR_NUMBER, REPO
from tests.github.fake_github import BOT, MALLORY, PAT_TOKEN, FakeGitHub
from tests.scorecards import card_of, leaked_key, reflected_origin

COMMENTS = f"/repos/{REPO}/issues/{PR_NUMBER}/comments"


def test_two_runs_leave_one_comment_and_the_same_result_is_not_rewritten(
    github: FakeGitHub, actions_for: Any
) -> None:
    actions = actions_for("pull_request")
    card = card_of(leaked_key(), reflected_origin())

    actions.publish(card)
    actions.publish(card)

    bodies = github.bodies(REPO, PR_NUMBER)
    assert len(bodies) == 1
    assert bodies[0].startswith(marker("default") + "\n## launchgate: ❌ not ready to launch")
    assert github.count("POST") == 1
    assert github.count("PATCH") == 0


def test_a_new_result_updates_the_comment_in_place(github: FakeGitHub, actions_for: Any) -> None:
    actions = actions_for("pull_request")
    actions.publish(card_of(leaked_key()))

    actions.publish(card_of())

    bodies = github.bodies(REPO, PR_NUMBER)
    assert len(bodies) == 1
    assert "✅ no blockers in 0 of 14 rows checked — 0 blockers" in bodies[0]
    assert github.count("PATCH") == 1


def test_our_comment_is_found_past_the_first_pages(github: FakeGitHub, actions_for: Any) -> None:
    actions = actions_for("pull_request_target")
    for n in range(7):
        github.add_comment(REPO, PR_NUMBER, f"review note {n}", {"login": "dev", "type": "User"})
    ours = github.add_comment(REPO, PR_NUMBER, marker("default") + "\nold scorecard", BOT)

    actions.publish(card_of(leaked_key()))

    assert github.count("GET", COMMENTS) == 3  # 8 comments, 3 per page
    assert github.count("POST") == 0
    assert [c["id"] for c in github.comments[(REPO, PR_NUMBER)] if "AWS key" in c["body"]] == [
        ours
    ]


def test_a_human_copying_the_marker_does_not_capture_the_comment(
    github: FakeGitHub, actions_for: Any
) -> None:
    forged = github.add_comment(REPO, PR_NUMBER, marker("default") + "\nlooks fine to me", MALLORY)

    actions_for("pull_request").publish(card_of(leaked_key()))

    comments = github.comments[(REPO, PR_NUMBER)]
    assert [c["body"] for c in comments if c["id"] == forged] == [
        marker("default") + "\nlooks fine to me"
    ]
    assert len(comments) == 2


def test_each_configuration_keeps_its_own_comment(github: FakeGitHub, actions_for: Any) -> None:
    actions = actions_for("pull_request")

    actions.publish(card_of(leaked_key()))
    actions.publish(card_of(reflected_origin()), "--only", "probe")
    actions.publish(card_of(reflected_origin()), "--only", "probe")

    assert len(github.bodies(REPO, PR_NUMBER)) == 2
    assert github.count("POST") == 2


def test_the_actions_token_never_asks_for_the_user(github: FakeGitHub, actions_for: Any) -> None:
    actions_for("pull_request").publish(card_of())

    assert github.count("GET", "/user") == 0


def test_a_personal_token_finds_its_own_comment_by_login(
    github: FakeGitHub, actions_for: Any
) -> None:
    actions = actions_for("pull_request", token=PAT_TOKEN)
    github.add_comment(REPO, PR_NUMBER, marker("default") + "\nby another bot", BOT)

    actions.publish(card_of(leaked_key()))
    actions.publish(card_of())

    mine = [c for c in github.comments[(REPO, PR_NUMBER)] if c["user"]["login"] == "dev-with-pat"]
    assert len(mine) == 1 and "✅ no blockers" in mine[0]["body"]
    assert github.count("GET", "/user") == 2
