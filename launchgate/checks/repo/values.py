"""What a configured value is: a placeholder, a credential, a test payment key, an endpoint."""

from __future__ import annotations

import re
import urllib.parse

from launchgate.checks.repo.patterns import RepoPatterns

_KEY_VALUE = re.compile(r"""^\s*(?:-\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(\S.*)$""")
_SHELL_ASSIGN = re.compile(r"\b(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S+)")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>`]+", re.IGNORECASE)
_PLAIN = re.compile(r"(true|false|yes|no|on|off|\d+(\.\d+)?)", re.IGNORECASE)


def unquote(value: str) -> str:
    """A value without surrounding quotes or a trailing ``# comment`` (when unquoted)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def is_placeholder(value: str, patterns: RepoPatterns) -> bool:
    """Whether a value is empty or a stand-in (``changeme``, ``<your key>``, ``${VAR}``)."""
    return any(p.fullmatch(value.strip()) for p in patterns.placeholders)


def credential_shape(value: str, patterns: RepoPatterns) -> str | None:
    """The kind of credential a value's shape gives away, whatever its name."""
    found = find_credential(value, patterns)
    return found[0] if found else None


def find_credential(text: str, patterns: RepoPatterns) -> tuple[str, str] | None:
    """The first credential-shaped match in a text: its kind and the matched characters."""
    for shape in patterns.credential_values:
        match = shape.pattern.search(text)
        if match:
            return shape.name, match.group(0)
    return None


def is_credential_name(name: str, patterns: RepoPatterns) -> bool:
    """Whether a variable's name says it holds a credential (and it is not a public one)."""
    upper = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper().replace("-", "_")
    if any(p.search(upper) for p in (*patterns.public_names, *patterns.not_credential_names)):
        return False
    return any(p.search(upper) for p in patterns.credential_names)


# The kind of a credential known only by its variable's name: no public prefix to show.
BY_NAME_ONLY = "value of a credential variable"


def credential_kind(name: str, value: str, patterns: RepoPatterns) -> str | None:
    """Why ``name=value`` looks like a credential, or None when it does not."""
    if is_placeholder(value, patterns):
        return None
    shape = credential_shape(value, patterns)
    if shape:
        return shape
    if not is_credential_name(name, patterns) or len(value) < patterns.min_credential_length:
        return None
    if _PLAIN.fullmatch(value) or _URL.fullmatch(value):
        return None
    return BY_NAME_ONLY


def literal_credential(line: str, patterns: RepoPatterns) -> tuple[str, str, str] | None:
    """A credential written into a config line: its name (or "(inline)"), value and kind."""
    candidates = [m.groups() for m in (_KEY_VALUE.match(line),) if m]
    candidates += _SHELL_ASSIGN.findall(line)
    for name, raw in candidates:
        value = unquote(raw.rstrip().rstrip(","))
        kind = None if "${{" in value else credential_kind(name, value, patterns)
        if kind:
            return name, value, kind
    found = find_credential(line, patterns)
    return ("(inline)", found[1], found[0]) if found else None


def payment_testmode_kind(name: str, value: str, patterns: RepoPatterns) -> str | None:
    """Why ``name=value`` selects test-mode payments, or None."""
    for shape in patterns.test_payment_values:
        if shape.pattern.search(value):
            return shape.name
    if patterns.payment_names.search(name) and patterns.payment_test_modes.fullmatch(value):
        return "payment provider in test mode"
    return None


def urls_in(text: str) -> list[str]:
    """The URLs in a piece of text."""
    return _URL.findall(text)


def endpoint_kind(url: str, patterns: RepoPatterns) -> str | None:
    """``localhost`` or ``non-production`` for a URL whose host is one; None otherwise."""
    try:
        host = urllib.parse.urlsplit(url).hostname or ""
    except ValueError:
        return None
    if patterns.localhost_hosts.fullmatch(host):
        return "localhost"
    if patterns.nonproduction_hosts.search(host):
        return "non-production"
    return None
