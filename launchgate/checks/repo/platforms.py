"""Repeatable deploys: a deploy workflow or a platform's configuration in the repository."""

from __future__ import annotations

from launchgate.checks.repo.patterns import RepoPatterns
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.workflows import Workflow


def deploy_evidence(
    tree: CommittedTree, workflows: list[Workflow], patterns: RepoPatterns
) -> list[str]:
    """What shows deploys are scripted: ``"Fly.io: fly.toml"``, ``"workflow: …/deploy.yml"``."""
    found = [f"{rule.name}: {path}" for rule in patterns.platforms for path in tree.find(rule)]
    found += [f"workflow: {w.path}" for w in workflows if _deploys(w, patterns)]
    return found


def _deploys(workflow: Workflow, patterns: RepoPatterns) -> bool:
    """A workflow that deploys, and not only on a timer."""
    runs_on_change = set(workflow.triggers) - {"schedule"}
    return bool(runs_on_change) and bool(patterns.deploy_workflow.search(workflow.text))
