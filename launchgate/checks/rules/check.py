"""``rules.semgrep``: the code-rule families run by semgrep and joined into scorecard findings."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from launchgate import resources
from launchgate.checks.rules.changes import ChangedLines, changed_lines
from launchgate.checks.rules.frontend_auth import FrontendOnly, Piece, find_frontend_only
from launchgate.checks.rules.ruleset import RuleInfo, RuleSet, load_ruleset
from launchgate.checks.rules.semgrep import Match, run_semgrep
from launchgate.checks.rules.source import SourceFile, fingerprint
from launchgate.checks.rules.suppress import suppression
from launchgate.checks.rules.targets import Targets, collect_targets
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding, Location, Severity
from launchgate.core.rows import Row
from launchgate.errors import CheckError

log = logging.getLogger(__name__)

FRONTEND_ONLY_RULE = "frontend-only-authorization"
LISTED = 10  # paths named in a note before "and N more"


@dataclass
class _Files:
    """Each matched file read once."""

    root: Path
    cache: dict[str, SourceFile] = field(default_factory=dict)

    def __getitem__(self, path: str) -> SourceFile:
        if path not in self.cache:
            self.cache[path] = SourceFile.read(self.root / path)
        return self.cache[path]

    def whole_text(self, path: str) -> str:
        source = self[path]
        return source.text(0, len(source.data))


class SemgrepRulesCheck:
    """Runs the built-in rules and ``rules.extra`` on the repository, offline."""

    id = "rules.semgrep"
    family = Family.RULES
    rows: tuple[Row, ...] = (
        Row.AUTH_BOUNDARIES,
        Row.TOOL_CALL_SAFETY,
        Row.LOGGING_HYGIENE,
        Row.CORS_POLICY,
        Row.TENANT_KEY_ISOLATION,
        Row.DEPLOYMENT_CONFIG,
    )

    def needs(self, ctx: Context) -> str | None:
        return None

    def run(self, ctx: Context) -> CheckResult:
        ruleset = load_ruleset(self._rule_folders(ctx), self.rows)
        targets = collect_targets(ctx.root, ctx.config.rules.exclude)
        output = run_semgrep(ctx.root, ruleset.files, targets.scanned)
        files = _Files(ctx.root)

        found = self._findings(output.matches, ruleset, files)
        kept, silenced = _split_suppressed(found, files)
        kept, new_note = _mark_new(kept, ctx)
        notes = _notes(targets, silenced, output.problems, new_note, ctx.config.rules.exclude)
        stats = {"files_scanned": len(targets.scanned), "files_parsed": output.scanned,
                 "files_excluded": len(targets.excluded),
                 "rules": len(ruleset.rules), "suppressed": len(silenced)}
        return CheckResult(check=self.id, rows=self.rows, findings=tuple(kept),
                           notes=tuple(notes), stats=MappingProxyType(stats))

    def _rule_folders(self, ctx: Context) -> list[Path]:
        extra = [ctx.root / entry for entry in ctx.config.rules.extra]
        for entry, path in zip(ctx.config.rules.extra, extra, strict=True):
            if not path.exists():
                raise CheckError(f"rules.extra: {entry} does not exist in the repository")
        return [resources.rules_dir(), *extra]

    def _findings(self, matches: Sequence[Match], ruleset: RuleSet, files: _Files) -> list[Finding]:
        pieces: list[Piece] = []
        findings: list[Finding] = []
        for match in matches:
            info = ruleset.rules.get(match.rule)
            if info is None:
                continue  # semgrep reported a rule id launchgate did not load; nothing to map
            if info.piece:
                text = files[match.path].text(match.start_offset, match.end_offset)
                pieces.append(Piece(info.piece, match, text))
            else:
                findings.append(self._finding(match, info, files[match.path]))
        joined = find_frontend_only(pieces, files.whole_text)
        findings.extend(self._frontend_only(item, ruleset, files) for item in joined)
        return _unique(findings)

    def _finding(self, match: Match, info: RuleInfo, source: SourceFile) -> Finding:
        matched = source.text(match.start_offset, match.end_offset)
        return Finding(
            check=self.id, row=info.row, rule=info.id, severity=info.severity,
            title=_first_sentence(info.message),
            location=Location(path=match.path, line=match.line, column=match.column),
            evidence=source.snippet(match.line, match.end_line), remediation=info.remediation,
            fingerprint=fingerprint(info.id, match.path, matched),
            details=MappingProxyType({"cwe": info.cwe}),
        )

    def _frontend_only(self, item: FrontendOnly, ruleset: RuleSet, files: _Files) -> Finding:
        match, endpoint = item.handler.match, item.handler.endpoint
        info = ruleset.rules[match.rule]
        guards = [g.where for g in item.guards]
        return Finding(
            check=self.id, row=Row.AUTH_BOUNDARIES, rule=FRONTEND_ONLY_RULE,
            severity=info.severity,
            title=f"{endpoint.describe()} is authorized only in the frontend",
            location=Location(path=match.path, line=match.line, column=match.column),
            evidence=f"called from role-guarded {', '.join(guards[:3])}; "
                     "this handler checks no session or role",
            remediation=info.remediation,
            fingerprint=fingerprint(FRONTEND_ONLY_RULE, match.path, endpoint.describe()),
            details=MappingProxyType({"cwe": info.cwe, "guarded_in": tuple(guards),
                                      "snippet": files[match.path].snippet(match.line)}),
        )


def _first_sentence(message: str) -> str:
    head = message.split(": ")[0].split(". ")[0]
    return head.rstrip(".")


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per fingerprint and line (taint rules may report a sink twice)."""
    seen: dict[tuple[str, int | None], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.fingerprint, finding.location.line), finding)
    return sorted(seen.values(), key=lambda f: (f.location.path or "", f.location.line or 0))


