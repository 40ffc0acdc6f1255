"""Build the demo's throwaway git repository: the example app, and a history with fake secrets."""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import string
import subprocess
from dataclasses import dataclass
from pathlib import Path

from launchgate.errors import ToolError
from launchgate.resources import examples_dir

AUTHOR = "Demo Dev <dev@demo.invalid>"
_ALNUM = string.ascii_letters + string.digits


@dataclass(frozen=True)
class FakeKeys:
    """Key-shaped values made at run time, so no literal key lives in launchgate's own source."""

    openai: str
    aws: str
    supabase_service: str

    @classmethod
    def make(cls, seed: int = 42) -> FakeKeys:
        rng = random.Random(seed)
        openai = "sk-proj-" + _pick(rng, _ALNUM, 48) + "T3BlbkFJ" + _pick(rng, _ALNUM, 20)
        aws = "AKIA" + _pick(rng, string.ascii_uppercase + "234567", 16)
        return cls(openai=openai, aws=aws, supabase_service=_fake_jwt(rng, "service_role"))


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _fake_jwt(rng: random.Random, role: str) -> str:
    def part(data: dict[str, object]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    payload = {"iss": "supabase", "ref": "demoref", "role": role, "iat": 1700000000}
    signature = base64.urlsafe_b64encode(rng.randbytes(32)).decode().rstrip("=")
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.{signature}"


def build_demo_repo(dest: Path, fixed: bool, keys: FakeKeys) -> Path:
    """A git repository at ``dest`` holding the demo app, with a short history."""
    dest.mkdir(parents=True, exist_ok=True)
    _git(dest, "init", "-q", "-b", "main")

    copy_demo_files(dest, fixed)
    _commit(dest, "Initial version of the chatbot app", 0)
    if fixed:
        _write(dest / "backend/settings.py", _SETTINGS_FROM_ENV)
        _commit(dest, "Read provider keys from the environment", 1)
        _add_bundle(dest, 'var e="/api";function c(){return fetch(e)}')
    else:
        _add_flawed_history(dest, keys)
    return dest


def copy_demo_files(dest: Path, fixed: bool) -> None:
    """The files both versions share (``common/``), then the flawed or fixed ones on top."""
    demo = examples_dir() / "demo-repo"
    for part in ("common", "fixed" if fixed else "flawed"):
        if not (demo / part).is_dir():
            raise ToolError(f"demo files not found at {demo / part}")
        shutil.copytree(demo / part, dest, dirs_exist_ok=True)


def _add_flawed_history(dest: Path, keys: FakeKeys) -> None:
    _write(dest / "backend/settings.py", _SETTINGS_WITH_KEY.format(key=keys.openai))
    _commit(dest, "Wire the OpenAI client", 1)

    deploy = dest / "scripts/deploy.sh"
    _write(deploy, _DEPLOY_WITH_KEY.format(key=keys.aws))
    _commit(dest, "Add a deploy script", 2)
    _write(deploy, _DEPLOY_WITH_KEY.format(key="${AWS_ACCESS_KEY_ID}"))
    _commit(dest, "Read the AWS key from the environment", 3)

    bundle = (
        f'var e="{keys.supabase_service}";function c(){{return fetch("/api",{{headers:{{k:e}}}})}}'
    )
    _add_bundle(dest, bundle)


def _add_bundle(dest: Path, minified: str) -> None:
    """A built bundle: gitignored, as real build output is, yet scanned as the config names it."""
    _write(dest / ".gitignore", "dist/\nnode_modules/\n")
    _write(dest / "dist/assets/index.js", minified + "\n")
    _commit(dest, "Ignore build output", 4)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _commit(repo: Path, message: str, day: int) -> None:
    date = f"2026-11-{day + 1:02d}T10:00:00Z"
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", message, extra_env=env)


def _git(repo: Path, *args: str, extra_env: dict[str, str] | None = None) -> None:
    name, email = AUTHOR.split(" <")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email.rstrip(">"),
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email.rstrip(">"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        **(extra_env or {}),
    }
    try:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    except FileNotFoundError:
        raise ToolError("git is not installed; the demo needs it") from None
    except subprocess.CalledProcessError as exc:
        last = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        raise ToolError(f"git {args[0]} failed: {last[0]}") from None


_SETTINGS_WITH_KEY = '''"""Settings for the chatbot backend."""

OPENAI_API_KEY = "{key}"
OPENAI_MODEL = "gpt-4o-mini"
'''

_SETTINGS_FROM_ENV = '''"""Chatbot backend settings, read from the environment."""

import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
OPENAI_MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o-mini")
'''

_DEPLOY_WITH_KEY = """#!/bin/sh
# Upload the built frontend.
export AWS_ACCESS_KEY_ID="{key}"
aws s3 sync dist/ s3://demo-chatbot-frontend/
"""
