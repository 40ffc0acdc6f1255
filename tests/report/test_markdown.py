"""Markdown rendering: text from the scanned repository cannot inject markup or notify people."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchgate.report.markdown import Detail, escape_code, escape_markdown, render_markdown
from tests.scorecards import card_of, leaked_key, reflected_origin

Z = "\u200b"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("ping @octocat and @acme/security", f"ping @{Z}octocat and @{Z}acme/security"),
        ("fixes #12 and GH-7", f"fixes \\#{Z}12 and GH-{Z}7"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
        ("[click](https://evil.test)", f"\\[click\\]\\(https:{Z}//evil.test\\)"),
        ("see www.evil.test", f"see www{Z}.evil.test"),
        ("&#64;octocat", f"\\&\\#{Z}64;octocat"),
        ("**bold** _it_ `code` | cell", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\| cell"),
        ("line one\n## line two\r\n- item", "line one \\#\\# line two - item"),
        ("evil\u202etxt.exe\u200b", "eviltxt.exe"),
        ("plain words", "plain words"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_escape_code_keeps_one_line_without_backticks() -> None:
    assert escape_code("a`b\nc|d @x") == "a'b c\\|d @x"


def test_a_very_long_field_is_clipped() -> None:
    assert escape_markdown("a" * 5000) == "a" * 999 + "…"


def test_hostile_findings_render_inert() -> None:
    hostile = replace(
        leaked_key(path="src/@admin/<b>.py"),
        title="cc @ceo <script>x</script>\n# Approved",
        remediation="see #1",
        fingerprint="",
    )

    text = render_markdown(card_of(hostile))

    assert "@ceo" not in text and "#1" not in text
    assert "<script>" not in text and "\n# Approved" not in text
    assert "`src/@admin/<b>.py:12:5 @ c0ffeec0ffee`" in text  # code spans are inert as they are


def test_the_full_scorecard() -> None:
    text = render_markdown(card_of(leaked_key(), reflected_origin()))

    assert text.splitlines()[:5] == [
        "## launchgate: ❌ not ready to launch — 1 blocker, 1 warning",
        "",
        "| Check | Status | Blockers | Warnings | Notes |",
        "| --- | --- | ---: | ---: | --- |",
        "| Auth boundaries | ⏭️ skip | 0 | 0 | not checked yet |",
    ]
    assert text.split("### Blockers\n", 1)[1] == (
        "\n1. **AWS key** — `config/app.py:12:5 @ c0ffeec0ffee`\n"
        "   Secret handling · rule `aws-access-key` · AWS Access Key `AKIA…(20 chars)`\n"
        "   Fix: Rotate the key and remove it from history.\n"
        "\n### Warnings\n"
        "\n- **Origin reflected without credentials** — `POST https://pr-7.preview.test/api/chat`"
        " (CORS policy, `reflected-origin`)\n"
        "\n<sub>fail_on: blocker · launchgate 0.1.0</sub>\n"
    )


def test_the_smallest_form_keeps_the_table_and_counts_the_rest() -> None:
    blockers = [replace(leaked_key(path=f"f{n}.py"), fingerprint="") for n in range(3)]
    card = card_of(*blockers, reflected_origin())
    detail = Detail(
        warnings=False, blocker_details=False, max_blockers=1, full_report_url="https://r.test/1"
    )

    text = render_markdown(card, detail)

    assert "| Secret handling | ❌ fail | 3 | 0 |  |" in text
    assert text.split("### Blockers\n", 1)[1] == (
        "\n1. **AWS key** — `f0.py:12:5 @ c0ffeec0ffee`\n"
        "\n…and 2 more blockers in the [full report](https://r.test/1).\n"
        "\n1 warning listed in the [full report](https://r.test/1).\n"
        "\nDetails, evidence and fixes: [full report](https://r.test/1).\n"
        "\n<sub>fail_on: blocker · launchgate 0.1.0</sub>\n"
    )
