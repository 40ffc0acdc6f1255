"""``launchgate baseline`` then ``launchgate scan``: accepted secrets no longer block."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launchgate.cli import main
from tests.checks.secrets.conftest import commit, fake, make_repo

KEY = fake("AIza", 35)


def test_baseline_then_scan_passes_and_nothing_leaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"web/firebase.js": f'const apiKey = "{KEY}";\n'})
    report = tmp_path / "r.json"
    args = ["scan", str(repo), "--only", "secrets", "--format", "json", "--output", str(report)]
    assert main(args, env={}) == 1
    data = json.loads(report.read_text())
    assert data["findings"][0]["rule"] == "google-api-key"
    assert data["findings"][0]["location"]["commit"]

    assert main(["baseline", str(repo)], env={}) == 0
    assert main(args, env={}) == 0
    output = capsys.readouterr()
    everything = report.read_text() + output.out + output.err
    everything += (repo / ".launchgate-baseline.json").read_text()
    assert KEY not in everything
