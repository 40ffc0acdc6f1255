"""Plain-text hygiene shared by the reporters: one line, no invisible characters, bounded length."""

from __future__ import annotations

import re

from launchgate.core.findings import Finding

FIELD_CHARS = 1000  # one title, path or message never takes more than this
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def flatten(text: object, limit: int = FIELD_CHARS) -> str:
    """One line of printable text: no control or direction characters, at most ``limit`` chars."""
    flat = " ".join(_INVISIBLE.sub("", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def finding_line(finding: Finding) -> str:
    """A finding in one line: title, the redacted secret, and the request when it is a probe's."""
    text = flatten(finding.title)
    if finding.secret is not None:
        text += f" ({flatten(finding.secret.type)} {flatten(finding.secret.redacted)})"
    if finding.location.url:
        text += f" at {flatten(finding.location.describe())}"
    return text
