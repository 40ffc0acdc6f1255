"""Each platform detector: strings it must flag and strings it must leave alone."""

from __future__ import annotations

import base64
import json

import pytest

from launchgate.checks.secrets.engine import LineScanner
from tests.checks.secrets.conftest import fake

SCANNER = LineScanner()


def jwt(role: str) -> str:
    def part(data: dict[str, str]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    claims = {"iss": "supabase", "ref": fake("", 20), "role": role}
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{fake('', 43)}"


MUST_FLAG = [
    ("supabase-service-role-key", f'SUPABASE_SERVICE_ROLE_KEY="{jwt("service_role")}"',
     jwt("service_role")),
    ("stripe-live-key", "STRIPE_SECRET_KEY=" + fake("sk_live_", 24), fake("sk_live_", 24)),
    ("database-url-password", f"DATABASE_URL=postgres://app:{fake('', 16)}@db:5432/app",
     fake("", 16)),
    ("database-url-password", f"url = 'mongodb+srv://u:{fake('', 12)}@c.mongodb.net'",
     fake("", 12)),
    ("aws-secret-access-key", "aws_secret_access_key = " + fake("", 40, seed=3),
     fake("", 40, seed=3)),
    ("github-token", 'GITHUB_TOKEN="' + fake("ghp_", 36) + '"', fake("ghp_", 36)),
    ("private-key", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----"),
]

MUST_IGNORE = [
    f'SUPABASE_ANON_KEY="{jwt("anon")}"',
    "DATABASE_URL=postgres://app:password@localhost/app",
    "DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app",
    "see https://example.com/docs",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"',
    '"integrity": "sha512-' + fake("", 86, seed=4) + '=="',
    "# pinned to upstream commit " + "0123456789abcdef" * 2 + "01234567",
    'REQUEST_ID = "6f1c2a9e-3b4d-4c5e-8f90-1a2b3c4d5e6f"',
    "-----BEGIN PUBLIC KEY-----",
]


@pytest.mark.parametrize(("rule", "line", "value"), MUST_FLAG)
def test_flags(rule: str, line: str, value: str) -> None:
    hits = SCANNER.scan_line(line, "config/settings.env")
    assert [(h.rule, h.value) for h in hits] == [(rule, value)]
    assert line[hits[0].start :].startswith(value)


@pytest.mark.parametrize("line", MUST_IGNORE)
def test_ignores(line: str) -> None:
    assert SCANNER.scan_line(line, "config/settings.env") == []
