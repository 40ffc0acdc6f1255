"""What is not a secret even when a detector says so: placeholders, examples, ids and lookups."""

from __future__ import annotations

import re

from detect_secrets.filters.heuristic import (
    is_indirect_reference,
    is_likely_id_string,
    is_potential_uuid,
    is_prefixed_with_dollar_sign,
    is_sequential_string,
    is_templated_secret,
)

from launchgate.checks.secrets.detectors.base import Hit
from launchgate.checks.secrets.detectors.platform import jwt_claims

ALLOW_MARKERS = ("launchgate: allow", "pragma: allowlist secret")

# Words that mark a value as written for documentation, not issued by a provider.
PLACEHOLDER_WORDS = (
    "example", "your", "placeholder", "changeme", "change_me", "dummy", "sample", "redacted",
    "xxxx", "****", "....", "<", ">", "{{", "}}", "${", "password", "secret",
    "insert", "replace", "here",
)

_GIT_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_INTEGRITY = re.compile(r"sha(?:1|256|384|512)-[A-Za-z0-9+/=]{20,}")
_ENV_LOOKUP = re.compile(r"(?:environ|getenv|env)\s*[\[(.]|process\.env\.|import\.meta\.env\.")


def is_allowed_line(line: str) -> bool:
    """The line carries ``launchgate: allow`` or detect-secrets' own allowlist pragma."""
    lowered = line.lower()
    return any(marker in lowered for marker in ALLOW_MARKERS)


def is_placeholder(value: str) -> bool:
    """A documented example or an obvious stand-in (``sk-your-key-here``, ``AKIA…EXAMPLE``)."""
    lowered = value.lower()
    if any(word in lowered for word in PLACEHOLDER_WORDS):
        return True
    return len(set(value)) < max(4, min(8, len(value) // 4))


def is_identifier_hash(value: str) -> bool:
    """A git SHA, a lockfile integrity hash or a UUID: ids, not credentials."""
    return bool(
        _GIT_SHA.fullmatch(value) or _INTEGRITY.fullmatch(value) or is_potential_uuid(value)
    )


def is_public_jwt(value: str) -> bool:
    """A JWT meant to be public, such as Supabase's ``anon`` key."""
    return jwt_claims(value).get("role") == "anon"


def is_noise(hit: Hit, line: str) -> bool:
    """Whether a detector's hit is to be dropped."""
    value = hit.value
    if is_placeholder(value) or is_identifier_hash(value) or is_sequential_string(value):
        return True
    if _ENV_LOOKUP.search(value) or is_templated_secret(value):
        return True
    if hit.own:
        return False
    return _is_plugin_noise(hit, line)


def _is_plugin_noise(hit: Hit, line: str) -> bool:
    if hit.rule == "jwt" and is_public_jwt(hit.value):
        return True
    if hit.rule != "secret-keyword":
        return False
    return (
        " " in hit.value.strip()  # prose after a keyword, not a credential
        or is_prefixed_with_dollar_sign(hit.value)
        or is_indirect_reference(line)
        or is_likely_id_string(hit.value, line)
        or len(hit.value) < 6
    )
