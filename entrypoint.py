"""The container action's entrypoint: turn the Actions environment into one `launchgate scan`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

EXIT_USAGE = 2
REPORT_JSON = "launchgate-report.json"
CHOICES = {"fail_on": ("blocker", "warning", "never"), "history": ("full", "pr", "skip")}
BOOLEANS = {"true": True, "false": False}
_LIST_SEPARATOR = re.compile(r"[,\n]")


class InputError(Exception):
    """An input or variable from the runner cannot be used; the message is one line."""


@dataclass(frozen=True)
class Invocation:
    """What to run: the CLI arguments, the variables to add, the values to mask in the log."""

    argv: list[str]
    env: dict[str, str]
    masks: list[str] = field(default_factory=list)


def read_input(env: Mapping[str, str], name: str) -> str:
    """An input as the runner passes it: ``INPUT_<NAME>``, upper case, spaces as underscores."""
    return env.get("INPUT_" + name.upper().replace(" ", "_"), "").strip()


def read_choice(env: Mapping[str, str], name: str) -> str:
    """An input that must be one of ``CHOICES[name]``, or empty."""
    value = read_input(env, name).lower()
    if value and value not in CHOICES[name]:
        allowed = ", ".join(CHOICES[name])
        raise InputError(f"input {name}: '{value}' is not one of {allowed}")
    return value


def read_boolean(env: Mapping[str, str], name: str, default: bool) -> bool:
    """An input that must be ``true`` or ``false`` (any case), or empty for the default."""
    value = read_input(env, name).lower()
    if not value:
        return default
    if value not in BOOLEANS:
        raise InputError(f"input {name}: '{value}' is not true or false")
    return BOOLEANS[value]


def read_url(env: Mapping[str, str], name: str) -> str:
    """An input that must be an http(s) URL with a host, or empty."""
    value = read_input(env, name)
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(f"input {name}: not an http(s) URL with a host")
    return value


def read_list(env: Mapping[str, str], name: str) -> str:
    """A comma- or newline-separated input as the CLI's comma-separated form."""
    items = [part.strip() for part in _LIST_SEPARATOR.split(read_input(env, name))]
    return ",".join(item for item in items if item)


def read_workspace(env: Mapping[str, str]) -> Path:
    """``GITHUB_WORKSPACE``, which must be a directory."""
    value = env.get("GITHUB_WORKSPACE", "")
    if not value:
        raise InputError("GITHUB_WORKSPACE is not set: this entrypoint runs inside GitHub Actions")
    if not Path(value).is_dir():
        raise InputError(f"GITHUB_WORKSPACE {value} is not a directory")
    return Path(value)


def read_event(env: Mapping[str, str]) -> dict[str, Any]:
    """The event payload from ``GITHUB_EVENT_PATH``; empty when there is none."""
    path = env.get("GITHUB_EVENT_PATH", "")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"GITHUB_EVENT_PATH {path}: cannot read the event ({exc})") from None
    return data if isinstance(data, dict) else {}


def git_trust(env: Mapping[str, str], workspace: Path) -> dict[str, str]:
    """Variables that make git trust the workspace (owned by another user) for this run only.

    They add to any ``GIT_CONFIG_COUNT`` entries already set; no config file is written.
    """
    count = env.get("GIT_CONFIG_COUNT", "0")
    index = int(count) if count.isdigit() else 0
    return {
        "GIT_CONFIG_COUNT": str(index + 1),
        f"GIT_CONFIG_KEY_{index}": "safe.directory",
        f"GIT_CONFIG_VALUE_{index}": str(workspace),
    }


def secrets_in(env: Mapping[str, str]) -> list[str]:
    """Values passed as inputs that must never show in the log: the token, a URL's password."""
    masks = [read_input(env, "github_token")]
    password = urlsplit(read_input(env, "preview_url")).password
    if password:
        masks.append(password)
    return [value for value in masks if value]


def scan_arguments(env: Mapping[str, str]) -> list[str]:
    """The ``launchgate scan`` arguments the inputs ask for."""
    argv = ["scan", ".", "--format", "json", "--output", REPORT_JSON]
    if env.get("RUNNER_DEBUG") == "1":
        argv.append("-vv")
    flags = {
        "--config": read_input(env, "config"),
        "--preview-url": read_url(env, "preview_url"),
        "--fail-on": read_choice(env, "fail_on"),
        "--history": read_choice(env, "history"),
        "--bundles": read_list(env, "bundles"),
    }
    for flag, value in flags.items():
        if value:
            argv += [flag, value]
    return argv


