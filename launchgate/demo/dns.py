"""A small real DNS server on 127.0.0.1 (dnslib, UDP and TCP): the demo's zones, and the tests'."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from dnslib import AAAA, MX, QTYPE, RCODE, RR, TXT, A, DNSRecord
from dnslib.server import BaseResolver, DNSHandler, DNSServer


def txt_strings(text: str) -> TXT:
    """A TXT rdata holding ``text`` split into 255-byte strings, as DNS requires."""
    data = text.encode()
    return TXT([data[i : i + 255] for i in range(0, len(data), 255)] or [b""])


@dataclass
class Zones:
    """Records by (name, type); names that SERVFAIL always, or the first N times."""

    records: dict[tuple[str, str], list[object]] = field(default_factory=dict)
    servfail: set[str] = field(default_factory=set)
    flaky: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, rtype: str, rdata: object) -> None:
        self.records.setdefault((name.lower().rstrip("."), rtype), []).append(rdata)

    def txt(self, name: str, *texts: str) -> None:
        for text in texts:
            self.add(name, "TXT", txt_strings(text))

    def a(self, name: str, address: str) -> None:
        self.add(name, "A", A(address))

    def aaaa(self, name: str, address: str) -> None:
        self.add(name, "AAAA", AAAA(address))

    def mx(self, name: str, host: str, preference: int = 10) -> None:
        self.add(name, "MX", MX(host, preference))

    def exists(self, name: str) -> bool:
        return any(n == name for n, _ in self.records)


class ZoneResolver(BaseResolver):  # type: ignore[misc]
    """Answers from ``Zones``: NXDOMAIN for unknown names, empty answers for missing types."""

    def __init__(self, zones: Zones) -> None:
        self.zones = zones

    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).lower().rstrip(".")
        rtype = QTYPE[request.q.qtype]
        if self._fails(name):
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        for rdata in self.zones.records.get((name, rtype), []):
            reply.add_answer(RR(request.q.qname, request.q.qtype, rdata=rdata, ttl=60))
        if not self.zones.exists(name):
            reply.header.rcode = RCODE.NXDOMAIN
        return reply

    def _fails(self, name: str) -> bool:
        with self.zones.lock:
            if self.zones.flaky.get(name, 0) > 0:
                self.zones.flaky[name] -= 1
                return True
        return name in self.zones.servfail


@contextmanager
def serve(zones: Zones) -> Iterator[str]:
    """Serve ``zones`` on an ephemeral 127.0.0.1 port over UDP and TCP; yields ``host:port``."""
    resolver = ZoneResolver(zones)
    for _ in range(20):
        udp = DNSServer(resolver, address="127.0.0.1", port=0, logger=_Quiet())
        port = udp.server.server_address[1]
        try:
            tcp = DNSServer(resolver, address="127.0.0.1", port=port, tcp=True, logger=_Quiet())
        except OSError:
            udp.server.server_close()
            continue
        break
    udp.start_thread()
    tcp.start_thread()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        udp.stop()
        tcp.stop()
        udp.server.server_close()
        tcp.server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A UDP port on 127.0.0.1 that receives queries and never answers them."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


class _Quiet:
    """A dnslib logger that logs nothing (the default prints every query)."""

    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None
