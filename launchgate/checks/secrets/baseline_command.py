"""``launchgate baseline``: run the secrets checks and accept what they find today."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from launchgate.checks.secrets.baseline import baseline_path, write_baseline
from launchgate.checks.secrets.bundles import BundlesCheck
from launchgate.checks.secrets.history import HistoryCheck
from launchgate.checks.secrets.worktree import WorktreeCheck
from launchgate.config import load_config
from launchgate.core.check import Context
from launchgate.core.findings import Finding
from launchgate.errors import UsageError


def collect(ctx: Context) -> list[Finding]:
    """Every secret finding of the three checks, the current baseline not applied."""
    findings: list[Finding] = []
    for check in (HistoryCheck(), WorktreeCheck(), BundlesCheck()):
        if check.needs(ctx) is None:
            findings.extend(f for f in check.find(ctx)[0] if f.secret is not None)
    return findings


def run_baseline(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Write the baseline file; exit code 0."""
    root = Path(args.path).resolve()
    if not root.is_dir():
        raise UsageError(f"{args.path}: not a directory")
    config, _ = load_config(Path(args.config) if args.config else None, root, {}, env)
    ctx = Context(root=root, config=config, env=env)
    target = Path(args.output) if args.output else baseline_path(ctx)
    count = write_baseline(target, collect(ctx))
    print(f"launchgate: accepted {count} secret finding(s) in {target}", file=sys.stderr)
    return 0
