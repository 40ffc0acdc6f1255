"""The probe client's guarantees: budget, host lock, timeouts, and no credentials in logs."""

from __future__ import annotations

import gzip
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from starlette.responses import Response

from launchgate.checks.probe.client import (
    TRUNCATED,
    ProbeClient,
    ProbeError,
    ProbeTimeout,
)
from launchgate.checks.probe.cors import CorsCheck
from launchgate.checks.probe.headers import HeadersCheck
from launchgate.checks.probe.validation import ValidationCheck
from launchgate.config.schema import PreviewConfig
from tests.checks.probe.conftest import ACCOUNTS
from tests.checks.probe.servers import chat_app, dripping_app

MIB = 1 << 20


@contextmanager
def client_for(url: str, ca_file: Path, tmp_path: Path, **preview: Any) -> Iterator[ProbeClient]:
    config = PreviewConfig.model_validate({"url": url, "ca_bundle": str(ca_file), **preview})
    client = ProbeClient(config, tmp_path)
    try:
        yield client
    finally:
        client.close()


def test_budget_spent_is_an_error(https, probe):
    with pytest.raises(ProbeError, match="budget of 3 spent"):
        probe(CorsCheck(), url=https(chat_app()).url, max_requests=3)


def test_handshake_only_with_the_preview_host(https, ca_file, tmp_path):
    app = https(chat_app())
    preview = PreviewConfig.model_validate({"url": app.url, "ca_bundle": str(ca_file)})
    client = ProbeClient(preview, tmp_path)
    try:
        assert client.tls_handshake(app.url).version.startswith("TLSv1.")
        with pytest.raises(ProbeError, match="not the preview host"):
            client.tls_handshake("https://localhost:1/")
        assert client.sent == 1
    finally:
        client.close()


def test_timeout_raises_probe_timeout(https, ca_file, tmp_path):
    app = https(chat_app(frozenset({"slow-health"})))
    preview = PreviewConfig.model_validate(
        {"url": app.url, "ca_bundle": str(ca_file), "timeout_s": 0.05})
    client = ProbeClient(preview, tmp_path)
    try:
        with pytest.raises(ProbeTimeout, match="timed out"):
            client.request("GET", "/healthz")
    finally:
        client.close()


def test_credentials_never_reach_the_log_or_findings(https, probe, caplog):
    caplog.set_level(logging.DEBUG, logger="launchgate")
    app = https(chat_app(frozenset({"trace-on-bad-json"})))
    validate = [{"request": "POST /api/chat", "as": "alice", "json": {"message": "hi"}}]
    result = probe(ValidationCheck(), url=app.url, validate=validate)
    token = ACCOUNTS["alice"]["headers"]["Authorization"]
    assert result.findings
    assert token not in caplog.text
    assert all(token not in f.evidence for f in result.findings)


def test_trickling_body_ends_at_the_request_deadline(https, probe):
    app = https(dripping_app(b"x", pause_s=0.1, limit=60))  # 6 s of one byte at a time
    started = time.monotonic()
    with pytest.raises(ProbeTimeout, match="timed out"):
        probe(HeadersCheck(), url=app.url, timeout_s=0.5)
    assert time.monotonic() - started < 2


@contextmanager
def trickling_headers_server(seconds: float) -> Iterator[str]:
    """A raw HTTP server on 127.0.0.1: a status line, then one header byte every 0.1 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                started = time.monotonic()
                while not stop.is_set() and time.monotonic() - started < seconds:
                    try:
                        conn.sendall(b"a")
                    except OSError:
                        break
                    time.sleep(0.1)

    worker = threading.Thread(target=serve, daemon=True)
    worker.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        worker.join(timeout=5)
        listener.close()


def test_trickling_headers_end_at_the_request_deadline(tmp_path: Path) -> None:
    with trickling_headers_server(seconds=8) as url:
        config = PreviewConfig.model_validate({"url": url, "timeout_s": 0.5})
        client = ProbeClient(config, tmp_path)
        started = time.monotonic()
        with pytest.raises(ProbeTimeout, match="timed out"):
            client.request("GET", "/")
        client.close()
    assert time.monotonic() - started < 2


def test_endless_body_is_cut_at_the_size_cap(https, ca_file, tmp_path):
    app = https(dripping_app(b"x" * MIB, pause_s=0, limit=256 * MIB))
    with client_for(app.url, ca_file, tmp_path, max_response_bytes=2 * MIB) as client:
        response = client.request("GET", "/")
    assert len(response.content) == 2 * MIB
    assert response.extensions[TRUNCATED] is True
    assert response.elapsed.total_seconds() < 5


def test_compressed_body_is_decoded_once(https, ca_file, tmp_path):
    text = b"hello " * 1000
    app = https(Response(gzip.compress(text), headers={"content-encoding": "gzip"}))
    with client_for(app.url, ca_file, tmp_path) as client:
        response = client.request("GET", "/")
    assert response.content == text
    assert response.extensions[TRUNCATED] is False


def test_the_report_counts_requests_of_checks_that_ended_in_error(tmp_path: Path) -> None:
    from launchgate.cli import main

    with trickling_headers_server(seconds=8) as url:
        (tmp_path / "launchgate.yml").write_text(f"preview: {{url: '{url}', timeout_s: 0.3}}\n")
        out = tmp_path / "report.json"
        code = main(["scan", str(tmp_path), "--only", "probe", "--format", "json",
                     "--output", str(out)], env={})
    report = json.loads(out.read_text())
    errors = [r for r in report["rows"] if r["status"] == "error"]
    assert code in (0, 1) and errors
    assert report["summary"]["requests_sent"] >= len(errors)
