"""``secrets.bundles``: built output (minified code, source maps), scanned even when gitignored."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path, PurePosixPath

from launchgate.checks.secrets.baseline import baselined_result
from launchgate.checks.secrets.engine import (
    LineScanner,
    Located,
    is_excluded,
    make_finding,
    scan_text,
    skip_notes,
)
from launchgate.checks.secrets.files import read_scannable, walk
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Family, Finding
from launchgate.core.rows import Row

REMEDIATION = (
    "This secret ships to every visitor in a built bundle: rotate it now (revoke it, issue a "
    "new one), keep it on the server only, and rebuild. Client code may hold only public keys."
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*/")


def source_path(name: str) -> str:
    """A source map's source name as a path: ``webpack://app/./src/a.ts`` → ``src/a.ts``."""
    path = _SCHEME.sub("", name)
    while path.startswith(("./", "/")):
        path = path[1:] if path.startswith("/") else path[2:]
    return path or name


def shown_path(root: Path, configured: str, inside: str) -> str:
    """A bundle file's path: from the repository root, or from the folder as configured."""
    try:
        return (root / configured / inside).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return (PurePosixPath(configured) / inside).as_posix()


def map_sources(data: bytes) -> list[tuple[str, str]]:
    """``(source name, content)`` for each ``sourcesContent`` entry of a source map."""
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(parsed, dict):
        return []
    names = parsed.get("sources") or []
    contents = parsed.get("sourcesContent") or []
    return [
        (str(name), content)
        for name, content in zip(names, contents, strict=False)
        if isinstance(content, str)
    ]


class BundlesCheck:
    """Secrets in ``secrets.bundles`` folders: line and column in minified files, map sources."""

    id = "secrets.bundles"
    family = Family.SECRETS
    rows: tuple[Row, ...] = (Row.SECRET_HANDLING,)

    def needs(self, ctx: Context) -> str | None:
        if not self._folders(ctx):
            wanted = ", ".join(ctx.config.secrets.bundles) or "none configured"
            return f"no bundle folder found ({wanted})"
        return None

    def _folders(self, ctx: Context) -> list[str]:
        return [b for b in ctx.config.secrets.bundles if (ctx.root / b).is_dir()]

    def _missing(self, ctx: Context) -> tuple[str, ...]:
        if "bundles" not in ctx.config.secrets.model_fields_set:
            return ()  # the default folders are guesses: one that is absent is no news
        missing = [b for b in ctx.config.secrets.bundles if not (ctx.root / b).is_dir()]
        return (f"bundle folder not found, skipped: {', '.join(missing)}",) if missing else ()

    def run(self, ctx: Context) -> CheckResult:
        return baselined_result(self, ctx, self.find(ctx))

    def find(self, ctx: Context) -> tuple[list[Finding], list[str], dict[str, int]]:
        """Every finding (before the baseline), the notes and the counts."""
        scanner, skipped = LineScanner(), Counter[str]()
        findings: dict[str, Finding] = {}
        files = maps = 0
        for configured in self._folders(ctx):
            folder = ctx.root / configured
            for inside in walk(folder, frozenset()):
                rel = shown_path(ctx.root, configured, inside)
                if is_excluded(rel, ctx.config.secrets.exclude):
                    continue
                data = read_scannable(folder / inside, ctx.config.secrets.max_file_bytes, skipped)
                if data is None:
                    continue
                files += 1
                maps += rel.endswith(".map")
                for found, details in self._scan(scanner, rel, data):
                    finding = make_finding(self.id, found, "a built bundle", REMEDIATION, details)
                    findings.setdefault(finding.fingerprint, finding)
        notes = [f"scanned {files} bundle files ({maps} source maps)", *skip_notes(skipped),
                 *self._missing(ctx)]
        return list(findings.values()), notes, {"files": files, "source_maps": maps}

    def _scan(
        self, scanner: LineScanner, rel: str, data: bytes
    ) -> list[tuple[Located, dict[str, object]]]:
        if not rel.endswith(".map"):
            return [(f, {"bundle": rel}) for f in scan_text(scanner, data, rel)]
        found: list[tuple[Located, dict[str, object]]] = []
        for name, content in map_sources(data):
            path = source_path(name)
            for hit in scan_text(scanner, content.encode("utf-8", "replace"), path):
                found.append((hit, {"bundle": rel, "source_map_entry": name}))
        return found
