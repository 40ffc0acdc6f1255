"""Must-flag and must-ignore tables for value classification."""

from __future__ import annotations

import pytest

from launchgate.checks.repo.patterns import load_patterns
from launchgate.checks.repo.values import (
    credential_kind,
    endpoint_kind,
    is_placeholder,
    payment_testmode_kind,
    unquote,
)

P = load_patterns()

CREDENTIALS = [
    ("MODEL_API_KEY", "demo-model-key-0f3a9c1e7b5d2f48a6c0e9b1d7f3a5c2", "value of a credential"),
    ("SESSION_SECRET", "q8Vt4Rk8Wm3Np6Zs", "value of a credential"),
    ("DB_PASSWORD", "hunter2hunter2", "value of a credential"),
    ("DATABASE_URL", "postgres://app:s3cretpw@db.internal:5432/app", "URL with a password"),
    ("ANYTHING", "sk_live_DemoNotARealKey00000000", "payment key"),
    ("CONFIG", "-----BEGIN RSA PRIVATE KEY-----", "private key"),
    ("HEADER", "Bearer abcdefghijklmnopqrstuvwxyz0123", "bearer token"),
    ("github-token", "ghp_" + "a" * 36, "GitHub token"),
    ("apiKey", "Zq9Xw8Ve7Ut6Sr5Q", "value of a credential"),
]
NOT_CREDENTIALS = [
    ("MODEL_API_KEY", ""),
    ("MODEL_API_KEY", "<your model provider key>"),
    ("SESSION_SECRET", "changeme"),
    ("API_TOKEN", "${API_TOKEN}"),
    ("API_TOKEN", "${{ secrets.API_TOKEN }}"),
    ("STRIPE_SECRET_KEY", "sk_test_xxxxxxxx"),
    ("TOKEN_TTL_SECONDS", "86400000"),
    ("AUTH_URL", "https://auth.example.com/callback"),
    ("NEXT_PUBLIC_API_KEY", "pub-visible-in-browser-anyway"),
    ("APP_ENV", "production-eu-central"),
    ("API_KEY", "short"),
    ("DATABASE_URL", "postgres://app@db.internal:5432/app"),
    ("secretName", "tls-secret-for-app"),
    ("DB_PASSWORD_FILE", "/run/secrets/db_password"),
    ("password", "var.db_password"),
    ("KEY", "openai-api-key"),
]


@pytest.mark.parametrize(("name", "value", "kind"), CREDENTIALS)
def test_flags_credentials(name: str, value: str, kind: str) -> None:
    assert (credential_kind(name, value, P) or "").startswith(kind)


@pytest.mark.parametrize(("name", "value"), NOT_CREDENTIALS)
def test_ignores_placeholders_and_plain_settings(name: str, value: str) -> None:
    assert credential_kind(name, value, P) is None


@pytest.mark.parametrize("value", ["", "xxxx", "<token>", "your-key-here", "CHANGE_ME", "..."])
def test_placeholders(value: str) -> None:
    assert is_placeholder(value, P)


@pytest.mark.parametrize(
    ("name", "value", "kind"),
    [
        ("STRIPE_SECRET_KEY", "sk_test_DemoNotARealKey0000", "Stripe test key"),
        ("STRIPE_PUBLISHABLE_KEY", "pk_test_DemoNotARealKey0000", "Stripe test key"),
        ("PAYPAL_API", "https://api-m.sandbox.paypal.com/v2", "PayPal sandbox endpoint"),
        ("PAYPAL_MODE", "sandbox", "payment provider in test mode"),
    ],
)
def test_flags_test_payments(name: str, value: str, kind: str) -> None:
    assert payment_testmode_kind(name, value, P) == kind


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STRIPE_SECRET_KEY", "sk_live_DemoNotARealKey0000"),
        ("PAYPAL_MODE", "live"),
        ("APP_MODE", "sandbox"),
        ("PAYPAL_API", "https://api-m.paypal.com/v2"),
    ],
)
def test_ignores_live_payments(name: str, value: str) -> None:
    assert payment_testmode_kind(name, value, P) is None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://localhost:8000", "localhost"),
        ("redis://127.0.0.1:6379/0", "localhost"),
        ("http://[::1]:3000/", "localhost"),
        ("https://api.staging.example.com", "non-production"),
        ("https://staging-api.example.com/v1", "non-production"),
        ("https://shop.example.test", "non-production"),
        ("https://sandbox.example.com", "non-production"),
        ("https://api.example.com", None),
        ("https://devotion.example.com", None),
        ("https://contest.example.com", None),
    ],
)
def test_endpoint_kind(url: str, kind: str | None) -> None:
    assert endpoint_kind(url, P) == kind


def test_unquote() -> None:
    assert unquote(' "a # b" ') == "a # b"
    assert unquote("abc # note") == "abc"
    assert unquote("'x'") == "x"
