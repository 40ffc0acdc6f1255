"""Uptime monitors in the repository: monitor-as-code files and scheduled health checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from launchgate.checks.repo.cron import CronError, longest_gap_minutes
from launchgate.checks.repo.patterns import RepoPatterns
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.workflows import Workflow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledCheck:
    """A scheduled workflow that calls the health endpoint, and its longest gap between runs."""

    path: str
    gap_minutes: int


def monitors_as_code(tree: CommittedTree, patterns: RepoPatterns) -> list[str]:
    """The monitor-as-code files found: ``"Checkly: checkly.config.ts"``."""
    return [f"{rule.name}: {path}" for rule in patterns.monitors for path in tree.find(rule)]


def scheduled_health_checks(workflows: list[Workflow], health: str | None) -> list[ScheduledCheck]:
    """Scheduled workflows whose text names the health endpoint (or "health")."""
    found = []
    for workflow in workflows:
        crons = _crons(workflow)
        if crons and _calls_health(workflow.text, health):
            gap = _gap(workflow.path, crons)
            if gap is not None:
                found.append(ScheduledCheck(workflow.path, gap))
    return found


def _crons(workflow: Workflow) -> list[str]:
    schedule = workflow.triggers.get("schedule")
    entries = schedule if isinstance(schedule, list) else []
    return [str(e["cron"]) for e in entries if isinstance(e, dict) and "cron" in e]


def _calls_health(text: str, health: str | None) -> bool:
    return "health" in text.lower() or bool(health and health in text)


def _gap(path: str, crons: list[str]) -> int | None:
    try:
        return longest_gap_minutes(crons)
    except CronError as exc:
        log.info("%s: schedule not understood: %s", path, exc)
        return None
