"""Small real git repositories for the repository checks, and a way to run a check on one."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding

TODAY = dt.date(2026, 6, 1)

MakeRepo = Callable[..., Path]


def git(root: Path, *args: str) -> None:
    """Run git in ``root`` with a fixed identity."""
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=root, check=True, capture_output=True,
    )


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """Build a git repository with ``files`` committed (and ``untracked`` left out of git)."""

    def build(files: Mapping[str, str], untracked: Mapping[str, str] | None = None) -> Path:
        root = tmp_path / "repo"
        root.mkdir()
        git(root, "init", "-q")
        write_files(root, files)
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", "init")
        write_files(root, untracked or {})
        return root

    return build


def run_check(check: Any, root: Path, config: Mapping[str, Any] | None = None) -> CheckResult:
    """Run one check the way the runner does, after asserting it can run."""
    ctx = Context(root=root, config=Config.model_validate(config or {}))
    assert check.needs(ctx) is None
    result: CheckResult = check.run(ctx)
    return result


def rules(result: CheckResult) -> list[str]:
    """The rule ids of a result's findings, sorted."""
    return sorted(f.rule for f in result.findings)


def only(result: CheckResult, rule: str) -> Finding:
    """The single finding of a rule."""
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1, rules(result)
    return found[0]
