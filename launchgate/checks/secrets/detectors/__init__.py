"""Every detector the secrets checks run: ours first, then detect-secrets' plugins."""

from __future__ import annotations

from launchgate.checks.secrets.detectors import ai_providers, platform
from launchgate.checks.secrets.detectors.base import Detector, Hit
from launchgate.checks.secrets.detectors.detect_secrets_plugins import plugin_detectors

__all__ = ["Detector", "Hit", "all_detectors"]


def all_detectors() -> tuple[Detector, ...]:
    """Our detectors, then the plugins; on overlap the first (more specific) one wins."""
    return (*ai_providers.DETECTORS, *platform.DETECTORS, *plugin_detectors())
