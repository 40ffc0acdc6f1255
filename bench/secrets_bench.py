"""Time launchgate's history scan beside git log -p, detect-secrets and trufflehog 2.2.1.

    python bench/secrets_bench.py [--commits 2000] [--work DIR] [--make-history FILE]

Builds the benchmark repository with ../shared/bench/make_history.py, checks recall and
decoys against its truth file, and prints a markdown table for the README. trufflehog is
installed into its own virtual environment under the work folder, never into the project's.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from launchgate.checks.secrets.git import log_command
from launchgate.checks.secrets.history import HistoryCheck
from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import hash_secret

ROOT = Path(__file__).resolve().parent.parent
MAKE_HISTORY = ROOT.parent / "shared/bench/make_history.py"


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def accuracy(repo: Path) -> tuple[int, int, int, int]:
    """(planted found, planted, decoys reported, other findings) for launchgate."""
    truth = list(csv.DictReader(Path(f"{repo}.truth.tsv").read_text().splitlines(), delimiter="\t"))
    result = HistoryCheck().run(Context(root=repo, config=Config()))
    found = {(f.location.path, f.secret.hashed_secret) for f in result.findings if f.secret}
    planted = {(r["path"], hash_secret(r["value"])) for r in truth if r["expect"] == "secret"}
    decoys = {r["path"] for r in truth if r["expect"] == "decoy"}
    hits = len(planted & found)
    return hits, len(planted), sum(p in decoys for p, _ in found), len(found) - hits


def trufflehog(work: Path) -> Path | None:
    venv = work / "trufflehog-venv"
    if not (venv / "bin/trufflehog").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run([str(venv / "bin/pip"), "install", "-q", "trufflehog==2.2.1"],
                              check=False)
        if done.returncode != 0:
            return None
    return venv / "bin/trufflehog"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--make-history", type=Path, default=MAKE_HISTORY)
    parser.add_argument("--work", type=Path, default=Path(tempfile.mkdtemp(prefix="lg-bench-")))
    args = parser.parse_args()
    repo = args.work / f"history-{args.commits}"
    if not repo.exists():
        subprocess.run([sys.executable, str(args.make_history), str(repo), "--commits",
                        str(args.commits)], check=True)
    patch = args.work / "patch.txt"
    rows = run_all(repo, patch, args.work)
    report(rows, args.commits, accuracy(repo))


def run_all(repo: Path, patch: Path, work: Path) -> dict[str, float | None]:
    ctx = Context(root=repo, config=Config())
    rows: dict[str, float | None] = {}
    rows["git log -p (the floor)"] = timed(lambda: subprocess.run(
        log_command(repo, ["--all"]), stdout=subprocess.DEVNULL, check=True))
    rows["launchgate history scan"] = timed(lambda: HistoryCheck().run(ctx))
    with patch.open("wb") as out:
        subprocess.run(log_command(repo, ["--all"]), stdout=out, check=True)
    ds = Path(sys.executable).parent / "detect-secrets"
    rows["detect-secrets scan (same patch text)"] = timed(lambda: subprocess.run(
        [str(ds), "scan", "--all-files", patch.name], cwd=patch.parent,
        stdout=subprocess.DEVNULL, check=True))
    hog = trufflehog(work)
    rows["trufflehog 2.2.1"] = None if hog is None else timed(lambda: subprocess.run(
        [str(hog), "--json", "--regex", f"file://{repo}"], stdout=subprocess.DEVNULL,
        check=False))
    return rows


def report(rows: dict[str, float | None], commits: int, acc: tuple[int, int, int, int]) -> None:
    ours = rows["launchgate history scan"] or 1e-9
    head = f"tool ({commits} commits, {os.cpu_count()} cores)"
    print(f"| {head} | seconds | commits/s | vs launchgate |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds in rows.items():
        if seconds is None:
            print(f"| {name} | not installed | | |")
            continue
        print(f"| {name} | {seconds:.2f} | {commits / seconds:,.0f} | {seconds / ours:.1f}x |")
    hits, planted, decoys, other = acc
    print(f"\nlaunchgate: {hits}/{planted} planted secrets found, {decoys} decoys reported, "
          f"{other} other findings")


if __name__ == "__main__":
    main()
