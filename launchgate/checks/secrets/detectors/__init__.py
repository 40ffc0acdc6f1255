"""Every detector the secrets checks run: ours first, then detect-secrets' plugins."""

from __future__ import annotations

from launchgate.checks.secrets.detectors import ai_providers, platform
from launchgate.checks.secrets.detectors.base import Detector, Hit
from launchgate.checks.secrets.detectors.detect_secrets_plugins import plugin_detectors

__all__ = ["Detector", "Hit", "all_detectors", "shown_chars"]

# Rules whose values open with a fixed, public provider prefix (sk-proj-, AKIA, ghp_, eyJ...):
# a report may show that much. Any other value (passwords, keyword matches) shows nothing.
PUBLIC_PREFIX_RULES = frozenset({
    "openai-api-key", "anthropic-api-key", "google-api-key", "huggingface-token",
    "groq-api-key", "replicate-api-token", "pinecone-api-key", "supabase-service-role-key",
    "stripe-live-key", "github-token", "gitlab-token", "jwt", "private-key", "aws-access-key",
    "pypi-token", "sendgrid-key", "slack-token", "square-oauth-secret",
})


def all_detectors() -> tuple[Detector, ...]:
    """Our detectors, then the plugins; on overlap the first (more specific) one wins."""
    return (*ai_providers.DETECTORS, *platform.DETECTORS, *plugin_detectors())


def shown_chars(rule: str) -> int:
    """How many leading characters of a value found by ``rule`` a report may show."""
    return 4 if rule in PUBLIC_PREFIX_RULES else 0
