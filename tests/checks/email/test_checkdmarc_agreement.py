"""launchgate and checkdmarc on the same zones: where checkdmarc reports an error, so must we.

Both tools talk only to the test DNS server; a guard on the socket layer fails the test if
either one tries to reach any other address (or to resolve a host name through the system).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dns.nameserver
import pytest
from checkdmarc.dmarc import check_dmarc
from checkdmarc.spf import check_spf

from launchgate.checks.email.dmarc import DmarcCheck
from launchgate.checks.email.spf import SpfCheck
from launchgate.config.schema import Config, EmailConfig
from launchgate.core.check import Context
from launchgate.core.findings import Severity
from tests.checks.email.zones import DMARC_ZONES, SPF_ZONES

SPF_DOMAINS = sorted(SPF_ZONES)
DMARC_DOMAINS = [
    *sorted(DMARC_ZONES), "mail.org-spnone.example", "subdomain-only.dmarc-good.example",
]
CHECKDMARC_SPF_ERRORS = {
    "spf-none.example", "spf-multiple.example", "spf-syntax.example", "spf-lookups.example",
    "spf-void.example", "spf-loop.example", "loop-b.example", "spf-incmissing.example",
    "nospf.example",
}
CHECKDMARC_DMARC_ERRORS = {
    "dmarc-missing.example", "dmarc-syntax.example", "dmarc-multiple.example",
}


@pytest.fixture
def only_local_network(
    monkeypatch: pytest.MonkeyPatch, nameserver: str
) -> Iterator[list[object]]:
    """Fail on any packet or connection that is not to the test server (or its replies)."""
    host, port = nameserver.split(":")
    allowed = (host, int(port))
    stray: list[object] = []

    def guard(original: Callable[..., Any], where: int) -> Callable[..., Any]:
        def checked(sock: socket.socket, *args: Any) -> Any:
            is_server_reply = tuple(sock.getsockname()[:2]) == allowed
            if tuple(args[where][:2]) != allowed and not is_server_reply:
                stray.append(args[where])
                raise OSError(f"test blocked traffic to {args[where]}")
            return original(sock, *args)
        return checked

    monkeypatch.setattr(socket.socket, "sendto", guard(socket.socket.sendto, -1))
    monkeypatch.setattr(socket.socket, "connect", guard(socket.socket.connect, 0))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(socket.socket.connect_ex, 0))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: stray.append(a) or [])
    yield stray
    assert stray == [], f"traffic outside the test DNS server: {stray}"


def checkdmarc_nameservers(nameserver: str) -> list[dns.nameserver.Nameserver]:
    host, port = nameserver.split(":")
    return [dns.nameserver.Do53Nameserver(host, int(port))]


def launchgate_blockers(check: SpfCheck | DmarcCheck, domain: str, nameserver: str) -> set[str]:
    config = Config(email=EmailConfig(domain=domain, nameservers=[nameserver]))
    result = check.run(Context(root=Path("."), config=config))
    return {f.rule for f in result.findings if f.severity is Severity.BLOCKER}


CASES = [("spf", d) for d in SPF_DOMAINS] + [("dmarc", d) for d in DMARC_DOMAINS]


@pytest.mark.parametrize(("kind", "domain"), CASES)
@pytest.mark.usefixtures("only_local_network")
def test_where_checkdmarc_reports_an_error_launchgate_blocks(
    kind: str, domain: str, nameserver: str
) -> None:
    servers = checkdmarc_nameservers(nameserver)
    if kind == "spf":
        theirs: dict[str, Any] = dict(check_spf(domain, nameservers=servers, retries=0))
        ours = launchgate_blockers(SpfCheck(), domain, nameserver)
        expected_errors = CHECKDMARC_SPF_ERRORS
    else:
        theirs = dict(check_dmarc(domain, nameservers=servers, retries=0))
        ours = launchgate_blockers(DmarcCheck(), domain, nameserver)
        expected_errors = CHECKDMARC_DMARC_ERRORS

    assert (domain in expected_errors) is (not theirs["valid"]), theirs.get("error")
    if not theirs["valid"]:
        assert ours, f"checkdmarc: {theirs['error']}; launchgate found no blocker"


def test_the_guard_catches_traffic_elsewhere(only_local_network: list[object]) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock,
        pytest.raises(OSError, match="test blocked traffic"),
    ):
        sock.sendto(b"x", ("127.0.0.2", 53))

    assert only_local_network == [("127.0.0.2", 53)]
    only_local_network.clear()
