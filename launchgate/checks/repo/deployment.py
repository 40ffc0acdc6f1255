"""``repo.deployment``: the Deployment config row from the committed files."""

from __future__ import annotations

import datetime as dt

from launchgate.checks.repo.attest import (
    Clock,
    attestations_for,
    attested_findings,
    attested_note,
    is_attested,
)
from launchgate.checks.repo.deployconfigs import check_deploy_configs
from launchgate.checks.repo.dockerfile import check_dockerfiles
from launchgate.checks.repo.envfiles import check_env_files, env_files
from launchgate.checks.repo.environments import check_production_configs, check_shared_config
from launchgate.checks.repo.ids import DEPLOYMENT_CHECK, deployment_finding
from launchgate.checks.repo.patterns import RepoPatterns, load_patterns
from launchgate.checks.repo.platforms import deploy_evidence
from launchgate.checks.repo.tree import CommittedTree, committed_tree, is_git_work_tree
from launchgate.checks.repo.workflows import Workflow, check_workflows, load_workflows
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding, Severity
from launchgate.core.rows import Row


class DeploymentCheck:
    """Committed env files, baked or literal secrets, mixed environments, scripted deploys."""

    id = DEPLOYMENT_CHECK
    family = Family.REPO
    rows: tuple[Row, ...] = (Row.DEPLOYMENT_CONFIG,)

    def __init__(self, today: Clock = dt.date.today) -> None:
        self._today = today

    def needs(self, ctx: Context) -> str | None:
        return None if is_git_work_tree(ctx.root) else "not a git repository"

    def run(self, ctx: Context) -> CheckResult:
        patterns = load_patterns()
        tree = committed_tree(ctx.root, ctx.config.repo.exclude)
        workflows = load_workflows(tree, patterns)
        findings = committed_file_findings(tree, workflows, patterns)

        deploys = deploy_evidence(tree, workflows, patterns)
        attested = attestations_for(ctx.config, self.rows)
        max_age = ctx.config.repo.attest_max_age_days
        findings += attested_findings(self.id, attested, self._today(), max_age)
        if not deploys and not is_attested(attested, "deploy-pipeline"):
            findings.append(_no_deploy_config())

        notes = [f"deploys: {', '.join(deploys)}"] if deploys else []
        notes += [attested_note(entry) for entry in attested]
        stats = {
            "files": len(tree.paths),
            "env_files": len(env_files(tree, patterns)),
            "workflows": len(workflows),
        }
        return CheckResult(
            self.id, self.rows, findings=tuple(findings), notes=tuple(notes), stats=stats
        )


def committed_file_findings(
    tree: CommittedTree, workflows: list[Workflow], patterns: RepoPatterns
) -> list[Finding]:
    """Everything the committed files show: env files, images, workflows, environments."""
    return [
        *check_env_files(tree, patterns),
        *check_dockerfiles(tree, patterns),
        *check_workflows(workflows, patterns),
        *check_deploy_configs(tree, patterns),
        *check_production_configs(tree, patterns),
        *check_shared_config(tree, patterns),
    ]


def _no_deploy_config() -> Finding:
    return deployment_finding(
        rule="no-deploy-config",
        severity=Severity.WARNING,
        title="No deploy workflow or platform configuration found",
        evidence="none of: a deploying workflow, Vercel, Netlify, Fly.io, Render, Railway, "
        "Kubernetes, Terraform, …",
        remediation="Deploy from a workflow or a committed platform config so every release "
        "is repeatable, or attest 'deploy-pipeline' in launchgate.yml when it lives elsewhere.",
    )
