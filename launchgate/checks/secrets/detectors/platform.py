"""Our detectors for the platform keys a chatbot SaaS holds: database, billing and cloud."""

from __future__ import annotations

import base64
import binascii
import json
import re

from launchgate.checks.secrets.detectors.base import PatternDetector, token


def jwt_claims(value: str) -> dict[str, object]:
    """The payload of a JWT, or an empty mapping when it does not decode."""
    parts = value.split(".")
    if len(parts) != 3:
        return {}
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def is_service_role(value: str) -> bool:
    return jwt_claims(value).get("role") == "service_role"


SUPABASE_SERVICE_ROLE = PatternDetector(
    rule="supabase-service-role-key",
    type="Supabase Service Role Key",
    anchors=("eyj",),
    pattern=token(r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}"),
    accept=is_service_role,
)

STRIPE_LIVE = PatternDetector(
    rule="stripe-live-key",
    type="Stripe Live Secret Key",
    anchors=("sk_live_", "rk_live_"),
    pattern=token(r"[sr]k_live_[A-Za-z0-9]{24,247}"),
)

DATABASE_URL = PatternDetector(
    rule="database-url-password",
    type="Database URL with Password",
    anchors=("://",),
    pattern=re.compile(
        r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql"
        r"|sqlserver|cockroachdb|clickhouse)(?:\+[a-z0-9]+)?://[^\s:/@'\"]+:"
        r"(?P<value>[^\s@/'\"]{4,})@[^\s'\"/]+"
    ),
)

AWS_SECRET = PatternDetector(
    rule="aws-secret-access-key",
    type="AWS Secret Access Key",
    anchors=("aws",),
    pattern=re.compile(
        r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?"
        r"(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
    ),
)

GITHUB = PatternDetector(
    rule="github-token",
    type="GitHub Token",
    anchors=("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    pattern=token(r"(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})"),
)

# The armour line stands for the key: one line is all a line scanner sees.
PRIVATE_KEY = PatternDetector(
    rule="private-key",
    type="Private Key",
    anchors=("private key",),
    pattern=re.compile(r"(?P<value>-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)"),
)

DETECTORS = (
    SUPABASE_SERVICE_ROLE, STRIPE_LIVE, DATABASE_URL, AWS_SECRET, GITHUB, PRIVATE_KEY,
)
