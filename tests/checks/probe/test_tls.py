"""probe.tls against real HTTPS servers with trustme certificates."""

from __future__ import annotations

import datetime as dt
import ssl
import warnings

import pytest
import trustme

from launchgate.checks.probe.client import ProbeError
from launchgate.checks.probe.tls import TlsCheck
from launchgate.core.findings import Severity
from tests.checks.probe.conftest import rules
from tests.checks.probe.servers import chat_app


def _cert(ca: trustme.CA, days: float, host: str = "127.0.0.1") -> trustme.LeafCert:
    now = dt.datetime.now(dt.UTC)
    return ca.issue_cert(host, not_before=now - dt.timedelta(days=30),
                         not_after=now + dt.timedelta(days=days))


def test_valid_certificate_passes(https, probe):
    result = probe(TlsCheck(), url=https(chat_app()).url)
    assert result.findings == ()
    assert any("negotiated TLSv1.3" in note for note in result.notes)
    assert result.stats["requests_sent"] == 2


@pytest.mark.parametrize(("days", "severity"), [(10, Severity.BLOCKER), (20, Severity.WARNING)])
def test_certificate_expiring_soon(serve, ca, probe, days, severity):
    served = serve(chat_app(), cert=_cert(ca, days))
    [finding] = probe(TlsCheck(), url=served.url).findings
    assert (finding.rule, finding.severity) == ("certificate-expiring", severity)
    assert finding.location.url == served.url


def test_expired_certificate_is_a_blocker(serve, ca, probe):
    served = serve(chat_app(), cert=_cert(ca, -1))
    [finding] = probe(TlsCheck(), url=served.url).findings
    assert finding.rule == "certificate-invalid"
    assert "expired" in finding.evidence


def test_certificate_for_another_host_is_a_blocker(serve, ca, probe):
    served = serve(chat_app(), cert=ca.issue_cert("other.example"))
    [finding] = probe(TlsCheck(), url=served.url).findings
    assert finding.rule == "certificate-invalid"
    assert "mismatch" in finding.evidence.lower()


def test_tls_1_1_accepted_is_a_blocker(serve, ca, probe):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = ssl.TLSVersion.TLSv1
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    served = serve(chat_app(), context=context)
    assert rules(probe(TlsCheck(), url=served.url)) == ["legacy-tls"]


def test_plain_http_preview_is_a_blocker(serve, probe):
    served = serve(chat_app())
    [finding] = probe(TlsCheck(), url=served.url).findings
    assert (finding.rule, finding.severity) == ("plain-http-preview", Severity.BLOCKER)
    assert finding.location.describe() == f"GET {served.url}"
    assert "CONNECT" not in finding.evidence


def test_server_that_refuses_tls_is_an_error(serve, probe):
    served = serve(chat_app())  # speaks plain HTTP on the port the config calls https
    with pytest.raises(ProbeError, match="TLS handshake refused|cannot connect"):
        probe(TlsCheck(), url=served.url.replace("http://", "https://"))


def test_untrusted_ca_is_a_finding_not_a_pass(https, probe, tmp_path):
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    [finding] = probe(TlsCheck(), url=https(chat_app()).url, ca_bundle=str(other)).findings
    assert finding.rule == "certificate-invalid"
