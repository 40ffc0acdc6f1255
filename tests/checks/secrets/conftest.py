"""Helpers for the secrets tests: real git repositories and fake secrets made at run time.

Fake values are built here, never written literally, so launchgate's scan of its own
repository has nothing to report in the tests.
"""

from __future__ import annotations

import random
import string
import subprocess
from pathlib import Path

from launchgate.config.schema import Config, SecretsConfig
from launchgate.core.check import Context, PullRequest

ALNUM = string.ascii_letters + string.digits


def fake(prefix: str, length: int, alphabet: str = ALNUM, seed: int = 1) -> str:
    """A prefix and random-looking characters: shaped like a key, issued by nobody."""
    rng = random.Random(f"{prefix}{length}{seed}")
    return prefix + "".join(rng.choice(alphabet) for _ in range(length))


def git(repo: Path, *args: str) -> str:
    env_args = ["-c", "user.name=T", "-c", "user.email=t@example.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    done = subprocess.run(["git", "-C", str(repo), *env_args, *args], check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def make_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    return path


def commit(repo: Path, files: dict[str, str | bytes | None], message: str = "change") -> str:
    """Write (or delete, for ``None``) files and commit them; returns the commit's SHA."""
    for name, content in files.items():
        target = repo / name
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def context(root: Path, pr: PullRequest | None = None, **secrets: object) -> Context:
    config = Config(secrets=SecretsConfig.model_validate(secrets))
    return Context(root=root, config=config, pull_request=pr)
