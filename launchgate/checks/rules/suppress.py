"""In-code suppressions (``nosemgrep``, ``launchgate: allow``): honoured, but never silent."""

from __future__ import annotations

import re
from collections.abc import Sequence

# ``nosemgrep`` / ``nosem`` optionally followed by ``: rule-a, rule-b``.
_NOSEMGREP = re.compile(r"\bnosem(?:grep)?\b(?:\s*:\s*(?P<ids>[\w.\-]+(?:\s*,\s*[\w.\-]+)*))?")
# ``launchgate: allow`` optionally followed by rule ids; free text goes after ``--``.
_ALLOW = re.compile(r"\blaunchgate\s*:\s*allow\b(?P<ids>[^\n]*)")
_COMMENT_ONLY = re.compile(r"^\s*(#|//|/\*|\*|\{/\*|<!--)")


def suppression(lines: Sequence[str], line: int, rule: str) -> str | None:
    """The marker silencing ``rule`` at 1-based ``line`` (on it or alone just above), if any."""
    candidates = [lines[line - 1]] if 0 < line <= len(lines) else []
    if 1 < line <= len(lines) + 1 and _COMMENT_ONLY.match(lines[line - 2]):
        candidates.append(lines[line - 2])
    for text in candidates:
        marker = _marker(text, rule)
        if marker:
            return marker
    return None


def _marker(text: str, rule: str) -> str | None:
    found = _NOSEMGREP.search(text)
    if found and _names(found.group("ids"), rule):
        return "nosemgrep"
    found = _ALLOW.search(text)
    if found and _names(found.group("ids").split("--")[0], rule):
        return "launchgate: allow"
    return None


def _names(ids: str | None, rule: str) -> bool:
    """No ids silences every rule; otherwise the rule must be listed."""
    wanted = [part for part in re.split(r"[\s,]+", (ids or "").strip(" :*/->")) if part]
    return not wanted or rule in wanted
