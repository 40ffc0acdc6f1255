"""The registry of checks: adding a check is one module and one line here."""

from __future__ import annotations

from launchgate.checks.email.dkim import DkimCheck
from launchgate.checks.email.dmarc import DmarcCheck
from launchgate.checks.email.spf import SpfCheck
from launchgate.checks.probe.auth import AuthCheck
from launchgate.checks.probe.cors import CorsCheck
from launchgate.checks.probe.edge import EdgeCheck
from launchgate.checks.probe.exposure import ExposureCheck
from launchgate.checks.probe.headers import HeadersCheck
from launchgate.checks.probe.health import HealthCheck
from launchgate.checks.probe.injection import InjectionCheck
from launchgate.checks.probe.latency import LatencyCheck
from launchgate.checks.probe.rate_limit import RateLimitCheck
from launchgate.checks.probe.redirects import RedirectsCheck
from launchgate.checks.probe.tls import TlsCheck
from launchgate.checks.probe.validation import ValidationCheck
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
        # secrets
        HistoryCheck(),
        WorktreeCheck(),
        BundlesCheck(),
        # rules
        SemgrepRulesCheck(),
        # repo
        DeploymentCheck(),
        MonitoringCheck(),
        AttestationsCheck(),
        # probe
        TlsCheck(),
        RedirectsCheck(),
        HeadersCheck(),
        CorsCheck(),
        EdgeCheck(),
        AuthCheck(),
        ValidationCheck(),
        RateLimitCheck(),
        ExposureCheck(),
        HealthCheck(),
        LatencyCheck(),
        InjectionCheck(),
        # email
        SpfCheck(),
        DkimCheck(),
        DmarcCheck(),
    ]
