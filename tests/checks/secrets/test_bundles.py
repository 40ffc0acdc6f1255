"""The bundles check: gitignored build output, minified files and source maps."""

from __future__ import annotations

import json
from pathlib import Path

from launchgate.checks.secrets.bundles import BundlesCheck
from tests.checks.secrets.conftest import commit, context, fake, make_repo

KEY = fake("sk-ant-api03-", 93)


def test_minified_file_and_source_map_report_where(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {".gitignore": "dist/\n"})
    dist = repo / "dist"
    dist.mkdir()
    (dist / "app.min.js").write_text("var a=1;" * 700 + f'fetch(u,{{k:"{KEY}"}})')
    source = f"const a = 1;\nexport const k = '{KEY}';\n"
    (dist / "app.min.js.map").write_text(json.dumps(
        {"version": 3, "sources": ["webpack://app/./src/llm.ts"], "sourcesContent": [source]}))
    findings = BundlesCheck().run(context(repo)).findings
    assert sorted((f.location.path, f.location.line, f.location.column, f.details["bundle"])
                  for f in findings) == [
        ("dist/app.min.js", 1, 5613, "dist/app.min.js"),
        ("src/llm.ts", 2, 19, "dist/app.min.js.map"),
    ]


def test_skipped_without_bundle_folders(tmp_path: Path) -> None:
    assert BundlesCheck().needs(context(tmp_path)) == (
        "no bundle folder found (dist, build, .next/static)")


def test_folders_outside_the_repository_and_missing_ones(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    commit(repo, {"README.md": "hi\n"})
    outside = tmp_path / "site" / "out"
    (outside / "js").mkdir(parents=True)
    (outside / "js" / "app.js").write_text(f'const k="{KEY}";\n')
    (repo / "dist").mkdir()
    (repo / "dist" / "main.js").write_text(f'var k="{KEY}";\n')
    bundles = [f"{outside}/", str(repo / "dist"), "missing"]
    result = BundlesCheck().run(context(repo, bundles=bundles))
    assert sorted(f.location.path for f in result.findings) == [
        f"{outside.as_posix()}/js/app.js", "dist/main.js"]
    assert "bundle folder not found, skipped: missing" in result.notes
