"""The probe's HTTP client: host-locked, budgeted, with credentials that never reach a log."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import httpx

from launchgate.checks.probe.deadline import DeadlineBackend, deadline_in
from launchgate.config.schema import PreviewConfig
from launchgate.core.check import Context
from launchgate.errors import CheckError

log = logging.getLogger(__name__)

SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})
TRUNCATED = "launchgate.truncated"  # response extension: the body was cut at the size cap
_SHARED_KEY = "probe.client"


class ProbeError(CheckError):
    """The preview could not be reached or answered in a way the probe cannot use."""


class ProbeTimeout(ProbeError):
    """The preview accepted the request but did not answer within the timeout."""


class CertificateError(ProbeError):
    """The preview's TLS certificate failed verification (expired, wrong host, untrusted)."""


@dataclass(frozen=True)
class TlsSession:
    """What one verified TLS handshake showed: the protocol and the peer certificate."""

    version: str
    not_after: str
    subject_names: tuple[str, ...]


@dataclass(frozen=True)
class RequestSpec:
    """``"POST /api/chat"`` split into a method and a path (or absolute URL)."""

    method: str
    target: str

    @classmethod
    def parse(cls, text: str) -> RequestSpec:
        parts = text.split(None, 1)
        if len(parts) != 2 or not parts[0].isalpha():
            raise ProbeError(f"request '{text}' must read 'METHOD /path'")
        return cls(parts[0].upper(), parts[1].strip())


class ProbeClient:
    """One client per run: it only talks to the preview's hosts and counts every request."""

    def __init__(self, preview: PreviewConfig, root: Path) -> None:
        if not preview.url:
            raise ProbeError("preview.url is not set")
        self.base_url = preview.url.rstrip("/") + "/"
        self.accounts = preview.accounts
        self.max_requests = preview.max_requests
        self.allowed_hosts = {_host(u) for u in (preview.url, preview.http_url) if u}
        self.sent = 0
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(preview.concurrency)
        self._timeout = preview.timeout_s
        self._max_bytes = preview.max_response_bytes
        self._cafile = _ca_path(preview.ca_bundle, root)
        transport = httpx.HTTPTransport(verify=_verify(self._cafile))
        # httpx has no whole-request timeout: the pool's sockets wait at most the time left.
        transport._pool._network_backend = DeadlineBackend()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(preview.timeout_s),
            follow_redirects=False,
            headers={"User-Agent": "launchgate-probe/1"},
        )

    def url(self, target: str) -> str:
        """An absolute URL for a path (or URL) on the preview."""
        return urljoin(self.base_url, target.lstrip("/")) if "://" not in target else target

    def request(
        self,
        method: str,
        target: str,
        *,
        account: str | None = None,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request as ``account`` (or anonymously); errors become ``ProbeError``.

        The whole exchange, body included, must end within the request's ``timeout`` (by
        default ``preview.timeout_s``); a longer body is cut at ``preview.max_response_bytes``.
        """
        url = self._locked(target)
        self._spend()
        merged = {**self.credentials(account), **(headers or {})}
        limit_s = kwargs.get("timeout")
        limit_s = limit_s if isinstance(limit_s, float | int) else self._timeout
        with self._slots:
            log.debug("%s %s as %s", method, url, account or "anonymous")
            with (
                deadline_in(limit_s),
                self._sent(method, url, merged, kwargs) as response,
                _translated(url),
            ):
                return _buffered(response, self._max_bytes)

    def tls_handshake(self, url: str) -> TlsSession:
        """One verified handshake with ``url``'s host (budgeted, host-locked).

        Verification is never turned off: a bad certificate raises ``CertificateError``.
        """
        session = self._tls(url, legacy=False)
        if session is None:
            raise ProbeError(f"{_host(url)}: TLS handshake refused")
        return session

    def legacy_tls_handshake(self, url: str) -> TlsSession | None:
        """A verified handshake offering only TLS 1.0/1.1; ``None`` when the server refuses."""
        return self._tls(url, legacy=True)

    def _tls(self, url: str, legacy: bool) -> TlsSession | None:
        parts = urlsplit(url)
        if parts.scheme != "https" or _host(url) not in self.allowed_hosts:
            raise ProbeError(f"refusing a TLS handshake with {_host(url)}: not the preview host")
        self._spend()
        context = self._tls_context(legacy)
        host, port = parts.hostname or "", parts.port or 443
        with self._slots:
            log.debug("TLS handshake with %s:%s (legacy=%s)", host, port, legacy)
            return _handshake(context, host, port, self._timeout, legacy)

    def _tls_context(self, legacy: bool) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self._cafile) if self._cafile else None)
        if legacy:
            with warnings.catch_warnings():  # offering the old versions is the point here
                warnings.simplefilter("ignore", DeprecationWarning)
                context.minimum_version = ssl.TLSVersion.TLSv1
                context.maximum_version = ssl.TLSVersion.TLSv1_1
            context.set_ciphers("DEFAULT:@SECLEVEL=0")
        return context

    @contextlib.contextmanager
    def stream(
        self,
        method: str,
        target: str,
        *,
        account: str | None = None,
        **kwargs: Any,
    ) -> Iterator[httpx.Response]:
        """Like ``request``, but the caller reads the body (streamed or long replies).

        The caller bounds the read itself, in time and size (``replies.read_reply`` does).
        """
        url = self._locked(target)
        self._spend()
        with self._slots:
            log.debug("%s %s as %s (streamed)", method, url, account or "anonymous")
            with self._sent(method, url, self.credentials(account), kwargs) as response:
                yield response

    @contextlib.contextmanager
    def _sent(
        self, method: str, url: str, headers: Mapping[str, str], kwargs: dict[str, Any]
    ) -> Iterator[httpx.Response]:
        """The response with its body still unread; closed when the block ends."""
        with _translated(url):
            request = self._client.build_request(method, url, headers=headers, **kwargs)
            response = self._client.send(request, stream=True)
        try:
            yield response
        finally:
            response.close()

    def _locked(self, target: str) -> str:
        url = self.url(target)
        if _host(url) not in self.allowed_hosts:
            raise ProbeError(f"refusing to send a request to {_host(url)}: not the preview host")
        return url

    def credentials(self, account: str | None) -> dict[str, str]:
        """The headers (and cookie header) that make a request come from ``account``."""
        if account is None:
            return {}
        if account not in self.accounts:
            raise ProbeError(f"preview.accounts has no account '{account}'")
        found = self.accounts[account]
        creds = dict(found.headers)
        if found.cookies:
            creds["Cookie"] = "; ".join(f"{k}={v}" for k, v in found.cookies.items())
        return creds

    def totals(self) -> dict[str, int]:
        """Requests this run sent to the preview, whichever check sent them, however they ended."""
        return {"requests_sent": self.sent, "request_budget": self.max_requests}

    def close(self) -> None:
        self._client.close()

    def _spend(self) -> None:
        with self._lock:
            if self.sent >= self.max_requests:
                limit = self.max_requests
                raise ProbeError(f"request budget of {limit} spent (preview.max_requests)")
            self.sent += 1


def probe_client(ctx: Context) -> ProbeClient:
    """The run's one probe client (shared by every probe check, so the budget is global)."""
    return ctx.shared.get_or_create(_SHARED_KEY, lambda: ProbeClient(ctx.config.preview, ctx.root))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers as they may appear in evidence: credentials replaced by a marker."""
    return {k: ("[redacted]" if k.lower() in SENSITIVE_HEADERS else v) for k, v in headers.items()}


@contextlib.contextmanager
def _translated(url: str) -> Iterator[None]:
    """httpx errors as the probe's own, in one line without headers or body."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ProbeTimeout(describe_http_error(exc, url)) from None
    except httpx.HTTPError as exc:
        raise ProbeError(describe_http_error(exc, url)) from None


