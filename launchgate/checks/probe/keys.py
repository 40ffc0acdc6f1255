"""Key-shaped strings in served text: a small stand-in for the secrets engine.

The full engine (detect-secrets plugins and our own detectors) lives on the secrets branch;
when it lands, ``find_keys`` becomes a call into it and ``key_patterns.yml`` goes away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from launchgate.checks.probe.exchange import load_table


@dataclass(frozen=True)
class KeyMatch:
    """A key found in a text: its type, its value (never printed), and 1-based line/column."""

    type: str
    value: str
    line: int
    column: int


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = load_table("key_patterns")
    return tuple((str(r["type"]), re.compile(str(r["pattern"]))) for r in rows)


def find_keys(text: str) -> list[KeyMatch]:
    """Every distinct key-shaped string in ``text``, first occurrence each."""
    found: dict[str, KeyMatch] = {}
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            group = 1 if pattern.groups else 0
            value, start = match.group(group), match.start(group)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            found.setdefault(value, KeyMatch(kind, value, line, column))
    return list(found.values())
