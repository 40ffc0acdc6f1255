"""The registry of checks: adding a check is one module and one line here."""

from __future__ import annotations

from launchgate.checks.email.dkim import DkimCheck
from launchgate.checks.email.dmarc import DmarcCheck
from launchgate.checks.email.spf import SpfCheck
from launchgate.checks.probe.injection import InjectionCheck
from launchgate.checks.repo.attestations import AttestationsCheck
from launchgate.checks.repo.deployment import DeploymentCheck
from launchgate.checks.repo.monitoring import MonitoringCheck
from launchgate.checks.rules.check import SemgrepRulesCheck
from launchgate.checks.secrets.bundles import BundlesCheck
from launchgate.checks.secrets.history import HistoryCheck
from launchgate.checks.secrets.worktree import WorktreeCheck
from launchgate.core.check import Check


def all_checks() -> list[Check]:
    """Every built-in check, in the order their results are listed."""
    return [
        HistoryCheck(),
        WorktreeCheck(),
        BundlesCheck(),
        MonitoringCheck(),
        DeploymentCheck(),
        AttestationsCheck(),
        SemgrepRulesCheck(),
        InjectionCheck(),
        SpfCheck(),
        DkimCheck(),
        DmarcCheck(),
    ]
