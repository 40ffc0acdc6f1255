"""Workflow-command annotations for the most important findings, escaped and within limits."""

from __future__ import annotations

from launchgate.core.findings import Finding, Severity
from launchgate.core.scorecard import Scorecard
from launchgate.report.text import finding_line

# GitHub shows at most 10 error and 10 warning annotations per step; more are dropped silently.
PER_STEP_CAP = 10
_COMMAND = {Severity.BLOCKER: "error", Severity.WARNING: "warning"}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF cannot end or forge the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_lines(card: Scorecard, path_prefix: str = "") -> list[str]:
    """``::error``/``::warning`` lines, blockers first, then one notice for those left out."""
    lines: list[str] = []
    left_out = 0
    for severity, command in _COMMAND.items():
        chosen = [f for f in card.findings if f.severity is severity]
        lines += [annotation(command, f, path_prefix) for f in chosen[:PER_STEP_CAP]]
        left_out += max(0, len(chosen) - PER_STEP_CAP)
    if left_out:
        lines.append(f"::notice title=launchgate::{left_out} more findings are in the job summary")
    return lines


def annotation(command: str, finding: Finding, path_prefix: str = "") -> str:
    """One annotation; file and line when the finding is in a file."""
    props = {"title": f"launchgate: {finding.row.label}"}
    where = finding.location
    if where.path:
        props["file"] = path_prefix + where.path.removeprefix("./")
        if where.line:
            props["line"] = str(where.line)
            if where.column:
                props["col"] = str(where.column)
    # The file name is escaped, not flattened, so it still names the file.
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{command} {joined}::{escape_data(_message(finding))}"


def _message(finding: Finding) -> str:
    text = finding_line(finding)
    if finding.remediation:
        text += f". Fix: {finding.remediation}"
    return text
