"""The history check on real repositories: deleted secrets, PR mode, shallow clones, odd input."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from launchgate.checks.secrets.history import HistoryCheck
from launchgate.core.check import PullRequest
from launchgate.core.findings import Severity, hash_secret
from tests.checks.secrets.conftest import commit, context, fake, git, make_repo

MAKE_HISTORY = Path(__file__).resolve().parents[3].parent / "shared/bench/make_history.py"
KEY = fake("sk-proj-", 60)


def test_secret_deleted_later_is_a_blocker_that_says_rotate(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"README.md": "hello\n"})
    added = commit(repo, {"app/config.py": f"import os\n\nOPENAI = '{KEY}'\n"})
    commit(repo, {"app/config.py": "import os\n\nOPENAI = os.environ['OPENAI']\n"})

    result = HistoryCheck().run(context(repo))
    [finding] = result.findings
    assert (finding.rule, finding.severity) == ("openai-api-key", Severity.BLOCKER)
    assert finding.location.as_dict() == {
        "path": "app/config.py", "line": 3, "column": 11, "commit": added}
    assert finding.details["still_present"] is False
    assert "Rotate" in finding.remediation and "deleted" in finding.remediation
    assert finding.secret is not None and finding.secret.hashed_secret == hash_secret(KEY)
    assert KEY not in repr(result)


def test_fingerprint_survives_a_line_shift_and_a_rebase(tmp_path: Path) -> None:
    one = make_repo(tmp_path / "one")
    commit(one, {"a.env": f"K={KEY}\n"})
    two = make_repo(tmp_path / "two")
    commit(two, {"other.txt": "x\n"})
    commit(two, {"a.env": f"# moved down\n\nK={KEY}\n"})
    [first] = HistoryCheck().run(context(one)).findings
    [second] = HistoryCheck().run(context(two)).findings
    assert first.location.line != second.location.line
    assert first.fingerprint == second.fingerprint


def test_pr_mode_scans_only_the_pull_requests_commits(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    old = fake("ghp_", 36)
    base = commit(repo, {"old.env": f"T={old}\n"})
    commit(repo, {"old.env": None})
    commit(repo, {"new.env": f"T={fake('ghp_', 36, seed=2)}\n"})
    commit(repo, {"new.env": None})
    pr = PullRequest(number=1, base_sha=base)
    findings = HistoryCheck().run(context(repo, pr, history="pr")).findings
    assert [f.location.path for f in findings] == ["new.env"]


def test_shallow_clone_warns_and_says_fetch_depth(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    for n in range(3):
        commit(repo, {f"f{n}.txt": f"{n}\n"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True)
    result = HistoryCheck().run(context(clone))
    [warning] = result.findings
    assert warning.severity is Severity.WARNING and "shallow" in warning.title
    assert "fetch-depth: 0" in warning.remediation


def test_odd_input_is_scanned_or_skipped_with_a_note(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    key = fake("hf_", 34)
    commit(repo, {"img.bin": b"\x00\x01" + key.encode(), "latin.txt": b"caf\xe9\n",
                  "big.js": "x" * 20_000 + f'"{key}"' + "y" * 5, "lfs.dat":
                  "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\n"})
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, {"side.txt": "side\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, {"main.txt": "main\n"})
    git(repo, "-c", "user.name=T", "merge", "-q", "--no-edit", "side")
    git(repo, "mv", "big.js", "moved.js")
    commit(repo, {})
    result = HistoryCheck().run(context(repo, max_file_bytes=100_000))
    assert sorted((f.location.path, f.location.column) for f in result.findings) == [
        ("big.js", 20_002), ("moved.js", 20_002)]
    assert any("1 binary file versions" in n for n in result.notes)
    assert any("LFS pointers" in n for n in result.notes)


def test_empty_repository_and_plain_folder(tmp_path: Path) -> None:
    empty = make_repo(tmp_path / "empty")
    assert HistoryCheck().run(context(empty)).notes == ("the repository has no commits yet",)
    (tmp_path / "plain").mkdir()
    assert "not a git repository" in str(HistoryCheck().needs(context(tmp_path / "plain")))


@pytest.mark.skipif(not MAKE_HISTORY.is_file(),
                    reason=f"benchmark generator not found at {MAKE_HISTORY}")
def test_every_planted_secret_found_and_no_decoy(tmp_path: Path) -> None:
    repo = tmp_path / "bench"
    subprocess.run([sys.executable, str(MAKE_HISTORY), str(repo), "--commits", "300",
                    "--secrets", "30", "--seed", "11"], check=True)
    truth = list(csv.DictReader(Path(f"{repo}.truth.tsv").read_text().splitlines(), delimiter="\t"))
    found = {(f.location.commit, f.location.path, f.location.line, f.secret.hashed_secret)
             for f in HistoryCheck().run(context(repo)).findings if f.secret}
    planted = {(r["commit"], r["path"], int(r["line"]), hash_secret(r["value"]))
               for r in truth if r["expect"] == "secret"}
    decoy_paths = {r["path"] for r in truth if r["expect"] == "decoy"}
    assert planted and found == planted
    assert not [f for f in found if f[1] in decoy_paths]


def test_paths_with_spaces_quotes_and_newlines_are_read_exactly(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    names = ["a.py", "b c.py", "my dir/a.py", 'q"t.py', "é x.py", "new\nline.py"]
    keys = {name: fake("sk-proj-", 60, seed=n) for n, name in enumerate(names)}
    commit(repo, {name: f"K = '{key}'\n" for name, key in keys.items()})
    commit(repo, {"new\nline.py": None})
    result = HistoryCheck().run(context(repo))
    found = {(f.location.path, f.details["still_present"]): f.secret.hashed_secret
             for f in result.findings if f.secret}
    assert found == {(name, name != "new\nline.py"): hash_secret(key)
                     for name, key in keys.items()}


def test_unstaged_changes_in_stashes_are_scanned(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"app.py": "x = 1\n"})
    plain, with_untracked = fake("sk-proj-", 60, seed=7), fake("ghp_", 36, seed=8)
    (repo / "app.py").write_text(f"x = 1\nK = '{plain}'\n")
    git(repo, "stash", "-q")
    (repo / "app.py").write_text(f"x = 1\nT = '{with_untracked}'\n")
    (repo / "notes.txt").write_text("untracked\n")
    git(repo, "stash", "-q", "-u")
    found = {(f.location.path, f.secret.hashed_secret)
             for f in HistoryCheck().run(context(repo)).findings if f.secret}
    assert found == {("app.py", hash_secret(plain)), ("app.py", hash_secret(with_untracked))}


def test_a_key_added_while_resolving_a_merge_conflict_is_found(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"cfg.py": "MODE = 'base'\n"})
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, {"cfg.py": "MODE = 'side'\n"})
    git(repo, "checkout", "-q", "main")
    commit(repo, {"cfg.py": "MODE = 'main'\n"})
    clash = subprocess.run(["git", "-C", str(repo), "merge", "-q", "side"], capture_output=True,
                           check=False)
    assert clash.returncode != 0
    merge = commit(repo, {"cfg.py": f"MODE = 'both'\nKEY = '{KEY}'\n"}, "merge side")
    commit(repo, {"cfg.py": "MODE = 'both'\n"})
    [finding] = HistoryCheck().run(context(repo)).findings
    assert (finding.location.path, finding.location.commit) == ("cfg.py", merge)
    assert finding.secret is not None and finding.secret.hashed_secret == hash_secret(KEY)
