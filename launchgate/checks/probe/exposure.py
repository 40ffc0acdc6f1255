"""probe.exposure: files and routes a deployment must not serve; keys in served JS and maps."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

from launchgate.checks.probe.client import ProbeError
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession, load_table
from launchgate.checks.probe.keys import find_keys
from launchgate.checks.secrets.detectors import shown_chars
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, SecretRef, Severity
from launchgate.core.rows import Row

_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_MAP_URL = re.compile(r"[#@]\s*sourceMappingURL\s*=\s*(\S+)")
_KEY_FIX = "Revoke the key now, keep it on the server only, and rebuild the bundle without it."
_MAP_FIX = "Do not deploy .map files (or restrict them); they publish the original source."


@dataclass(frozen=True)
class ExposedPath:
    """A path that must not be served, what it is, and how much it weighs."""

    path: str
    kind: str
    row: Row
    severity: Severity
    match: re.Pattern[str] | None


@cache
def exposure_table() -> tuple[ExposedPath, ...]:
    """The paths in ``launchgate/data/probe/exposure.yml``."""
    return tuple(
        ExposedPath(str(r["path"]), str(r["kind"]), Row(r["row"]), Severity(r["severity"]),
                    re.compile(str(r["match"])) if r.get("match") else None)
        for r in load_table("exposure")
    )


class ExposureCheck(PreviewCheck):
    """Asks for secrets files, git metadata, backups, debug routes and listings; scans JS."""

    id = "probe.exposure"
    rows: tuple[Row, ...] = (Row.SECRET_HANDLING, Row.DEPLOYMENT_CONFIG)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        catch_all = _catch_all(session)
        findings = [f for entry in exposure_table() for f in _probe(session, entry, catch_all)]
        scripts = _scripts(session, ctx.config.preview.thresholds.max_assets)
        maps: set[str] = set()
        cut: list[str] = []
        for url in scripts:
            findings += _scan_script(session, url, maps, cut)
        notes = [f"{len(exposure_table())} paths asked for; {len(scripts)} scripts and "
                 f"{len(maps)} source maps scanned"]
        notes += [f"{url}: only the first {ctx.config.preview.max_response_bytes} bytes scanned "
                  "(preview.max_response_bytes)" for url in cut]
        return session.result(self.rows, findings, notes)


def _catch_all(session: ProbeSession) -> bytes | None:
    """The body a made-up path gets, when the app answers everything with a page."""
    answer = session.send("GET", f"/launchgate-{secrets.token_hex(8)}")
    return answer.response.content if 200 <= answer.status < 300 else None


def _probe(session: ProbeSession, entry: ExposedPath, catch_all: bytes | None) -> Iterator[Finding]:
    answer = session.send("GET", entry.path)
    body = answer.response.content
    if not 200 <= answer.status < 300 or not body.strip() or body == catch_all:
        return
    text = answer.text()
    if entry.match and not entry.match.search(text):
        return
    kind = answer.response.headers.get("content-type", "-")
    yield session.finding(
        answer.sent, entry.row, f"exposed-{entry.kind.replace(' ', '-')}", entry.severity,
        f"{entry.path} is served ({entry.kind})",
        f"HTTP {answer.status}, {len(body)} bytes, {kind}",
        f"Do not deploy or serve {entry.path}; block dotfiles, backups and debug routes.",
        match=entry.path,
    )
    yield from _keys(session, answer, text, entry.path)


def _scripts(session: ProbeSession, limit: int) -> list[str]:
    home = session.send("GET", "/")
    urls = [urljoin(home.sent.url, src) for src in _SCRIPT_SRC.findall(home.text())]
    return list(dict.fromkeys(u for u in urls if session.is_preview_host(u)))[:limit]


def _scan_script(session: ProbeSession, url: str, maps: set[str],
                 cut: list[str]) -> Iterator[Finding]:
    script = session.send("GET", url)
    if not 200 <= script.status < 300:
        return
    if script.truncated:
        cut.append(url)
    text = script.text(5_000_000)
    yield from _keys(session, script, text, "script")
    named = [urljoin(url, m) for m in _MAP_URL.findall(text) if not m.startswith("data:")]
    for map_url in [*named, url.split("?")[0] + ".map"]:
        if map_url not in maps and session.is_preview_host(map_url):
            maps.add(map_url)
            yield from _scan_map(session, map_url)


def _scan_map(session: ProbeSession, url: str) -> Iterator[Finding]:
    try:
        answer = session.send("GET", url)
        document = answer.response.json() if 200 <= answer.status < 300 else None
    except (ValueError, ProbeError):
        return
    if not isinstance(document, dict) or "mappings" not in document:
        return
    yield session.finding(answer.sent, Row.DEPLOYMENT_CONFIG, "served-source-map",
                          Severity.WARNING, f"Source map served: {url}",
                          f"HTTP {answer.status}, {len(document.get('sources') or [])} sources",
                          _MAP_FIX, match=url)
    sources = document.get("sources") or []
    for i, content in enumerate(document.get("sourcesContent") or []):
        if isinstance(content, str):
            name = str(sources[i]) if i < len(sources) else f"source {i}"
            yield from _keys(session, answer, content, f"source map entry {name}")


def _keys(session: ProbeSession, answer: Exchange, text: str, what: str) -> Iterator[Finding]:
    for key in find_keys(text):
        secret = SecretRef.of(key.type, key.value, shown_chars(key.rule))
        yield session.finding(
            answer.sent, Row.SECRET_HANDLING, "served-secret", Severity.BLOCKER,
            f"{key.type} in served {what}",
            f"{secret.redacted} at line {key.line}, column {key.column} of {what}",
            _KEY_FIX, secret=secret, line=key.line, column=key.column,
        )
