"""In-code suppression markers: which comments silence which rule on which line."""

from __future__ import annotations

import pytest

from launchgate.checks.rules.suppress import suppression

RULE = "secret-in-log-python"


@pytest.mark.parametrize(
    ("lines", "marker"),
    [
        (["logger.info(token)  # nosemgrep"], "nosemgrep"),
        (["logger.info(token)  # nosem"], "nosemgrep"),
        ([f"logger.info(token)  # nosemgrep: {RULE}"], "nosemgrep"),
        ([f"logger.info(token)  # nosemgrep: other-rule, {RULE}"], "nosemgrep"),
        (["# nosemgrep", "logger.info(token)"], "nosemgrep"),
        (["console.log(token); // launchgate: allow"], "launchgate: allow"),
        ([f"logger.info(token)  # launchgate: allow {RULE} -- rotated daily"],
         "launchgate: allow"),
        (["    # launchgate: allow -- audit log, token is hashed upstream", "log(token)"],
         "launchgate: allow"),
    ],
)
def test_markers_that_silence_the_rule(lines: list[str], marker: str) -> None:
    assert suppression(lines, len(lines), RULE) == marker


@pytest.mark.parametrize(
    "lines",
    [
        ["logger.info(token)"],
        ["logger.info(token)  # nosemgrep: tool-dispatch-dynamic-python"],
        ["logger.info(token)  # launchgate: allow cors-credentials-any-origin-js"],
        ["x = 1  # nosemgrep", "logger.info(token)"],
        ["# launchgate is great", "logger.info(token)"],
        ["logger.info(nosemgrep_count)"],
    ],
)
def test_lines_that_do_not_silence_the_rule(lines: list[str]) -> None:
    assert suppression(lines, len(lines), RULE) is None
