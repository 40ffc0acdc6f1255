"""`launchgate scan`: load the configuration, run the checks, write reports, pick the exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Mapping
from pathlib import Path

from launchgate.config import Config, load_config
from launchgate.core.check import Context, PullRequest
from launchgate.core.findings import Family
from launchgate.core.registry import all_checks
from launchgate.core.runner import run_checks
from launchgate.core.scorecard import Scorecard, build_scorecard
from launchgate.errors import UsageError
from launchgate.report.json_report import render_json
from launchgate.report.markdown import render_markdown

log = logging.getLogger(__name__)


def config_overrides(args: argparse.Namespace) -> dict[str, object]:
    """The CLI flags that override keys of ``launchgate.yml``, as dotted paths."""
    overrides: dict[str, object] = {}
    if args.preview_url:
        overrides["preview.url"] = args.preview_url
    if args.fail_on:
        overrides["fail_on"] = args.fail_on
    if args.history:
        overrides["secrets.history"] = args.history
    if args.bundles:
        overrides["secrets.bundles"] = [b.strip() for b in args.bundles.split(",") if b.strip()]
    return overrides


def scan_repository(
    root: Path,
    config: Config,
    only: frozenset[Family],
    env: Mapping[str, str],
    pull_request: PullRequest | None = None,
) -> tuple[Scorecard, bool]:
    """Run the gate; returns the scorecard and whether any check crashed on a bug."""
    ctx = Context(root=root, config=config, env=env, pull_request=pull_request)
    outcome = run_checks(all_checks(), ctx, only)
    card = build_scorecard(outcome.results, config, outcome.crashed, outcome.totals)
    return card, bool(outcome.crashed)


def render(card: Scorecard, fmt: str) -> str:
    """The scorecard in the format ``--format`` names."""
    if fmt == "json":
        return render_json(card)
    if fmt == "sarif":
        from launchgate.report.sarif import render_sarif

        sarif: str = render_sarif(card)
        return sarif
    return render_markdown(card)


def write_output(text: str, output: str | None) -> None:
    """Write to ``--output`` (creating folders), or to stdout when it is absent or ``-``."""
    if not output or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output: cannot write {output}: {exc.strerror}") from None


def exit_code(card: Scorecard, crashed: bool) -> int:
    """0 pass, 1 blockers (per ``fail_on``), 3 when a check crashed on a bug."""
    if crashed:
        return 3
    return 1 if card.verdict == "fail" else 0


def run_scan(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """The ``scan`` command from parsed arguments."""
    from launchgate.cli import parse_only

    root = Path(args.path).resolve()
    if not root.is_dir():
        raise UsageError(f"{args.path}: not a directory")
    only = parse_only(args.only)
    config, source = load_config(
        Path(args.config) if args.config else None, root, config_overrides(args), env
    )
    log.info("configuration: %s", source)

    card, crashed = scan_repository(root, config, only, env, pull_request_from_env(env))
    write_output(render(card, args.format), args.output)
    if args.sarif_file:
        write_output(render(card, "sarif"), args.sarif_file)
    publish_to_github(card, args, env)
    print(_summary_line(card), file=sys.stderr)
    return exit_code(card, crashed)


def pull_request_from_env(env: Mapping[str, str]) -> PullRequest | None:
    """The pull request this run is on, from the Actions environment and event file."""
    if env.get("GITHUB_ACTIONS") != "true":
        return None
    from launchgate.github.event import pull_request_from_event

    return pull_request_from_event(env)


def publish_to_github(card: Scorecard, args: argparse.Namespace, env: Mapping[str, str]) -> None:
    """Inside GitHub Actions: step summary, outputs, annotations and the sticky comment."""
    if env.get("GITHUB_ACTIONS") != "true":
        return
    from launchgate.github.publish import publish

    publish(card, args, env)


def _summary_line(card: Scorecard) -> str:
    counts = {"blocker": card.blockers, "warning": card.warnings, "row in error": card.errors}
    parts = ", ".join(_plural(n, word) for word, n in counts.items() if n or word != "row in error")
    return f"launchgate: verdict {card.verdict} ({parts})"


def _plural(count: int, word: str) -> str:
    head, _, tail = word.partition(" ")
    return f"{count} {head}{'' if count == 1 else 's'}{' ' + tail if tail else ''}"