def _split_suppressed(
    findings: Iterable[Finding], files: _Files
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    kept: list[Finding] = []
    silenced: list[tuple[Finding, str]] = []
    for finding in findings:
        path, line = finding.location.path or "", finding.location.line or 0
        marker = suppression(files[path].lines, line, finding.rule)
        if marker:
            silenced.append((finding, marker))
        else:
            kept.append(finding)
    return kept, silenced


def _mark_new(findings: list[Finding], ctx: Context) -> tuple[list[Finding], str | None]:
    """On a pull request: details["new"], and with ``only_new`` old blockers become warnings."""
    base = ctx.pull_request.base_sha if ctx.pull_request else None
    if not base:
        return findings, None
    try:
        changes = changed_lines(ctx.root, base)
    except CheckError as exc:
        return findings, f"cannot tell new findings from existing ones ({exc}); all count as new"
    only_new = ctx.config.rules.only_new
    marked = [_with_new_flag(f, changes, only_new) for f in findings]
    old = sum(1 for f in marked if f.details.get("new") is False)
    return marked, f"{old} of {len(marked)} findings are on lines this pull request did not touch"


def _with_new_flag(finding: Finding, changes: ChangedLines, only_new: bool) -> Finding:
    new = changes.is_new(finding.location.path or "", finding.location.line or 0)
    details = {**finding.details, "new": new}
    if not new and only_new and finding.severity is Severity.BLOCKER:
        details["downgraded_from"] = Severity.BLOCKER.value
        return replace(finding, severity=Severity.WARNING, details=MappingProxyType(details))
    return replace(finding, details=MappingProxyType(details))


def _notes(
    targets: Targets,
    silenced: Sequence[tuple[Finding, str]],
    problems: Sequence[str],
    new_note: str | None,
    exclude: Sequence[str],
) -> list[str]:
    notes: list[str] = []
    if targets.excluded:
        notes.append(f"rules.exclude ({', '.join(exclude)}) left out {len(targets.excluded)} "
                     f"files: {_listing(targets.excluded)}")
    if silenced:
        spots = [f"{f.location.describe()} {f.rule} ({marker})" for f, marker in silenced]
        notes.append(f"{len(silenced)} findings silenced in code: {_listing(spots)}")
    if problems:
        notes.append(f"semgrep could not fully read {len(problems)} targets: {_listing(problems)}")
    if new_note:
        notes.append(new_note)
    return notes


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + (f" and {len(items) - LISTED} more" if len(items) > LISTED else "")
