"""Start the demo chatbot service for real: ``serve.py`` as a subprocess on a free port."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trustme

from launchgate.resources import examples_dir

SERVE = examples_dir() / "chatbot" / "serve.py"
CANARY = "CANARY-7d1e5f0a93-demo"
TOKENS = {"alice": "alice-demo-token", "bob": "bob-demo-token", "carol": "carol-demo-token",
          "admin": "admin-demo-token"}


@dataclass(frozen=True)
class Service:
    """A running demo service: its main URL, its plain-HTTP URL and the CA that signed it."""

    url: str
    http_url: str | None = None
    ca_file: Path | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tls_args(ca: trustme.CA, tmp: Path) -> list[str]:
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(tmp / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp / "cert.pem"))
    ca.cert_pem.write_to_path(str(tmp / "ca.pem"))
    return ["--certfile", str(tmp / "cert.pem"), "--keyfile", str(tmp / "key.pem")]


@contextlib.contextmanager
def running_service(mode: str, tmp: Path, *, tls: bool = False) -> Iterator[Service]:
    """serve.py running in ``mode`` until the block ends; HTTPS plus a plain port with ``tls``."""
    args = [sys.executable, str(SERVE), "--mode", mode, "--port", "0", "--canary", CANARY]
    http_url = None
    if tls:
        redirect = free_port()
        http_url = f"http://127.0.0.1:{redirect}"
        args += [*_tls_args(trustme.CA(), tmp), "--redirect-port", str(redirect)]
    with open(tmp / "stderr.log", "wb") as errors:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("ready "), (tmp / "stderr.log").read_text()
        yield Service(line.removeprefix("ready "), http_url, tmp / "ca.pem" if tls else None)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