def _buffered(response: httpx.Response, max_bytes: int) -> httpx.Response:
    """``response`` with its (decoded) body read and cut at ``max_bytes``.

    The time limit is the deadline every socket wait already obeys (``deadline_in``).

    The copy drops Content-Encoding: its body is already decoded and must not be decoded again.
    """
    body, truncated = _read_capped(response, max_bytes)
    response.close()  # sets ``elapsed``
    headers = [(k, v) for k, v in response.headers.multi_items() if k != "content-encoding"]
    extensions = {**response.extensions, TRUNCATED: truncated}
    copy = httpx.Response(response.status_code, headers=headers, stream=httpx.ByteStream(body),
                          request=response.request, extensions=extensions)
    copy.read()
    copy.elapsed = response.elapsed
    return copy


def _read_capped(response: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False


def describe_http_error(exc: httpx.HTTPError, url: str) -> str:
    """One line a user can act on, without any header or body in it."""
    cause = exc.__context__ or exc.__cause__
    if isinstance(exc, httpx.TimeoutException):
        return f"{url}: timed out"
    if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return f"{url}: TLS certificate not trusted (set preview.ca_bundle for a private CA)"
    if isinstance(exc, httpx.ConnectError):
        return f"{url}: cannot connect ({_first_line(exc)})"
    return f"{url}: {type(exc).__name__} ({_first_line(exc)})"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _host(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


def _ca_path(ca_bundle: str | None, root: Path) -> Path | None:
    if not ca_bundle:
        return None
    path = Path(ca_bundle) if Path(ca_bundle).is_absolute() else root / ca_bundle
    if not path.is_file():
        raise ProbeError(f"preview.ca_bundle: {ca_bundle} not found")
    return path


def _verify(cafile: Path | None) -> ssl.SSLContext | bool:
    return ssl.create_default_context(cafile=str(cafile)) if cafile else True


def _handshake(
    context: ssl.SSLContext, host: str, port: int, timeout: float, legacy: bool
) -> TlsSession | None:
    where = f"{host}:{port}"
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            return _session(tls)
    except ssl.SSLCertVerificationError as exc:
        raise CertificateError(f"{where}: certificate rejected ({exc.verify_message})") from None
    except ssl.SSLError as exc:
        if legacy:
            return None
        raise ProbeError(f"{where}: TLS handshake refused ({exc.reason or exc})") from None
    except TimeoutError:
        raise ProbeTimeout(f"{where}: TLS handshake timed out") from None
    except OSError as exc:
        if legacy and isinstance(exc, ConnectionResetError):
            return None
        raise ProbeError(f"{where}: cannot connect ({exc.strerror or exc})") from None


def _session(tls: ssl.SSLSocket) -> TlsSession:
    cert = tls.getpeercert() or {}
    alt_names = cast(tuple[tuple[str, str], ...], cert.get("subjectAltName", ()))
    names = tuple(value for _kind, value in alt_names)
    return TlsSession(tls.version() or "", str(cert.get("notAfter", "")), names)
