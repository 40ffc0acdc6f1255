"""The semgrep rule files to run and what each rule's metadata says about its findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from launchgate.core.findings import Severity
from launchgate.core.rows import Row
from launchgate.errors import CheckError

RULE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RuleInfo:
    """One rule's id and the metadata launchgate reads: row, severity, CWE, remedy, piece."""

    id: str
    row: Row
    severity: Severity
    cwe: str
    remediation: str
    message: str
    piece: str | None = None


@dataclass(frozen=True)
class RuleSet:
    """The rule files to hand semgrep and the rules they hold, by id."""

    files: tuple[Path, ...]
    rules: Mapping[str, RuleInfo]


def load_ruleset(folders: Iterable[Path], allowed_rows: Iterable[Row]) -> RuleSet:
    """Every rule file under ``folders`` (test targets beside them are left out)."""
    files: list[Path] = []
    rules: dict[str, RuleInfo] = {}
    rows = frozenset(allowed_rows)
    for folder in folders:
        for path in _rule_files(folder):
            found = [_rule_info(raw, path, rows) for raw in _read_rules(path)]
            if found:
                files.append(path)
                rules.update((info.id, info) for info in found)
    return RuleSet(tuple(files), rules)


def _rule_files(folder: Path) -> list[Path]:
    if not folder.exists():
        raise CheckError(f"rule folder {folder} does not exist")
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def _read_rules(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CheckError(f"cannot read rule file {path}: {type(exc).__name__}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return []  # a YAML test target or unrelated file, not a rule file
    return [rule for rule in data["rules"] if isinstance(rule, dict)]


def _rule_info(raw: Mapping[str, Any], path: Path, rows: frozenset[Row]) -> RuleInfo:
    rule_id = str(raw.get("id", ""))
    meta = raw.get("metadata") or {}
    try:
        row = Row(str(meta.get("row")))
        severity = Severity(str(meta.get("severity")))
    except ValueError:
        raise CheckError(
            f"{path.name}: rule '{rule_id}' needs metadata.row (one of "
            f"{', '.join(sorted(rows))}) and metadata.severity (blocker|warning|info)"
        ) from None
    if row not in rows:
        raise CheckError(f"{path.name}: rule '{rule_id}' names row '{row}', not a code-rule row")
    return RuleInfo(
        id=rule_id,
        row=row,
        severity=severity,
        cwe=str(meta.get("cwe", "")),
        remediation=" ".join(str(meta.get("remediation", "")).split()),
        message=" ".join(str(raw.get("message", "")).split()),
        piece=meta.get("piece"),
    )
