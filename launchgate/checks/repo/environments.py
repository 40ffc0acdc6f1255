"""Environments kept apart: production config free of test endpoints and keys, no shared file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launchgate.checks.repo.dockerfile import instructions
from launchgate.checks.repo.envfiles import env_files, parse_assignments
from launchgate.checks.repo.ids import credential_finding, deployment_finding
from launchgate.checks.repo.patterns import RepoPatterns, matches_any
from launchgate.checks.repo.tree import CommittedTree
from launchgate.checks.repo.values import endpoint_kind, payment_testmode_kind, unquote, urls_in
from launchgate.core.findings import Finding, Location, Severity, make_fingerprint

_SETTING = re.compile(r"""^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[=:]\s*(.*?),?\s*$""")
_COMMENT = ("#", "//", ";")
_SAME_ENV = {"PROD": "PRODUCTION", "STAGE": "STAGING", "DEV": "DEVELOPMENT"}
_COPY = re.compile(r"^\s*(COPY|ADD)\s+(.*)$", re.IGNORECASE)


def production_configs(tree: CommittedTree, patterns: RepoPatterns) -> list[str]:
    """The committed files that configure production."""
    return [p for p in tree.paths if any(rx.search(p) for rx in patterns.production_configs)]


def check_production_configs(tree: CommittedTree, patterns: RepoPatterns) -> list[Finding]:
    """Test payment keys and localhost/staging/test endpoints in production configuration."""
    findings: list[Finding] = []
    for path in production_configs(tree, patterns):
        for number, line in enumerate((tree.read(path) or "").splitlines(), start=1):
            if not line.lstrip().startswith(_COMMENT):
                findings.extend(_line_findings(path, number, line, patterns))
    return findings


def _line_findings(path: str, number: int, line: str, patterns: RepoPatterns) -> Iterator[Finding]:
    match = _SETTING.match(line)
    name, value = (match.group(1), unquote(match.group(2))) if match else ("", line)
    kind = payment_testmode_kind(name, value, patterns)
    if kind:
        yield _test_payment(path, number, name, value, kind)
        return
    for url in urls_in(line):
        where = endpoint_kind(url, patterns)
        if where:
            yield _endpoint(path, number, name, url, where)


def _test_payment(path: str, line: int, name: str, value: str, kind: str) -> Finding:
    return credential_finding(
        "production-test-payment-key",
        f"Production configuration uses test-mode payments ({name or kind})",
        Location(path=path, line=line),
        name or "value",
        kind,
        value,
        fix="Set the live payment credentials in production's secret store.",
    )


def _endpoint(path: str, line: int, name: str, url: str, where: str) -> Finding:
    blocker = where == "non-production"
    return deployment_finding(
        rule="production-nonprod-endpoint" if blocker else "production-localhost-endpoint",
        severity=Severity.BLOCKER if blocker else Severity.WARNING,
        title=f"Production configuration points at a {where} endpoint",
        location=Location(path=path, line=line),
        evidence=f"{name or 'value'}: host of {_host_only(url)}",
        remediation="Point production at production services; keep other endpoints in their "
        "own environment's configuration.",
    )


def _host_only(url: str) -> str:
    """The URL without user info, path or query, so no credential can reach the report."""
    scheme, _, rest = url.partition("://")
    host = re.split(r"[/?#]", rest.rsplit("@", 1)[-1], maxsplit=1)[0]
    return f"{scheme}://{host}"


def check_shared_config(tree: CommittedTree, patterns: RepoPatterns) -> list[Finding]:
    """One file holding several environments' settings, or one env file baked into the image."""
    findings = [f for p in env_files(tree, patterns) if (f := _multi_env(tree, p, patterns))]
    for path in tree.matching(patterns.dockerfiles):
        findings.extend(_baked_env_files(path, tree.read(path) or "", patterns))
    return findings


def environments_named(names: list[str], patterns: RepoPatterns) -> set[str]:
    """The environments that variable names are prefixed or suffixed with (PROD_, _STAGING)."""
    found = set()
    for name in names:
        for token in name.upper().split("_"):
            if patterns.environment_names.fullmatch(token):
                found.add(_SAME_ENV.get(token, token))
    return found


def _multi_env(tree: CommittedTree, path: str, patterns: RepoPatterns) -> Finding | None:
    names = [a.name for a in parse_assignments(tree.read(path) or "")]
    envs = sorted(environments_named(names, patterns))
    if len(envs) < 2:
        return None
    return _shared(path, None, f"settings for {', '.join(e.lower() for e in envs)}")


def _baked_env_files(path: str, text: str, patterns: RepoPatterns) -> Iterator[Finding]:
    for line, instruction in instructions(text):
        match = _COPY.match(instruction)
        sources = match.group(2).split()[:-1] if match else []
        for source in (s for s in sources if not s.startswith("--")):
            if _is_real_env_file(source, patterns):
                yield _shared(path, line, f"{match.group(1).upper() if match else ''} {source}")


def _is_real_env_file(source: str, patterns: RepoPatterns) -> bool:
    name = source.rstrip("/").rsplit("/", 1)[-1]
    return matches_any(name, patterns.env_names) and not matches_any(name, patterns.env_templates)


def _shared(path: str, line: int | None, evidence: str) -> Finding:
    return deployment_finding(
        rule="config-shared-across-environments",
        severity=Severity.WARNING,
        title="One configuration file serves every environment",
        location=Location(path=path, line=line),
        evidence=evidence,
        fingerprint=make_fingerprint("config-shared-across-environments", path, evidence),
        remediation="Give each environment its own values (platform environments, CI "
        "environment secrets, .env.<environment> kept out of git) instead of one shared file.",
    )
