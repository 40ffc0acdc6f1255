"""Fixtures for probe tests: a trustme CA, uvicorn servers on 127.0.0.1, probe contexts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import trustme

from launchgate.config.schema import Config
from launchgate.core.check import Check, Context
from launchgate.core.findings import CheckResult
from tests.checks.probe.servers import Served, running

ACCOUNTS = {name: {"headers": {"Authorization": f"Bearer {name}-token"}}
            for name in ("alice", "bob", "carol")}


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start servers for the test; all stop when it ends."""
    with ExitStack() as stack:
        yield lambda app, **kw: stack.enter_context(running(app, tmp=tmp_path, **kw))


@pytest.fixture
def https(serve: Callable[..., Served], ca: trustme.CA) -> Callable[..., Served]:
    """Serve an app over HTTPS with a valid certificate for 127.0.0.1."""
    cert = ca.issue_cert("127.0.0.1")
    return lambda app: serve(app, cert=cert)


@pytest.fixture
def probe(tmp_path: Path, ca_file: Path) -> Callable[..., CheckResult]:
    """Run one check against a preview configured by keyword arguments."""

    def run(check: Check, **preview: Any) -> CheckResult:
        preview.setdefault("ca_bundle", str(ca_file))
        preview.setdefault("accounts", ACCOUNTS)
        ctx = Context(root=tmp_path, config=Config.model_validate({"preview": preview}))
        try:
            reason = check.needs(ctx)
            assert reason is None, reason
            return check.run(ctx)
        finally:
            ctx.shared.close()

    return run


def rules(result: CheckResult) -> list[str]:
    """The rule ids of a result's findings, sorted."""
    return sorted(f.rule for f in result.findings)