def build_invocation(env: Mapping[str, str]) -> Invocation:
    """Map the runner's environment to the CLI call; raises ``InputError`` on a bad value."""
    workspace = read_workspace(env)
    argv = scan_arguments(env)
    token = read_input(env, "github_token")
    comment = read_boolean(env, "comment", default=True)
    if comment and token == "" and "pull_request" in read_event(env):
        raise InputError("input github_token is empty: pass a token or set comment: false")
    if not comment:
        argv.append("--no-comment")

    extra = git_trust(env, workspace) | {"GITHUB_ACTIONS": "true"}
    if token:
        extra["LAUNCHGATE_GITHUB_TOKEN"] = token
    if sarif := read_input(env, "sarif_file"):
        extra["LAUNCHGATE_SARIF_FILE"] = sarif
    return Invocation(argv=argv, env=extra, masks=secrets_in(env))


def pull_request_part(event: Mapping[str, Any], part: str) -> dict[str, Any]:
    """``pull_request.<part>`` of the event (``base``, ``head``); empty when absent."""
    pr = event.get("pull_request")
    value = pr.get(part) if isinstance(pr, dict) else None
    return value if isinstance(value, dict) else {}


def describe_run(env: Mapping[str, str], event: Mapping[str, Any]) -> str:
    """The first line of the log: what is scanned, and for which pull request or commit."""
    where = env.get("GITHUB_WORKSPACE", ".")
    pr = event.get("pull_request")
    if not isinstance(pr, dict):
        sha = env.get("GITHUB_SHA", "")[:12] or "HEAD"
        return f"launchgate: scanning {where} at {sha}"
    base, head = pull_request_part(event, "base"), pull_request_part(event, "head")
    base_ref = env.get("GITHUB_BASE_REF") or base.get("ref", "?")
    return (
        f"launchgate: scanning {where} for pull request #{pr.get('number', '?')}"
        f" ({base_ref} {str(base.get('sha', ''))[:12]} <- {str(head.get('sha', ''))[:12]})"
    )


def clone_warnings(workspace: Path, env: Mapping[str, str], base_sha: str) -> list[str]:
    """Say when the checkout cannot show the history the scan needs (shallow, base missing)."""

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(workspace), *args],
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    shallow = git("rev-parse", "--is-shallow-repository")
    if shallow.returncode != 0:
        reason = (shallow.stderr.strip().splitlines() or ["unknown error"])[0]
        return [f"git cannot read {workspace}: {reason}"]
    warnings = []
    if shallow.stdout.strip() == "true":
        warnings.append("the checkout is shallow: set fetch-depth: 0 on actions/checkout")
    if base_sha and git("cat-file", "-e", f"{base_sha}^{{commit}}").returncode != 0:
        warnings.append(f"the base commit {base_sha[:12]} is not in the checkout")
    return warnings


def fail(message: str) -> NoReturn:
    """One error line (an annotation on the run) and exit code 2."""
    print(f"::error title=launchgate::{message}", file=sys.stderr, flush=True)
    raise SystemExit(EXIT_USAGE)


def announce(invocation: Invocation, env: Mapping[str, str], event: Mapping[str, Any]) -> None:
    """Mask the secret inputs, print the first line and any warning about the checkout."""
    for value in invocation.masks:
        print(f"::add-mask::{value}", flush=True)
    print(describe_run(env, event), flush=True)

    if read_input(env, "history") == "skip":
        return
    base_sha = str(pull_request_part(event, "base").get("sha", ""))
    run_env = dict(env) | invocation.env
    for warning in clone_warnings(read_workspace(env), run_env, base_sha):
        print(f"::warning title=launchgate::{warning}", flush=True)


def main(env: Mapping[str, str] | None = None, python: Sequence[str] | None = None) -> NoReturn:
    """Validate the inputs, print the first line, then become ``launchgate scan``."""
    env = dict(os.environ if env is None else env)
    try:
        invocation, event = build_invocation(env), read_event(env)
    except InputError as exc:
        fail(str(exc))
    announce(invocation, env, event)

    os.chdir(read_workspace(env))
    command = [*(python or [sys.executable, "-m", "launchgate"]), *invocation.argv]
    os.execve(command[0], command, env | invocation.env)


if __name__ == "__main__":
    main()
