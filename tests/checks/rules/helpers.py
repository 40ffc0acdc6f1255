"""Small repositories built in the test, and one way to run the rules check on them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from launchgate.checks.rules.check import SemgrepRulesCheck
from launchgate.config.schema import Config
from launchgate.core.check import Context, PullRequest
from launchgate.core.findings import CheckResult

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV},
                          check=True, capture_output=True, text=True)
    return done.stdout.strip()


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_repo(root: Path, files: Mapping[str, str]) -> Path:
    """A git repository at ``root`` with ``files`` committed; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write_files(root, files)
    commit(root, "initial")
    return root


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def run_check(
    root: Path, rules: Mapping[str, Any] | None = None, base_sha: str | None = None
) -> CheckResult:
    config = Config.model_validate({"rules": dict(rules or {})})
    pull = PullRequest(number=7, base_sha=base_sha) if base_sha else None
    return SemgrepRulesCheck().run(Context(root=root, config=config, pull_request=pull))
