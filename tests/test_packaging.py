"""The wheel carries all the tool reads at run time, and works installed outside a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {"rules": "launchgate/_rules", "examples": "launchgate/_examples"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, source = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("source")
    for path in tracked("."):  # build from a copy: setuptools leaves build/ where it builds
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(source)],
        check=True, capture_output=True, cwd=out,
    )
    return next(out.glob("launchgate-*.whl"))


def tracked(folder: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True)
    return listed.stdout.splitlines()


def test_wheel_holds_rules_examples_data_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [p.replace(src, dest, 1) for src, dest in SHIPPED.items() for p in tracked(src)]
    expected += tracked("launchgate/data") + tracked("launchgate/report/templates")
    assert expected and [p for p in expected if p not in names] == []


def test_installed_wheel_runs_rules_and_repo_checks(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True,
    )
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "app.py").write_text("print('hello')\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "launchgate", "scan", "--only", "rules,repo", "--format", "json",
         str(repo)],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "crashed" not in done.stderr and '"outcome": "error"' not in done.stdout
    where = subprocess.run(
        [sys.executable, "-c", "from launchgate.resources import rules_dir, examples_dir;"
         "print(rules_dir()); print(examples_dir() / 'demo-repo' / 'flawed')"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True,
    ).stdout.split()
    assert where[0].startswith(str(target)) and Path(where[1]).is_dir()
