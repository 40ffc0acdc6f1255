"""detect-secrets' plugins through our adapter: what they flag, and the noise we drop."""

from __future__ import annotations

import pytest

from launchgate.checks.secrets.engine import LineScanner
from tests.checks.secrets.conftest import fake

SCANNER = LineScanner()

MUST_FLAG = [
    ("aws-access-key", 'key = "' + fake("AKIA", 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") + '"',
     "app.py"),
    ("slack-token", "slack: " + fake("xoxb-1234567890-", 24, "abcdefghijklmnop0123"),
     "a.yaml"),
    ("secret-keyword", 'DATABASE_PASSWORD = "' + fake("", 18, seed=5) + '"', "app.py"),
    ("secret-keyword", "db_password: " + fake("", 14, seed=6), "config.yaml"),
    ("sendgrid-key", fake("SG.", 22) + "." + fake("", 43, seed=7), "mail.py"),
]

MUST_IGNORE = [
    ('password = os.environ["DB_PASSWORD"]', "app.py"),
    ('password = get_secret("db")', "app.py"),
    ('secret = "${SECRET}"', "app.js"),
    ('DATABASE_PASSWORD = "' + fake("", 18, seed=5) + '"  # pragma: allowlist secret', "a.py"),
    ('DATABASE_PASSWORD = "' + fake("", 18, seed=5) + '"  # launchgate: allow', "a.py"),
    ('token = "abc"', "app.py"),
    ("keys = sorted(mapping.keys())", "app.py"),
    ('description: "Git history to scan for secrets: full, pr (commits not on main) or skip."',
     "action.yml"),
    ("token: ${{ secrets.GITHUB_TOKEN }}", "ci.yml"),
]


@pytest.mark.parametrize(("rule", "line", "path"), MUST_FLAG)
def test_flags(rule: str, line: str, path: str) -> None:
    assert [h.rule for h in SCANNER.scan_line(line, path)] == [rule]


@pytest.mark.parametrize(("line", "path"), MUST_IGNORE)
def test_ignores(line: str, path: str) -> None:
    assert SCANNER.scan_line(line, path) == []
