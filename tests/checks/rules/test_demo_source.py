"""The demo app's source: the flawed tree trips every code-rule family, the fixed tree none."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from launchgate.core.findings import CheckResult, Severity
from launchgate.core.rows import Row
from launchgate.demo.repo import FakeKeys, build_demo_repo
from tests.checks.rules.helpers import run_check

# A run on the demo repository must stay quick: seconds, not minutes.
MAX_SECONDS = 20


def _scan_demo(folder: Path, fixed: bool) -> tuple[CheckResult, float]:
    root = build_demo_repo(folder / "repo", fixed, FakeKeys.make())
    started = time.monotonic()
    result = run_check(root)
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> tuple[CheckResult, float]:
    return _scan_demo(tmp_path_factory.mktemp("flawed"), fixed=False)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[CheckResult, float]:
    return _scan_demo(tmp_path_factory.mktemp("fixed"), fixed=True)


def test_flawed_demo_trips_every_family(flawed: tuple[CheckResult, float]) -> None:
    result, seconds = flawed
    blocked = {f.row for f in result.findings if f.severity is Severity.BLOCKER}
    assert blocked >= {Row.AUTH_BOUNDARIES, Row.TOOL_CALL_SAFETY, Row.LOGGING_HYGIENE,
                       Row.CORS_POLICY}
    assert {f.row for f in result.findings} == set(result.rows)
    assert seconds < MAX_SECONDS


def test_flawed_demo_admin_delete_is_frontend_only(flawed: tuple[CheckResult, float]) -> None:
    titles = {f.title for f in flawed[0].findings if f.row is Row.AUTH_BOUNDARIES}
    assert "DELETE /api/admin/users/* is authorized only in the frontend" in titles


def test_fixed_demo_trips_none(fixed: tuple[CheckResult, float]) -> None:
    result, seconds = fixed
    assert [(f.rule, f.location.describe()) for f in result.findings] == []
    assert seconds < MAX_SECONDS
