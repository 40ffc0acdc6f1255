"""DMARC against a real DNS server: an enforcing policy passes; each weakness is found."""

from __future__ import annotations

import socket

import pytest

from launchgate.checks.email import dmarc
from launchgate.checks.email.dmarc import DmarcCheck, organizational_domain
from launchgate.core.findings import CheckResult, Severity
from tests.checks.email.conftest import MakeContext


def run(email_ctx: MakeContext, domain: str) -> CheckResult:
    return DmarcCheck().run(email_ctx(domain))


def by_severity(result: CheckResult) -> dict[str, set[str]]:
    return {s: {f.rule for f in result.findings if f.severity is s} for s in Severity}


def test_enforcing_policy_passes_and_reports_alignment(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "dmarc-good.example")

    assert result.findings == ()
    assert result.notes == ("DMARC p=reject; alignment: DKIM strict, SPF relaxed",)


def test_subdomain_falls_back_to_the_organizational_domain(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "subdomain-only.dmarc-good.example")

    assert result.findings == ()
    assert "inherited from _dmarc.dmarc-good.example" in result.notes[0]


def test_inherited_sp_none_is_a_blocker_for_the_subdomain(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "mail.org-spnone.example")

    assert by_severity(result)[Severity.BLOCKER] == {"dmarc-policy-none"}


def test_policy_none_is_a_blocker_with_the_advice_and_the_record(email_ctx: MakeContext) -> None:
    (finding,) = run(email_ctx, "dmarc-none.example").findings

    assert finding.rule == "dmarc-policy-none"
    assert finding.severity is Severity.BLOCKER
    assert finding.evidence == (
        'TXT _dmarc.dmarc-none.example: "v=DMARC1; p=none; rua=mailto:dmarc@dmarc-none.example"'
    )
    assert "Move to p=quarantine once the aggregate (rua) reports" in finding.remediation
    assert finding.remediation.endswith(
        'Publish at _dmarc.dmarc-none.example: '
        'TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@dmarc-none.example"'
    )


@pytest.mark.parametrize(
    ("domain", "blocker"),
    [
        ("dmarc-missing.example", "dmarc-missing"),
        ("dmarc-syntax.example", "dmarc-syntax"),
        ("dmarc-multiple.example", "dmarc-multiple"),
        ("dmarc-badrua.example", "dmarc-syntax"),
    ],
)
def test_broken_policy_is_a_blocker(email_ctx: MakeContext, domain: str, blocker: str) -> None:
    assert by_severity(run(email_ctx, domain))[Severity.BLOCKER] == {blocker}


@pytest.mark.parametrize(
    ("domain", "warning", "fixed"),
    [
        ("dmarc-pct.example", "dmarc-pct",
         "v=DMARC1; p=quarantine; rua=mailto:d@dmarc-pct.example"),
        ("dmarc-spnone.example", "dmarc-subdomain-none",
         "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@dmarc-spnone.example"),
        ("dmarc-norua.example", "dmarc-no-rua",
         "v=DMARC1; p=reject; rua=mailto:dmarc-reports@dmarc-norua.example"),
        ("dmarc-badtag.example", "dmarc-unknown-tag",
         "v=DMARC1; p=reject; rua=mailto:d@dmarc-badtag.example"),
    ],
)
def test_weakness_is_a_warning_with_the_fixed_record(
    email_ctx: MakeContext, domain: str, warning: str, fixed: str
) -> None:
    result = run(email_ctx, domain)

    assert by_severity(result) == {
        Severity.BLOCKER: set(), Severity.WARNING: {warning}, Severity.INFO: set()
    }
    assert result.findings[0].remediation == f'Publish at _dmarc.{domain}: TXT "{fixed}"'


def test_external_report_destination_needs_its_authorization(email_ctx: MakeContext) -> None:
    (finding,) = run(email_ctx, "dmarc-external.example").findings

    assert finding.rule == "dmarc-report-unauthorized"
    name = "dmarc-external.example._report._dmarc.reports.vendor.example"
    assert finding.location.url == name
    assert finding.remediation.endswith(f'Publish at {name}: TXT "v=DMARC1"')


def test_authorized_external_destination_passes(email_ctx: MakeContext) -> None:
    assert run(email_ctx, "dmarc-external-ok.example").findings == ()


def test_organizational_domain_uses_the_bundled_public_suffix_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_network(*args: object) -> None:
        raise AssertionError(f"network use: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    dmarc._public_suffixes.cache_clear()

    assert organizational_domain("mail.example.co.uk") == "example.co.uk"
    assert organizational_domain("a.b.example.com") == "example.com"


def test_no_domain_is_skipped_with_the_reason(email_ctx: MakeContext) -> None:
    assert DmarcCheck().needs(email_ctx(None)) == "no email.domain configured"
