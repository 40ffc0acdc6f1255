"""probe.headers: HSTS, an undefeated CSP, frame protection, nosniff, referrer policy, cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession
from launchgate.config.schema import ProbeThresholds
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.SECURITY_HEADERS
_VERSION = re.compile(r"\d+\.\d+")
Issue = tuple[str, Severity, str, str]  # rule, severity, title, remediation


class HeadersCheck(PreviewCheck):
    """Reads the home page's response headers and cookies."""

    id = "probe.headers"
    rows: tuple[Row, ...] = (ROW,)

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        limits = ctx.config.preview.thresholds
        home = session.follow(session.send("GET", "/"), limits.max_redirects)[-1]
        on_https = home.sent.url.startswith("https://")
        issues = [*_hsts(home, limits, on_https), *_csp(home), *_simple_headers(home),
                  *_cookies(home, limits, on_https), *_banners(home)]
        findings = [_finding(session, home, *issue) for issue in issues]
        notes = [] if on_https else ["served over plain HTTP: HSTS and Secure cookies not judged"]
        return session.result(self.rows, findings, notes)


def _finding(session: ProbeSession, home: Exchange, rule: str, severity: Severity, title: str,
             remediation: str) -> Finding:
    return session.finding(home.sent, ROW, rule, severity, title, title, remediation, match=title)


def _hsts(home: Exchange, limits: ProbeThresholds, on_https: bool) -> Iterator[Issue]:
    if not on_https:
        return
    value = home.response.headers.get("strict-transport-security")
    fix = f"Send Strict-Transport-Security: max-age={limits.hsts_min_age} or more."
    if value is None:
        yield "hsts-missing", Severity.BLOCKER, "Strict-Transport-Security is missing", fix
        return
    age = re.search(r"max-age\s*=\s*\"?(\d+)", value, re.I)
    if not age or int(age.group(1)) < limits.hsts_min_age:
        yield "hsts-short", Severity.WARNING, f"HSTS max-age too short ({value})", fix


def _csp(home: Exchange) -> Iterator[Issue]:
    csp = home.response.headers.get("content-security-policy")
    fix = "Send a CSP with script-src 'self' plus nonces or hashes, no * or 'unsafe-inline'."
    if csp is None:
        yield "csp-missing", Severity.BLOCKER, "Content-Security-Policy is missing", fix
        return
    directives = _directives(csp)
    scripts = directives.get("script-src", directives.get("default-src", []))
    has_nonce = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in scripts)
    if "'unsafe-inline'" in scripts and not has_nonce:
        yield "csp-unsafe-inline", Severity.BLOCKER, "CSP allows inline scripts", fix
    if any(s in ("*", "http:", "https:", "data:") for s in scripts):
        yield "csp-wildcard", Severity.BLOCKER, "CSP allows scripts from any source", fix


def _directives(csp: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return found


def _simple_headers(home: Exchange) -> Iterator[Issue]:
    headers = home.response.headers
    csp = _directives(headers.get("content-security-policy", ""))
    if "frame-ancestors" not in csp and "x-frame-options" not in headers:
        yield ("frame-protection-missing", Severity.WARNING, "No frame protection",
               "Send CSP frame-ancestors 'none' (or 'self'), or X-Frame-Options: DENY.")
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        yield ("nosniff-missing", Severity.WARNING, "X-Content-Type-Options: nosniff is missing",
               "Send X-Content-Type-Options: nosniff.")
    if "referrer-policy" not in headers:
        yield ("referrer-policy-missing", Severity.WARNING, "Referrer-Policy is missing",
               "Send Referrer-Policy: strict-origin-when-cross-origin (or stricter).")


def _cookies(home: Exchange, limits: ProbeThresholds, on_https: bool) -> Iterator[Issue]:
    session_name = re.compile(limits.session_cookie)
    for raw in home.response.headers.get_list("set-cookie"):
        name, flags = _cookie(raw)
        fix = f"Set cookie {name} with Secure; HttpOnly; SameSite=Lax (or Strict)."
        if on_https and "secure" not in flags:
            yield "cookie-not-secure", Severity.BLOCKER, f"Cookie {name} lacks Secure", fix
        if session_name.search(name) and "httponly" not in flags:
            title = f"Session cookie {name} lacks HttpOnly"
            yield "cookie-not-httponly", Severity.BLOCKER, title, fix
        if "samesite" not in flags:
            yield "cookie-no-samesite", Severity.WARNING, f"Cookie {name} lacks SameSite", fix


def _cookie(raw: str) -> tuple[str, set[str]]:
    """The cookie's name and its attribute names (never its value, which may be a credential)."""
    name = raw.split("=", 1)[0].strip()
    flags = {part.split("=", 1)[0].strip().lower() for part in raw.split(";")[1:]}
    return name, flags


def _banners(home: Exchange) -> Iterator[Issue]:
    headers = home.response.headers
    fix = "Remove X-Powered-By and version numbers from Server."
    if "x-powered-by" in headers:
        yield ("powered-by-banner", Severity.WARNING,
               f"X-Powered-By reveals the stack ({headers['x-powered-by']})", fix)
    if _VERSION.search(headers.get("server", "")):
        yield ("server-version-banner", Severity.WARNING,
               f"Server header reveals a version ({headers['server']})", fix)
