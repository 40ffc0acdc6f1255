"""SPF against a real DNS server: a good record passes, each way to be wrong is found."""

from __future__ import annotations

import pytest

from launchgate.checks.email.spf import SpfCheck
from launchgate.core.findings import CheckResult, Severity
from tests.checks.email.conftest import MakeContext


def run(email_ctx: MakeContext, domain: str) -> CheckResult:
    return SpfCheck().run(email_ctx(domain))


def rules(result: CheckResult, severity: Severity) -> set[str]:
    return {f.rule for f in result.findings if f.severity is severity}


@pytest.mark.parametrize("domain", ["spf-good.example", "spf-redirect.example"])
def test_good_record_passes_and_shows_the_lookup_count(email_ctx: MakeContext, domain: str) -> None:
    result = run(email_ctx, domain)

    assert result.findings == ()
    assert result.notes[0].startswith("SPF ")
    assert "/10 DNS lookups, 0/2 void lookups" in result.notes[0]


def test_lookup_count_covers_include_and_mx(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-good.example")

    assert result.stats["dns_lookups"] == 2  # include:_spf.provider.example, mx


@pytest.mark.parametrize(
    ("domain", "blocker"),
    [
        ("spf-none.example", "spf-missing"),
        ("spf-multiple.example", "spf-multiple"),
        ("spf-syntax.example", "spf-syntax"),
        ("spf-lookups.example", "spf-too-many-lookups"),
        ("spf-void.example", "spf-void-lookups"),
        ("spf-loop.example", "spf-include-loop"),
        ("spf-incmissing.example", "spf-target-missing"),
        ("spf-plusall.example", "spf-all-permissive"),
        ("spf-neutral.example", "spf-all-permissive"),
        ("spf-noall.example", "spf-all-permissive"),
    ],
)
def test_broken_record_is_a_blocker(email_ctx: MakeContext, domain: str, blocker: str) -> None:
    result = run(email_ctx, domain)

    assert blocker in rules(result, Severity.BLOCKER)


def test_each_invalid_term_is_named(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-syntax.example")

    titles = sorted(f.title for f in result.findings if f.rule == "spf-syntax")
    assert titles == [
        "SPF term 'a:bad..name' is invalid: 'bad..name' is not a valid domain name",
        "SPF term 'inclde:_spf.provider.example' is invalid: unknown mechanism",
        "SPF term 'ip4:999.1.1.1' is invalid: '999.1.1.1' is not a valid IPv4 network",
    ]


def test_no_fix_is_offered_that_would_authorize_no_sender(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-syntax.example")

    # Dropping every invalid term leaves "v=spf1 -all": publishing that would stop all mail.
    assert {f.remediation for f in result.findings} == {"Correct the invalid terms, or drop them."}


def test_include_without_spf_record_names_the_include(email_ctx: MakeContext) -> None:
    (finding,) = run(email_ctx, "spf-incmissing.example").findings

    assert finding.title == (
        "SPF include target nospf.example has no SPF record (a permanent error)"
    )
    assert finding.remediation == (
        "Check the spelling of nospf.example; drop include:nospf.example if that sender is gone."
    )


def test_too_many_lookups_shows_the_count(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-lookups.example")

    (finding,) = [f for f in result.findings if f.rule == "spf-too-many-lookups"]
    assert finding.title == "SPF needs 18 DNS lookups (limit 10): receivers fail it"
    assert "SPF 18/10 DNS lookups" in result.notes[0]


def test_void_lookups_are_counted_and_named(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-void.example")

    (finding,) = [f for f in result.findings if f.rule == "spf-void-lookups"]
    assert finding.title == (
        "SPF makes 3 void DNS lookups (limit 2): gone1.example, gone2.example, gone3.example"
    )


def test_loop_names_the_chain(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-loop.example")

    (finding,) = [f for f in result.findings if f.rule == "spf-include-loop"]
    assert finding.title == (
        "SPF include loop: spf-loop.example -> loop-b.example -> spf-loop.example"
    )
    assert finding.location.url == "loop-b.example"


def test_permissive_all_shows_the_record_and_the_fix(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-plusall.example")

    (finding,) = result.findings
    assert finding.evidence == 'TXT spf-plusall.example: "v=spf1 ip4:192.0.2.1 +all"'
    assert finding.remediation == (
        'Publish at spf-plusall.example: TXT "v=spf1 ip4:192.0.2.1 -all"'
    )


def test_missing_all_without_redirect_gets_one(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-noall.example")

    (finding,) = result.findings
    assert "no 'all' term and no redirect" in finding.title
    assert finding.remediation.endswith('TXT "v=spf1 ip4:192.0.2.1 -all"')


def test_two_records_are_merged_into_one(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-multiple.example")

    (finding,) = result.findings
    assert finding.remediation.endswith(
        'TXT "v=spf1 ip4:192.0.2.1 include:_spf.provider.example -all"'
    )


def test_ptr_is_a_warning_not_a_blocker(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-ptr.example")

    assert rules(result, Severity.WARNING) == {"spf-ptr"}
    assert rules(result, Severity.BLOCKER) == set()


def test_oversized_record_is_a_warning(email_ctx: MakeContext) -> None:
    result = run(email_ctx, "spf-big.example")

    assert rules(result, Severity.WARNING) == {"spf-record-size"}
    assert rules(result, Severity.BLOCKER) == set()


def test_lookup_limit_is_configuration(email_ctx: MakeContext) -> None:
    result = SpfCheck().run(email_ctx("spf-good.example", spf_max_lookups=1))

    assert rules(result, Severity.BLOCKER) == {"spf-too-many-lookups"}


def test_no_domain_is_skipped_with_the_reason(email_ctx: MakeContext) -> None:
    assert SpfCheck().needs(email_ctx(None)) == "no email.domain configured"
