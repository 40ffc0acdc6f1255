"""The small JSONPath subset the configuration uses to pick a value: ``$.a.b[0].c``."""

from __future__ import annotations

import re
from typing import Any

from launchgate.checks.probe.client import ProbeError

_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[[\"']([^\"']+)[\"']\]")


def pick(document: Any, path: str) -> Any:
    """The value at ``path`` in ``document``; ``ProbeError`` when it is not there."""
    if not path.startswith("$"):
        raise ProbeError(f"JSON path '{path}' must start with '$'")
    node, rest = document, path[1:]
    while rest:
        step = _STEP.match(rest)
        if not step:
            raise ProbeError(f"JSON path '{path}': cannot read '{rest}'")
        key, index, quoted = step.groups()
        node = _step(node, key or quoted, index, path)
        rest = rest[step.end():]
    return node


def _step(node: Any, key: str | None, index: str | None, path: str) -> Any:
    try:
        return node[int(index)] if index is not None else node[key]
    except (KeyError, IndexError, TypeError):
        raise ProbeError(f"JSON path '{path}' not found in the response") from None
