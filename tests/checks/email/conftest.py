"""Fixtures for the email checks: one real DNS server for the session, and contexts that use it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from launchgate.config.schema import Config, EmailConfig
from launchgate.core.check import Context
from launchgate.demo.dns import Zones, serve
from tests.checks.email.zones import build_zones

MakeContext = Callable[..., Context]


@pytest.fixture(scope="session")
def zones() -> Zones:
    return build_zones()


@pytest.fixture(scope="session")
def nameserver(zones: Zones) -> Iterator[str]:
    with serve(zones) as address:
        yield address


@pytest.fixture
def email_ctx(nameserver: str, tmp_path: Path) -> MakeContext:
    """A context whose ``email`` section checks ``domain`` against the test server."""

    def make(domain: str | None, **email: Any) -> Context:
        settings = {"nameservers": [nameserver], "dns_timeout_s": 1.0, **email}
        config = Config(email=EmailConfig(domain=domain, **settings))
        return Context(root=tmp_path, config=config)

    return make
