"""The README's promises that code can check: its workflow example is the one CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_workflow_is_the_one_the_container_test_runs() -> None:
    workflow = (ROOT / "tests/container/workflow.yml").read_text().splitlines(keepends=True)
    body = "".join(line for line in workflow if not line.startswith("# "))
    assert "```yaml\n" + body + "```" in (ROOT / "README.md").read_text()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make demo" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()
