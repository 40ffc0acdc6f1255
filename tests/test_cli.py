"""The command line contract: flags, environment variables, outputs and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from launchgate.cli import main


def git_repo(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", path], check=True)
    return path


def test_unknown_family_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path), "--only", "secretz"], env={}) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "launchgate: error: --only: unknown family 'secretz' (choose from "
        "secrets,rules,repo,probe,email)"
    ]


def test_bad_flag_value_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--fail-on", "sometimes"], env={}) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_path_that_is_not_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "missing")], env={}) == 2
    assert "not a directory" in capsys.readouterr().err


def test_bad_config_exits_2_with_key_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "launchgate.yml").write_text("preview: {urll: https://x.test}\n")
    assert main(["scan", str(tmp_path)], env={}) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"launchgate: error: {tmp_path / 'launchgate.yml'}: preview.urll: unknown key"


def test_missing_variable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "launchgate.yml").write_text('preview: {url: "${PREVIEW}"}\n')
    assert main(["scan", str(tmp_path)], env={}) == 2
    assert "environment variable PREVIEW is not set" in capsys.readouterr().err


def test_flags_read_environment(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    env = {"LAUNCHGATE_FORMAT": "json", "LAUNCHGATE_OUTPUT": str(out), "LAUNCHGATE_ONLY": "email"}
    assert main(["scan", str(git_repo(tmp_path / "repo"))], env=env) == 0
    report = json.loads(out.read_text())
    assert report["version"] == 1 and len(report["rows"]) == 14


def test_unwritable_output_is_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = main(
        ["scan", str(tmp_path), "--only", "email", "--output", str(blocker / "r.md")], env={}
    )
    assert code == 2


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "launchgate", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("launchgate ")


def test_verbose_flag_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path), "--only", "email", "-vv"], env={}) == 0
    assert "launchgate: configuration: defaults" in capsys.readouterr().err


def test_usage_error_names_the_right_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scna"], env={}) == 2
    assert "(see 'launchgate --help')" in capsys.readouterr().err
    assert main(["scan", "--nope"], env={}) == 2
    assert "(see 'launchgate scan --help')" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LAUNCHGATE_FAIL_ON", "maybe", "LAUNCHGATE_FAIL_ON: 'maybe' is not one of blocker"),
        ("LAUNCHGATE_FORMAT", "xml", "LAUNCHGATE_FORMAT: 'xml' is not one of markdown"),
        ("LAUNCHGATE_NO_COMMENT", "maybe", "LAUNCHGATE_NO_COMMENT: 'maybe' is not one of true"),
    ],
)
def test_bad_environment_values_name_the_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variable: str, value: str, message: str
) -> None:
    assert main(["scan", str(tmp_path)], env={variable: value}) == 2
    assert message in capsys.readouterr().err
