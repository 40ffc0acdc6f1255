"""Start and stop the example chatbot service on free 127.0.0.1 ports, over HTTP or HTTPS."""

from __future__ import annotations

import contextlib
import logging
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trustme

from launchgate.errors import ToolError
from launchgate.resources import examples_dir

log = logging.getLogger(__name__)
READY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class RunningService:
    """Where the started service answers, and the CA file that trusts it (HTTPS only)."""

    url: str
    http_url: str | None
    ca_bundle: Path | None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def run_service(mode: str, canary: str, workdir: Path) -> Iterator[RunningService]:
    """Run ``examples/chatbot/serve.py``; the fixed mode serves HTTPS behind an HTTP redirect."""
    port, command = free_port(), [sys.executable, str(examples_dir() / "chatbot" / "serve.py")]
    command += ["--mode", mode, "--host", "127.0.0.1", "--port", str(port), "--canary", canary]
    service = RunningService(f"http://127.0.0.1:{port}", None, None)
    if mode == "fixed":
        redirect_port, ca_file, tls_args = free_port(), *_certificates(workdir)
        command += [*tls_args, "--redirect-port", str(redirect_port)]
        service = RunningService(
            f"https://127.0.0.1:{port}", f"http://127.0.0.1:{redirect_port}", ca_file
        )

    log_path = workdir / "service.log"
    with log_path.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=log_file, text=True, cwd=workdir
        )
    try:
        _wait_ready(process, log_path)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _certificates(workdir: Path) -> tuple[Path, list[str]]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file, cert_file, key_file = (workdir / n for n in ("demo-ca.pem", "cert.pem", "key.pem"))
    ca.cert_pem.write_to_path(str(ca_file))
    cert.private_key_pem.write_to_path(str(key_file))
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    return ca_file, ["--certfile", str(cert_file), "--keyfile", str(key_file)]


def _wait_ready(process: subprocess.Popen[str], log_path: Path) -> None:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    try:
        while not (line := lines.get(timeout=READY_TIMEOUT_S)).startswith("ready"):
            if line == "":
                process.wait(timeout=5)
                raise ToolError(f"the demo service exited early: {_last_line(log_path)}")
    except queue.Empty:
        raise ToolError(f"the demo service did not start within {READY_TIMEOUT_S:.0f} s") from None
    log.info("demo service %s", line.strip())


def _last_line(log_path: Path) -> str:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    tail = [line for line in text.splitlines() if line.strip()][-1:]
    return tail[0] if tail else "no message (see service.log)"
