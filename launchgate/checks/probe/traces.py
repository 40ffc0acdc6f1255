"""Spot a stack trace or framework debug page in a response body (patterns are data)."""

from __future__ import annotations

import re
from functools import cache

from launchgate.checks.probe.exchange import first_match, load_table


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = load_table("stack_traces")
    return tuple((str(r["name"]), re.compile(str(r["pattern"]))) for r in rows)


def stack_trace_in(text: str) -> str | None:
    """The kind of trace or debug page ``text`` shows, or ``None``."""
    return first_match(_patterns(), text)
