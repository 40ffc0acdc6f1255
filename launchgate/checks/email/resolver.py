"""The DNS adapter the email checks use: dnspython, bounded retries, errors become CheckError."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

import dns.exception
import dns.name
import dns.nameserver
import dns.rdatatype
import dns.resolver

from launchgate.config.schema import EmailConfig
from launchgate.errors import CheckError

log = logging.getLogger(__name__)

# Answers that mean "the DNS did not answer", not "the name has no such record".
_TRANSIENT = (dns.exception.Timeout, dns.resolver.NoNameservers)


class DnsClient:
    """Looks names up; an empty list means a void lookup (NXDOMAIN or no records)."""

    def __init__(self, nameservers: Sequence[str], timeout: float, retries: int) -> None:
        self._resolver = _build_resolver(nameservers, timeout)
        self._retries = retries
        self._lock = threading.Lock()
        self.queries = 0

    @classmethod
    def from_config(cls, config: EmailConfig) -> DnsClient:
        return cls(config.nameservers, config.dns_timeout_s, config.dns_retries)

    def txt(self, name: str) -> list[str]:
        """Each TXT record at ``name`` with its strings joined, as a receiver reads it."""
        answers = self._resolve(name, "TXT")
        return [b"".join(r.strings).decode("utf-8", "replace") for r in answers]

    def addresses(self, name: str) -> list[str]:
        """The A and AAAA addresses of ``name``."""
        return [r.to_text() for rdtype in ("A", "AAAA") for r in self._resolve(name, rdtype)]

    def mx(self, name: str) -> list[str]:
        """The exchange host names of ``name``'s MX records."""
        return [r.exchange.to_text(omit_final_dot=True) for r in self._resolve(name, "MX")]

    def _resolve(self, name: str, rdtype: str) -> list[Any]:
        last: Exception | None = None
        for attempt in range(self._retries + 1):
            with self._lock:
                self.queries += 1
            try:
                return list(self._resolver.resolve(name, rdtype, search=False))
            except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
                return []
            except _TRANSIENT as exc:
                log.debug("%s %s: attempt %d failed: %s", name, rdtype, attempt + 1, exc)
                last = exc
            except (dns.exception.DNSException, ValueError) as exc:
                raise CheckError(f"DNS lookup of {rdtype} {name} failed: {exc}") from exc
        raise CheckError(_describe_failure(name, rdtype, self._retries + 1, last)) from last


def _describe_failure(name: str, rdtype: str, tries: int, exc: Exception | None) -> str:
    what = "timed out" if isinstance(exc, dns.exception.Timeout) else "got SERVFAIL"
    return f"DNS lookup of {rdtype} {name} {what} ({tries} tries); no verdict from a DNS hiccup"


def _build_resolver(nameservers: Sequence[str], timeout: float) -> dns.resolver.Resolver:
    """A resolver for ``host:port`` nameservers, or the system's when none are given."""
    if not nameservers:
        try:
            resolver = dns.resolver.Resolver()
        except dns.resolver.NoResolverConfiguration as exc:
            raise CheckError("no system DNS resolver configured; set email.nameservers") from exc
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [_nameserver(entry) for entry in nameservers]
    resolver.timeout = timeout
    resolver.lifetime = timeout
    resolver.cache = None
    return resolver


def _nameserver(entry: str) -> dns.nameserver.Nameserver:
    """``1.2.3.4``, ``1.2.3.4:5353``, ``::1`` or ``[::1]:5353`` as a plain-DNS nameserver."""
    host, port = entry, 53
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        port = int(rest[1:]) if rest.startswith(":") else 53
    elif entry.count(":") == 1:
        host, _, text = entry.partition(":")
        port = int(text)
    try:
        return dns.nameserver.Do53Nameserver(host, port)
    except ValueError as exc:
        raise CheckError(f"email.nameservers: '{entry}' is not a usable nameserver") from exc
