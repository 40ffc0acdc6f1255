"""probe.tls: the preview is served over HTTPS with a valid, not-expiring certificate, TLS 1.2+."""

from __future__ import annotations

import datetime as dt
import ssl

from launchgate.checks.probe.client import CertificateError
from launchgate.checks.probe.exchange import PreviewCheck, ProbeSession, Sent
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.SSL_AND_REDIRECTS


class TlsCheck(PreviewCheck):
    """Handshakes with the preview host and reads what the certificate and protocol say."""

    id = "probe.tls"
    rows: tuple[Row, ...] = (ROW,)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        url = ctx.config.preview.url or ""
        if not url.startswith("https://"):  # what a browser does with this URL: GET it in clear
            return session.result(self.rows, [_plain_http(session, Sent("GET", url))])
        sent = Sent("CONNECT", url)
        try:
            tls = session.handshake(url)
        except CertificateError as exc:
            return session.result(self.rows, [_bad_certificate(session, sent, str(exc))])
        findings = [*_expiry(session, sent, tls.not_after, ctx), *_legacy(session, sent)]
        return session.result(self.rows, findings, [f"negotiated {tls.version}"])


def _plain_http(session: ProbeSession, sent: Sent) -> Finding:
    return session.finding(
        sent, ROW, "plain-http-preview", Severity.BLOCKER, "Preview is served over plain HTTP",
        "preview.url uses http://", "Serve the app over HTTPS only and redirect HTTP to it.",
    )


def _bad_certificate(session: ProbeSession, sent: Sent, reason: str) -> Finding:
    return session.finding(
        sent, ROW, "certificate-invalid", Severity.BLOCKER, "TLS certificate is not valid",
        reason, "Install a certificate for this host from a trusted CA, and renew it in time.",
        match="certificate-invalid",
    )


def _expiry(session: ProbeSession, sent: Sent, not_after: str, ctx: Context) -> list[Finding]:
    limits = ctx.config.preview.thresholds
    expires = dt.datetime.fromtimestamp(ssl.cert_time_to_seconds(not_after), dt.UTC)
    days = (expires - dt.datetime.now(dt.UTC)).total_seconds() / 86400
    if days >= limits.cert_warning_days:
        return []
    severity = Severity.BLOCKER if days < limits.cert_blocker_days else Severity.WARNING
    return [session.finding(
        sent, ROW, "certificate-expiring", severity,
        f"TLS certificate expires in {days:.0f} days",
        f"notAfter {not_after} (blocker under {limits.cert_blocker_days} days, "
        f"warning under {limits.cert_warning_days})",
        "Renew the certificate, and automate renewal.", match=not_after,
    )]


def _legacy(session: ProbeSession, sent: Sent) -> list[Finding]:
    legacy = session.legacy_handshake(sent.url)
    if legacy is None:
        return []
    return [session.finding(
        sent, ROW, "legacy-tls", Severity.BLOCKER, f"Server accepts {legacy.version}",
        f"a handshake offering only TLS 1.0/1.1 succeeded with {legacy.version}",
        "Disable TLS 1.0 and 1.1; allow TLS 1.2 and 1.3 only.", match="legacy-tls",
    )]
