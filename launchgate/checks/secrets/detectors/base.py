"""The detector interface: what a detector looks for first (anchors) and what it reports (hits)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Hit:
    """One secret found in one line: the rule that found it, the value and where it starts."""

    rule: str
    type: str
    value: str
    start: int
    own: bool = True


class Detector(Protocol):
    """A detector: a rule id, lowercase anchors that any line it flags contains, and ``find``."""

    @property
    def rule(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def anchors(self) -> tuple[str, ...]: ...

    def find(self, line: str, path: str) -> Iterator[Hit]: ...


def always(_value: str) -> bool:
    return True


@dataclass(frozen=True)
class PatternDetector:
    """One of our own detectors: a regex whose group ``value`` is the secret, plus a check."""

    rule: str
    type: str
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    accept: Callable[[str], bool] = field(default=always)

    def find(self, line: str, path: str) -> Iterator[Hit]:
        for match in self.pattern.finditer(line):
            value = match.group("value")
            if value and self.accept(value):
                yield Hit(self.rule, self.type, value, match.start("value"))


def token(body: str) -> re.Pattern[str]:
    """A pattern for a token that stands alone: not glued to more token characters."""
    return re.compile(rf"(?<![A-Za-z0-9_-])(?P<value>{body})(?![A-Za-z0-9_-])")
