"""Credentials written into deploy configuration: platform files, tfvars, compose, k8s Secrets."""

from __future__ import annotations

from collections.abc import Iterator

from launchgate.checks.repo.ids import credential_finding
from launchgate.checks.repo.patterns import RepoPatterns
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.values import literal_credential
from launchgate.core.findings import Finding, Location

_COMMENT = ("#", "//")


def deploy_configs(tree: CommittedTree, patterns: RepoPatterns) -> list[str]:
    """The committed deploy configuration files that may carry credentials."""
    rules = (*patterns.platforms, *patterns.secret_bearing_configs)
    return sorted({path for rule in rules for path in tree.find(rule)})


def check_deploy_configs(tree: CommittedTree, patterns: RepoPatterns) -> list[Finding]:
    """A blocker for each credential written into deploy configuration."""
    findings: list[Finding] = []
    for path in deploy_configs(tree, patterns):
        findings.extend(_literals(path, tree.read(path) or "", patterns))
    return findings


def _literals(path: str, text: str, patterns: RepoPatterns) -> Iterator[Finding]:
    for number, line in enumerate(text.splitlines(), start=1):
        hit = None if line.lstrip().startswith(_COMMENT) else literal_credential(line, patterns)
        if hit:
            name, value, kind = hit
            yield credential_finding(
                "deploy-config-secret",
                f"Deploy configuration holds a literal credential ({name})",
                Location(path=path, line=number),
                name,
                kind,
                value,
                fix="Rotate the credential and set it in the platform's secret store (fly "
                "secrets, Vercel/Render/Railway environment variables, a secret manager), "
                "referenced by name from the config.",
            )
