"""Read the pull request (number, base and head) from the Actions event file and variables."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from launchgate.core.check import PullRequest

log = logging.getLogger(__name__)


def read_event(env: Mapping[str, str]) -> dict[str, Any]:
    """The event payload, or an empty mapping when there is none or it cannot be read."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("cannot read the event file %s: %s", path, type(exc).__name__)
        return {}
    return data if isinstance(data, dict) else {}


def pull_request_from_event(env: Mapping[str, str]) -> PullRequest | None:
    """The pull request of a ``pull_request``/``pull_request_target`` run, else ``None``."""
    pr = read_event(env).get("pull_request")
    if not isinstance(pr, dict):
        return None
    base = _mapping(pr.get("base"))
    head = _mapping(pr.get("head"))
    number = pr.get("number")
    return PullRequest(
        number=number if isinstance(number, int) else None,
        base_ref=env.get("GITHUB_BASE_REF") or base.get("ref"),
        base_sha=base.get("sha"),
        head_sha=head.get("sha") or env.get("GITHUB_SHA"),
    )


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def is_fork_pull_request(env: Mapping[str, str]) -> bool:
    """Whether the pull request comes from another repository (its token is then read-only)."""
    pr = _mapping(read_event(env).get("pull_request"))
    head_repo = _mapping(_mapping(pr.get("head")).get("repo"))
    base_repo = _mapping(_mapping(pr.get("base")).get("repo"))
    head_name = head_repo.get("full_name")
    return bool(head_name) and head_name != base_repo.get("full_name")


def repository(env: Mapping[str, str]) -> str | None:
    """``owner/name`` of the repository the workflow runs in."""
    name = env.get("GITHUB_REPOSITORY") or _mapping(read_event(env).get("repository")).get(
        "full_name"
    )
    return name if isinstance(name, str) and name.count("/") == 1 else None
