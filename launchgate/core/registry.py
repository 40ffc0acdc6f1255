"""The registry of checks: adding a check is one module and one line here."""

from __future__ import annotations

from launchgate.checks.rules.check import SemgrepRulesCheck
from launchgate.core.check import Check


def all_checks() -> list[Check]:
    """Every built-in check, in the order their results are listed."""
    return [SemgrepRulesCheck()]
