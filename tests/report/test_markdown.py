"""The markdown scorecard, compared as the exact text a reviewer reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchgate import __version__
from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Finding, Location, Outcome, SecretRef, Severity
from launchgate.core.rows import Row
from launchgate.core.scorecard import build_scorecard
from launchgate.report.markdown import Detail, escape_code, escape_markdown, render_markdown
from tests.scorecards import card_of, leaked_key, reflected_origin

SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"


def sample_results() -> list[CheckResult]:
    leaked = Finding(
        "secrets.history",
        Row.SECRET_HANDLING,
        "openai-api-key",
        Severity.BLOCKER,
        "OpenAI API key in git history",
        Location("backend/settings.py", 3, 18, "0123456789abcdef0123"),
        remediation="Rotate the key, then remove it from history.",
        secret=SecretRef.of("OpenAI API key", SECRET),
    )
    hsts = Finding(
        "probe.headers",
        Row.SECURITY_HEADERS,
        "hsts-missing",
        Severity.WARNING,
        "No HSTS | header <b>",
        Location(url="https://x.test/", method="GET"),
    )
    return [
        CheckResult(
            "secrets.history", (Row.SECRET_HANDLING,), findings=(leaked,), notes=("12 commits",)
        ),
        CheckResult("probe.headers", (Row.SECURITY_HEADERS,), findings=(hsts,)),
        CheckResult("email.spf", (Row.EMAIL_AUTHENTICATION,), Outcome.SKIPPED, reason="no domain"),
    ]


EXPECTED_TABLE = """\
| Check | Status | Blockers | Warnings | Notes |
| --- | --- | ---: | ---: | --- |
| Auth boundaries | ⏭️ skip | 0 | 0 | not checked yet |
| Secret handling | ❌ fail | 1 | 0 | secrets.history: 12 commits |
| Input validation | ⏭️ skip | 0 | 0 | not checked yet |
| Rate limiting | ⏭️ skip | 0 | 0 | not checked yet |
| CORS policy | ⏭️ skip | 0 | 0 | not checked yet |
| Email authentication | ⏭️ skip | 0 | 0 | email.spf: skipped — no domain |
| SSL and redirects | ⏭️ skip | 0 | 0 | not checked yet |
| Security headers | ⚠️ warn | 0 | 1 |  |
| Monitoring | ⏭️ skip | 0 | 0 | not checked yet |
| Logging hygiene | ⏭️ skip | 0 | 0 | not checked yet |
| Deployment config | ⏭️ skip | 0 | 0 | not checked yet |
| Tool-call safety | ⏭️ skip | 0 | 0 | not checked yet |
| Tenant isolation of keys | ⏭️ skip | 0 | 0 | not checked yet |
| Performance | ⏭️ skip | 0 | 0 | not checked yet |
"""

EXPECTED_DETAILS = f"""\
### Blockers

1. **OpenAI API key in git history** — `backend/settings.py:3:18 @ 0123456789ab`
   - Secret handling · rule `openai-api-key` · OpenAI API key `sk-p…(44 chars)`
   - Fix: Rotate the key, then remove it from history.

### Warnings

- **No HSTS \\| header \\<b\\>** — `GET https://x.test/` (Security headers, `hsts-missing`)

<sub>fail_on: blocker · launchgate {__version__}</sub>
"""


def test_scorecard_exact_text() -> None:
    text = render_markdown(build_scorecard(sample_results(), Config()))
    head = "## launchgate: ❌ not ready to launch — 1 blocker, 1 warning\n\n"
    assert text == head + EXPECTED_TABLE + "\n" + EXPECTED_DETAILS
    assert SECRET not in text


def test_headline_says_how_much_was_checked_when_passing() -> None:
    results = [CheckResult("secrets.history", (Row.SECRET_HANDLING,))]
    text = render_markdown(build_scorecard(results, Config()))
    assert text.startswith("## launchgate: ✅ no blockers in 1 of 14 rows checked — 0 blockers")


def test_escaping_defuses_markdown_html_and_mentions() -> None:
    assert escape_markdown("@octocat <img src=x> [a](b)\nnext") == (
        "@\u200boctocat \\<img src=x\\> \\[a\\]\\(b\\) next"
    )


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
        ("rua=mailto:dmarc@example.com", "rua=mailto:dmarc@example.com"),
        ("(@octocat) a.b@c", f"\\(@{Z}octocat\\) a.b@c"),
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
        "   - Secret handling · rule `aws-access-key` · AWS Access Key `AKIA…(20 chars)`\n"
        "   - Fix: Rotate the key and remove it from history.\n"
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


def test_headline_when_rows_could_not_be_checked() -> None:
    down = CheckResult("probe.cors", (Row.CORS_POLICY,), Outcome.ERROR, reason="cannot connect")
    text = render_markdown(build_scorecard([down], Config()))
    assert text.startswith(
        "## launchgate: ⚠️ no blockers found, but 1 row could not be checked — 0 blockers"
    )


def test_headline_names_a_crashed_check() -> None:
    crashed = CheckResult("secrets.history", (Row.SECRET_HANDLING,), Outcome.ERROR, reason="bug")
    text = render_markdown(build_scorecard([crashed], Config(), crashed=["secrets.history"]))
    assert text.startswith("## launchgate: ❌ not ready to launch — 0 blockers, 0 warnings\n\n")
    assert "launchgate itself failed in secrets.history: the verdict is fail" in text
