"""The probe client's guarantees: budget, host lock, timeouts, and no credentials in logs."""

from __future__ import annotations

import logging

import pytest

from launchgate.checks.probe.client import ProbeClient, ProbeError, ProbeTimeout
from launchgate.checks.probe.cors import CorsCheck
from launchgate.checks.probe.validation import ValidationCheck
from launchgate.config.schema import PreviewConfig
from tests.checks.probe.conftest import ACCOUNTS
from tests.checks.probe.servers import chat_app


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
