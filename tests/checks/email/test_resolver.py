"""The DNS adapter against real servers: answers, void lookups, bounded retries, clear errors."""

from __future__ import annotations

import time

import pytest
from pydantic import ValidationError

from launchgate.checks.email.resolver import DnsClient
from launchgate.checks.email.spf import SpfCheck
from launchgate.config.schema import EmailConfig
from launchgate.demo.dns import silent_server
from launchgate.errors import CheckError
from tests.checks.email.conftest import MakeContext
from tests.checks.email.zones import PROVIDER_SPF


def test_reads_txt_and_reports_void_lookups_as_empty(nameserver: str) -> None:
    client = DnsClient([nameserver], timeout=1.0, retries=0)

    assert client.txt("_spf.provider.example") == [PROVIDER_SPF]
    assert client.txt("does-not-exist.example") == []
    assert client.mx("spf-good.example") == ["mx1.spf-good.example"]
    assert client.addresses("mx1.spf-good.example") == ["192.0.2.10"]


def test_servfail_is_retried_then_becomes_an_error(nameserver: str) -> None:
    client = DnsClient([nameserver], timeout=1.0, retries=2)

    with pytest.raises(CheckError, match=r"TXT servfail\.example got SERVFAIL \(3 tries\)"):
        client.txt("servfail.example")
    assert client.queries == 3


def test_servfail_deep_in_an_spf_tree_is_an_error_not_a_verdict(email_ctx: MakeContext) -> None:
    with pytest.raises(CheckError, match="TXT servfail.example got SERVFAIL"):
        SpfCheck().run(email_ctx("spf-incservfail.example", dns_retries=1))


def test_transient_servfail_is_retried_to_an_answer(email_ctx: MakeContext) -> None:
    result = SpfCheck().run(email_ctx("flaky.example", dns_retries=2))

    assert result.findings == ()


def test_server_that_never_answers_times_out_within_the_bound() -> None:
    with silent_server() as address:
        client = DnsClient([address], timeout=0.2, retries=1)
        started = time.monotonic()
        with pytest.raises(CheckError, match=r"timed out \(2 tries\)"):
            client.txt("example.com")
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("entry", ["127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353"])
def test_nameserver_entries_are_host_and_optional_port(entry: str) -> None:
    assert EmailConfig(nameservers=[entry]).nameservers == [entry]
    DnsClient([entry], timeout=1.0, retries=0)


@pytest.mark.parametrize("entry", ["dns.example:53", "127.0.0.1:", "1.2.3.4:port"])
def test_nameserver_that_is_not_host_port_is_a_config_error(entry: str) -> None:
    with pytest.raises(ValidationError, match="is not an IP address with an optional :port"):
        EmailConfig(nameservers=[entry])

