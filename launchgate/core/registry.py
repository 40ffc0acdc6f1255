"""The registry of checks: adding a check is one module and one line here."""

from __future__ import annotations

from launchgate.core.check import Check


def all_checks() -> list[Check]:
    """Every built-in check, in the order their results are listed."""
    from launchgate.checks.probe.cors import CorsCheck
    from launchgate.checks.probe.headers import SecurityHeadersCheck
    from launchgate.checks.probe.redirects import RedirectCheck
    from launchgate.checks.rules.semgrep import SemgrepCheck
    from launchgate.checks.secrets.history import HistorySecretsCheck
    from launchgate.checks.secrets.worktree import WorktreeSecretsCheck

    return [
        HistorySecretsCheck(),
        WorktreeSecretsCheck(),
        SemgrepCheck(),
        RedirectCheck(),
        SecurityHeadersCheck(),
        CorsCheck(),
    ]
