"""GitHub workflow files: literal tokens, ``pull_request_target`` running PR code, triggers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from launchgate.checks.repo.ids import credential_finding, deployment_finding
from launchgate.checks.repo.patterns import RepoPatterns
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.values import literal_credential
from launchgate.core.findings import Finding, Location, Severity

log = logging.getLogger(__name__)

_PR_CODE = re.compile(
    r"github\.event\.pull_request\.head\.|github\.head_ref|refs/pull/|"
    r"github\.event\.pull_request\.merge_commit_sha"
)


@dataclass(frozen=True)
class Workflow:
    """A committed workflow: its path, its text and its parsed YAML (empty when unparsable)."""

    path: str
    text: str
    doc: dict[Any, Any] = field(default_factory=dict)

    @property
    def triggers(self) -> dict[str, Any]:
        """The ``on:`` events as a mapping (YAML 1.1 reads a bare ``on`` as True)."""
        on = self.doc.get("on", self.doc.get(True))
        if isinstance(on, str):
            return {on: None}
        if isinstance(on, list):
            return {str(event): None for event in on}
        return on if isinstance(on, dict) else {}

    def jobs(self) -> Iterator[dict[str, Any]]:
        """Each job's mapping."""
        jobs = self.doc.get("jobs")
        if isinstance(jobs, dict):
            yield from (job for job in jobs.values() if isinstance(job, dict))


def load_workflows(tree: CommittedTree, patterns: RepoPatterns) -> list[Workflow]:
    """The committed workflow files, parsed; one that does not parse keeps only its text."""
    workflows = []
    for path in tree.matching(patterns.workflows):
        text = tree.read(path)
        if text is not None:
            workflows.append(Workflow(path, text, _parse(path, text)))
    return workflows


def _parse(path: str, text: str) -> dict[Any, Any]:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError:
        log.info("%s is not valid YAML; only its text is checked", path)
        return {}
    return doc if isinstance(doc, dict) else {}


def check_workflows(workflows: list[Workflow], patterns: RepoPatterns) -> list[Finding]:
    """Literal secrets and ``pull_request_target`` runs of pull-request code."""
    findings: list[Finding] = []
    for workflow in workflows:
        findings.extend(literal_secrets(workflow, patterns))
        findings.extend(pr_target_findings(workflow))
    return findings


def literal_secrets(workflow: Workflow, patterns: RepoPatterns) -> Iterator[Finding]:
    """A blocker for each credential written into the workflow instead of ``secrets.*``."""
    for number, line in enumerate(workflow.text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        hit = literal_credential(line, patterns)
        if hit:
            name, value, kind = hit
            yield _literal(workflow.path, number, name, value, kind)


def _literal(path: str, line: int, name: str, value: str, kind: str) -> Finding:
    return credential_finding(
        "workflow-literal-secret",
        f"Workflow holds a literal credential ({name})",
        Location(path=path, line=line),
        name,
        kind,
        value,
        fix=(
            "Rotate the credential, store it as a repository or environment secret and refer "
            "to it as ${{ secrets.NAME }}."
        ),
    )


def pr_target_findings(workflow: Workflow) -> Iterator[Finding]:
    """``pull_request_target`` jobs that check out the PR's code (and run it: a blocker)."""
    if "pull_request_target" not in workflow.triggers:
        return
    for job in workflow.jobs():
        verdict = _runs_pr_code(job.get("steps"))
        if verdict is not None:
            yield _pr_target(workflow, runs=verdict)


def _runs_pr_code(steps: object) -> bool | None:
    """None: PR code not checked out; False: checked out only; True: then run."""
    checked_out: bool | None = None
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict):
            continue
        if checked_out is None and _checks_out_pr(step):
            checked_out = False
        elif checked_out is not None and ("run" in step or _local_action(step)):
            return True
    return checked_out


def _checks_out_pr(step: dict[str, Any]) -> bool:
    uses = str(step.get("uses", ""))
    with_ = step.get("with")
    inputs = with_ if isinstance(with_, dict) else {}
    wanted = " ".join(str(inputs.get(k, "")) for k in ("ref", "repository"))
    return uses.startswith("actions/checkout") and bool(_PR_CODE.search(wanted))


def _local_action(step: dict[str, Any]) -> bool:
    return str(step.get("uses", "")).startswith("./")


def _pr_target(workflow: Workflow, runs: bool) -> Finding:
    line = _line_of(workflow.text, "pull_request_target")
    what = "checks out and runs" if runs else "checks out"
    return deployment_finding(
        rule="workflow-pr-target-runs-pr-code" if runs else "workflow-pr-target-checkout",
        severity=Severity.BLOCKER if runs else Severity.WARNING,
        title=f"pull_request_target workflow {what} pull-request code with repository secrets",
        location=Location(path=workflow.path, line=line),
        evidence="on: pull_request_target + actions/checkout of the PR head",
        remediation=(
            "Use the pull_request event for building and testing PR code; keep "
            "pull_request_target for jobs that never check out or execute the PR's files."
        ),
    )


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None
