"""Publish inside GitHub Actions: report files, summary, outputs, annotations, the PR comment."""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from launchgate.core.scorecard import Scorecard
from launchgate.github.annotations import annotation_lines, escape_data
from launchgate.github.api import DEFAULT_API_URL, GitHubClient, GitHubError
from launchgate.github.comment import comment_body, comment_key, keep_comment, resolve_author
from launchgate.github.event import is_fork_pull_request, pull_request_from_event, repository
from launchgate.github.sizing import fit_markdown, utf8_bytes
from launchgate.report.json_report import render_json
from launchgate.report.markdown import Detail
from launchgate.report.sarif import render_sarif
from launchgate.resources import RESULTS_DIR

log = logging.getLogger(__name__)

SUMMARY_LIMIT = 1024 * 1024  # GitHub drops a step summary larger than 1 MiB


@dataclass(frozen=True)
class ReportFiles:
    """Where the JSON report and the SARIF file were written ("" when writing failed)."""

    report_json: str
    sarif_file: str


def publish(card: Scorecard, args: argparse.Namespace, env: Mapping[str, str]) -> None:
    """Everything GitHub shows; each part logs its own failure and never fails the gate."""
    key = comment_key([_path_part(args), getattr(args, "config", None), args.only])
    files = write_report_files(card, args, key)
    write_summary(card, env)
    outputs = {
        "verdict": card.verdict,
        "blockers": str(card.blockers),
        "warnings": str(card.warnings),
        "report_json": files.report_json,
        "sarif_file": files.sarif_file,
    }
    write_outputs(outputs, env)
    write_annotations(card, args, env)
    post_comment(card, args, env, key)


def _path_part(args: argparse.Namespace) -> str | None:
    path = getattr(args, "path", ".")
    return None if path in (None, ".", "./") else str(path)


def write_report_files(card: Scorecard, args: argparse.Namespace, key: str) -> ReportFiles:
    """The JSON report and SARIF as files, reusing ``--output``/``--sarif-file`` when given."""
    suffix = "" if key == "default" else f"-{key}"
    report = args.output if args.format == "json" and args.output not in (None, "-") else None
    return ReportFiles(
        report_json=report or _write(f"{RESULTS_DIR}/report{suffix}.json", render_json(card)),
        sarif_file=getattr(args, "sarif_file", None)
        or _write(f"{RESULTS_DIR}/launchgate{suffix}.sarif", render_sarif(card)),
    )


def _write(path: str, text: str) -> str:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write %s: %s", path, exc.strerror)
        return ""
    return path


def write_summary(card: Scorecard, env: Mapping[str, str]) -> None:
    """Append the scorecard to ``GITHUB_STEP_SUMMARY``, shed to fit what is left of 1 MiB."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        used = Path(path).stat().st_size if Path(path).exists() else 0
        text = fit_markdown(card, SUMMARY_LIMIT - used, utf8_bytes, Detail())
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(text)
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


def write_annotations(card: Scorecard, args: argparse.Namespace, env: Mapping[str, str]) -> None:
    """Print the annotations (workflow commands go to stdout), paths made workspace-relative."""
    prefix = _workspace_prefix(Path(getattr(args, "path", ".") or "."), env)
    lines = annotation_lines(card, prefix)
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()


def _workspace_prefix(root: Path, env: Mapping[str, str]) -> str:
    workspace = Path(env.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
    try:
        relative = root.resolve().relative_to(workspace)
    except ValueError:
        return ""
    return "" if str(relative) == "." else f"{relative.as_posix()}/"


def summary_url(env: Mapping[str, str]) -> str | None:
    """The run's page, where the job summary with the full report is shown."""
    parts = [env.get(n) for n in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    if not all(parts):
        return None
    server, repo, run_id = parts
    return f"{str(server).rstrip('/')}/{repo}/actions/runs/{run_id}"


def post_comment(
    card: Scorecard, args: argparse.Namespace, env: Mapping[str, str], key: str
) -> None:
    """Keep the sticky comment on a pull request; explain in the log when it cannot."""
    target = _comment_target(args, env)
    if target is None:
        return
    repo, number, token = target
    body = comment_body(card, key, summary_url(env))
    api_url = env.get("GITHUB_API_URL") or DEFAULT_API_URL
    try:
        with GitHubClient(token, api_url) as client:
            outcome = keep_comment(client, repo, number, body, resolve_author(client, token))
    except GitHubError as exc:
        why = _why_no_comment(exc, is_fork_pull_request(env))
        log.warning("%s", why)
        # Also as a workflow warning, so the run's page shows why the comment is missing.
        print(f"::warning title=launchgate::{escape_data(why)}", flush=True)
        return
    log.info("pull request comment %s", outcome)


def _comment_target(
    args: argparse.Namespace, env: Mapping[str, str]
) -> tuple[str, int, str] | None:
    """Repository, pull request number and token; ``None`` (with the reason logged) otherwise."""
    if getattr(args, "no_comment", False):
        log.info("--no-comment: the pull request comment is left alone")
        return None
    pull_request = pull_request_from_event(env)
    if pull_request is None or pull_request.number is None:
        event = env.get("GITHUB_EVENT_NAME") or "unknown"
        log.info("not a pull request run (event %s): summary and outputs only", event)
        return None
    repo = repository(env)
    token = getattr(args, "github_token", None) or env.get("GITHUB_TOKEN")
    if repo is None or not token:
        missing = "GITHUB_REPOSITORY" if repo is None else "a token (--github-token, GITHUB_TOKEN)"
        log.warning("no pull request comment: %s is missing", missing)
        return None
    return repo, pull_request.number, token


def _why_no_comment(exc: GitHubError, fork: bool) -> str:
    """One log line: what GitHub said, and what the workflow needs for the comment."""
    text = f"no pull request comment: {exc}."
    if exc.status not in (403, 404):
        return text + " The verdict is in the job summary and the exit code."
    text += " The workflow needs 'permissions: pull-requests: write' for the comment."
    if fork:
        text += " This pull request comes from a fork: GitHub gives such runs a read-only token."
    return text + " The verdict is in the job summary and the exit code."
