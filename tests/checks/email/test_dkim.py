"""DKIM against a real DNS server: strong keys pass; missing, weak, revoked and broken are found."""

from __future__ import annotations

import pytest

from launchgate.checks.email.dkim import DkimCheck
from launchgate.core.findings import CheckResult, Severity
from tests.checks.email.conftest import MakeContext


def run(email_ctx: MakeContext, domain: str, selectors: list[str] | None = None) -> CheckResult:
    return DkimCheck().run(email_ctx(domain, dkim_selectors=selectors or []))


def by_severity(result: CheckResult) -> dict[str, set[str]]:
    return {s: {f.rule for f in result.findings if f.severity is s} for s in Severity}


@pytest.mark.parametrize("domain", ["dkim-good.example", "dkim-ed25519.example"])
def test_strong_key_passes(email_ctx: MakeContext, domain: str) -> None:
    result = run(email_ctx, domain, ["s1"])

    assert result.findings == ()
    assert result.notes == ("DKIM selectors with a key: s1",)


@pytest.mark.parametrize(
    ("domain", "blocker"),
    [
        ("dkim-missing.example", "dkim-missing"),
        ("dkim-weak.example", "dkim-weak-key"),
        ("dkim-revoked.example", "dkim-revoked"),
        ("dkim-nokey.example", "dkim-syntax"),
        ("dkim-garbage.example", "dkim-bad-key"),
    ],
)
def test_broken_key_is_a_blocker(email_ctx: MakeContext, domain: str, blocker: str) -> None:
    result = run(email_ctx, domain, ["s1"])

    assert by_severity(result)[Severity.BLOCKER] == {blocker}


def test_weak_key_names_its_size_and_shows_the_record(email_ctx: MakeContext) -> None:
    (finding,) = run(email_ctx, "dkim-weak.example", ["s1"]).findings

    assert finding.title == "DKIM key for s1 is 768-bit RSA (minimum 1024)"
    assert finding.evidence.startswith('TXT s1._domainkey.dkim-weak.example: "v=DKIM1; k=rsa; p=')


def test_1024_bit_key_is_a_warning(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "dkim-short.example", ["s1"])

    assert by_severity(result)[Severity.WARNING] == {"dkim-short-key"}
    assert by_severity(result)[Severity.BLOCKER] == set()


def test_minimum_key_size_is_configuration(email_ctx: MakeContext) -> None:
    result = DkimCheck().run(
        email_ctx("dkim-short.example", dkim_selectors=["s1"], min_rsa_bits=2048)
    )

    assert by_severity(result)[Severity.BLOCKER] == {"dkim-weak-key"}


def test_common_selectors_are_guessed_when_none_are_configured(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "dkim-guess.example")

    assert result.findings == ()
    assert result.notes == ("DKIM selectors with a key: google (guessed)",)


def test_no_guessed_selector_found_is_a_warning(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "dkim-missing.example")

    assert by_severity(result)[Severity.WARNING] == {"dkim-not-found"}
    assert by_severity(result)[Severity.BLOCKER] == set()


def test_no_domain_is_skipped_with_the_reason(email_ctx: MakeContext) -> None:
    assert DkimCheck().needs(email_ctx(None)) == "no email.domain configured"
