"""Shedding detail to fit GitHub's limits: the comment (65,536 chars) and the summary (1 MiB)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from launchgate.core.rows import Row
from launchgate.github.comment import COMMENT_LIMIT, comment_body
from launchgate.github.publish import SUMMARY_LIMIT
from launchgate.github.sizing import utf8_bytes, utf16_units
from tests.github.conftest import PR_NUMBER, REPO
from tests.github.fake_github import FakeGitHub
from tests.scorecards import card_of, leaked_key, reflected_origin

RUN_URL = "https://ghes.acme.test/acme/chatbot/actions/runs/4242"


def many_blockers(count: int) -> list[Any]:
    return [
        replace(
            leaked_key(path=f"src/very/deep/module_{n}/settings_📦.py", line=n + 1),
            title=f"AWS key number {n} " + "x" * 150,
            evidence="aws_access_key_id = AKIA…(20 chars) " + "y" * 200,
            fingerprint="",
        )
        for n in range(count)
    ]


def test_an_oversized_report_becomes_a_valid_comment_with_table_blockers_and_link(
    github: FakeGitHub, actions_for: Any
) -> None:
    card = card_of(*many_blockers(3000), *[reflected_origin()] * 50)

    actions_for("pull_request").publish(card)

    (body,) = github.bodies(REPO, PR_NUMBER)
    assert utf16_units(body) <= COMMENT_LIMIT
    assert "| Check | Status | Blockers | Warnings | Notes |" in body
    assert all(f"| {row.label} |" in body for row in Row)
    assert "### Blockers" in body and "1. **AWS key number 0 " in body
    assert f"more blockers in the [full report]({RUN_URL})." in body
    assert "50 warnings listed in the [full report]" in body


def test_warnings_go_before_any_blocker_detail() -> None:
    warnings = [replace(reflected_origin(), title="w" * 900, fingerprint="") for _ in range(80)]
    card = card_of(leaked_key(), *warnings)

    body = comment_body(card, "default", RUN_URL)

    assert utf16_units(body) <= COMMENT_LIMIT < utf16_units(body) + 900 * 80
    assert "Fix: Rotate the key and remove it from history." in body
    assert "80 warnings listed in the [full report]" in body
    assert "### Warnings" not in body


def test_a_small_report_is_whole_and_links_the_summary() -> None:
    body = comment_body(card_of(leaked_key(), reflected_origin()), "default", RUN_URL)

    assert "### Warnings" in body and "Fix: Rotate the key" in body
    assert body.rstrip().endswith("<sub>fail_on: blocker · launchgate 0.1.0</sub>")
    assert f"Details, evidence and fixes: [full report]({RUN_URL})." in body


def test_the_job_summary_stays_under_one_mebibyte(actions_for: Any) -> None:
    actions = actions_for("push")

    actions.publish(card_of(*many_blockers(5000)))

    summary = actions.summary()
    assert utf8_bytes(summary) <= SUMMARY_LIMIT
    assert "| Secret handling | ❌ fail | 5000 | 0 |" in summary
    assert "1. **AWS key number 0 " in summary
