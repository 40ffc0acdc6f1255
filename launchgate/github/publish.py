"""Publish a scorecard inside GitHub Actions: step summary and step outputs."""

from __future__ import annotations

import argparse
import logging
import uuid
from collections.abc import Mapping
from pathlib import Path

from launchgate.core.scorecard import Scorecard
from launchgate.report.markdown import render_markdown

log = logging.getLogger(__name__)


def publish(card: Scorecard, args: argparse.Namespace, env: Mapping[str, str]) -> None:
    """Write the job summary and the outputs; failures here are logged, never fatal."""
    write_summary(card, env)
    outputs = {
        "verdict": card.verdict,
        "blockers": str(card.blockers),
        "warnings": str(card.warnings),
        "report_json": report_json_path(args),
        "sarif_file": getattr(args, "sarif_file", "") or "",
    }
    write_outputs(outputs, env)


def report_json_path(args: argparse.Namespace) -> str:
    """Where the JSON report went: ``--report-json`` if set, else ``--output`` of a JSON scan."""
    explicit = getattr(args, "report_json", "") or ""
    if explicit or getattr(args, "format", "") != "json":
        return str(explicit)
    output = getattr(args, "output", "") or ""
    return "" if output == "-" else str(output)


def write_summary(card: Scorecard, env: Mapping[str, str]) -> None:
    """Append the markdown scorecard to ``GITHUB_STEP_SUMMARY``."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(render_markdown(card))
    except OSError as exc:
        log.warning("cannot write the job summary: %s", exc.strerror)


def write_outputs(outputs: Mapping[str, str], env: Mapping[str, str]) -> None:
    """Append ``name=value`` pairs (heredoc form for multi-line values) to ``GITHUB_OUTPUT``."""
    path = env.get("GITHUB_OUTPUT")
    if not path:
        return
    lines = []
    for name, value in outputs.items():
        if "\n" in value:
            marker = f"ghadelim_{uuid.uuid4().hex}"
            lines.append(f"{name}<<{marker}\n{value}\n{marker}\n")
        else:
            lines.append(f"{name}={value}\n")
    try:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.writelines(lines)
    except OSError as exc:
        log.warning("cannot write the step outputs: %s", exc.strerror)
