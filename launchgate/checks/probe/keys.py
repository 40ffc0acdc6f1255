"""Keys in served text (scripts, source maps), found by the secrets engine's detectors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from launchgate.checks.secrets.engine import LineScanner, scan_text


@dataclass(frozen=True)
class KeyMatch:
    """A key found in a text: its type, its value (never printed), and 1-based line/column."""

    type: str
    value: str
    line: int
    column: int
    rule: str


@cache
def _scanner() -> LineScanner:
    return LineScanner()


def find_keys(text: str, path: str = "served.js") -> list[KeyMatch]:
    """Every distinct key in ``text``, first occurrence each; ``path`` picks file-type rules."""
    found: dict[str, KeyMatch] = {}
    for spot in scan_text(_scanner(), text.encode("utf-8", "replace"), path):
        found.setdefault(spot.hit.value, KeyMatch(spot.hit.type, spot.hit.value, spot.line,
                                                  spot.column, spot.hit.rule))
    return list(found.values())
