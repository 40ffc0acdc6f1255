"""Every probe check against the demo chatbot service: flawed trips each one, fixed trips none."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Outcome
from launchgate.core.registry import all_checks
from launchgate.core.runner import run_checks
from tests.demo_service import CANARY, TOKENS, Service, running_service

# probe.edge cannot tell the modes apart: neither runs behind a CDN on 127.0.0.1.
EDGE = "probe.edge"


def demo_preview(service: Service) -> dict[str, Any]:
    """The preview section `launchgate demo` writes (SERVICE.md), pointed at ``service``."""
    accounts = {name: {"headers": {"Authorization": f"Bearer {TOKENS[name]}"}}
                for name in ("alice", "bob", "carol")}
    chat = {"request": "POST /api/chat", "as": "alice", "json": {"message": "hi"}}
    return {
        "url": service.url, "http_url": service.http_url or service.url,
        "ca_bundle": str(service.ca_file) if service.ca_file else None,
        "health": "/healthz", "accounts": accounts,
        "protected": ["GET /api/chats", "GET /api/billing", "GET /api/admin/users"],
        "owned": [{"create": {"as": "alice", "request": "POST /api/chats",
                              "json": {"title": "probe"}, "id": "$.id"},
                   "try": ["GET /api/chats/{id}", "PATCH /api/chats/{id}",
                           "DELETE /api/chats/{id}"]}],
        "rate_limit": [{**chat, "as": "carol", "burst": 120}],
        "validate": [chat],
        "chat": {**chat, "json": {"message": "{prompt}"}, "reply": "$.reply", "canary": CANARY},
        "latency": {**chat, "count": 20, "p95_ms": 500},
    }


def probe_all(service: Service, tmp: Path) -> dict[str, CheckResult]:
    config = Config.model_validate({"preview": demo_preview(service)})
    checks = [c for c in all_checks() if c.family is Family.PROBE]
    outcome = run_checks(checks, Context(root=tmp, config=config), {Family.PROBE})
    return {r.check: r for r in outcome.results}


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckResult]:
    with running_service("flawed", tmp_path_factory.mktemp("flawed")) as service:
        return probe_all(service, tmp_path_factory.mktemp("root"))


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckResult]:
    with running_service("fixed", tmp_path_factory.mktemp("fixed"), tls=True) as service:
        started = time.perf_counter()
        results = probe_all(service, tmp_path_factory.mktemp("root"))
        print(f"\nfull probe run against the fixed service: {time.perf_counter() - started:.1f} s")
        return results


PROBE_IDS = sorted(c.id for c in all_checks() if c.family is Family.PROBE)


@pytest.mark.parametrize("check", PROBE_IDS)
def test_flawed_mode_trips_every_check(flawed, check):
    result = flawed[check]
    assert result.outcome is Outcome.RAN, result.reason
    assert result.findings, f"{check} found nothing in flawed mode"


@pytest.mark.parametrize("check", PROBE_IDS)
def test_fixed_mode_trips_none(fixed, check):
    result = fixed[check]
    assert result.outcome is Outcome.RAN, result.reason
    if check == EDGE:
        assert [f.rule for f in result.findings] == ["no-edge-protection"]
    else:
        assert result.findings == (), [f.title for f in result.findings]
