"""The markdown scorecard, compared as the exact text a reviewer reads."""

from __future__ import annotations

from launchgate import __version__
from launchgate.config.schema import Config
from launchgate.core.findings import CheckResult, Finding, Location, Outcome, SecretRef, Severity
from launchgate.core.rows import Row
from launchgate.core.scorecard import build_scorecard
from launchgate.report.markdown import escape_markdown, render_markdown

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
