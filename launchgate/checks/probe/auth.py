"""probe.auth: protected requests refuse anonymous callers; owned objects refuse everyone else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from launchgate.checks.probe.client import ProbeError, RequestSpec
from launchgate.checks.probe.exchange import Exchange, PreviewCheck, ProbeSession
from launchgate.checks.probe.jsonpath import pick
from launchgate.config.schema import OwnedObject, PreviewConfig
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity
from launchgate.core.rows import Row

ROW = Row.AUTH_BOUNDARIES
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_FIX = "Check on the server that the caller is signed in and owns the object, on every route."


@dataclass(frozen=True)
class Created:
    """An object the probe created as its owner, by id."""

    owner: str
    id: str


class AuthCheck(PreviewCheck):
    """Anonymous calls to protected routes; other accounts and anonymous on owned objects."""

    id = "probe.auth"
    rows: tuple[Row, ...] = (ROW,)

    def needs(self, ctx: Context) -> str | None:
        preview = ctx.config.preview
        if not preview.url:
            return super().needs(ctx)
        if not preview.protected and not preview.owned:
            return "preview.protected and preview.owned not configured"
        return None

    def run(self, ctx: Context) -> CheckResult:
        session = ProbeSession(ctx, self.id)
        preview = ctx.config.preview
        findings = [f for text in preview.protected for f in _protected(session, preview, text)]
        notes: list[str] = []
        for owned in preview.owned:
            found, note = _owned(session, preview, owned)
            findings += found
            notes += note
        return session.result(self.rows, findings, notes)


def _protected(session: ProbeSession, preview: PreviewConfig, text: str) -> Iterator[Finding]:
    spec = RequestSpec.parse(text)
    chain = session.follow(session.send(spec.method, spec.target), preview.thresholds.max_redirects)
    final = chain[-1]
    if not 200 <= final.status < 300 or _is_empty(final):
        return
    redirected = final.sent.url != chain[0].sent.url
    if redirected and not _same_as_signed_in(session, preview, spec, final):
        return  # a redirect to a sign-in page, not to the data
    size = len(final.response.content)
    via = " after redirects" if redirected else ""
    yield session.finding(
        chain[0].sent, ROW, "protected-open-to-anonymous", Severity.BLOCKER,
        f"{text} answers anonymous callers", f"HTTP {final.status} with {size} bytes{via}",
        _FIX, match=text)


def _same_as_signed_in(session: ProbeSession, preview: PreviewConfig, spec: RequestSpec,
                       final: Exchange) -> bool:
    account = next(iter(preview.accounts), None)
    if account is None:
        return False
    signed_in = session.send(spec.method, spec.target, account=account)
    return signed_in.response.content == final.response.content


def _is_empty(exchange: Exchange) -> bool:
    return exchange.response.content.strip() in (b"", b"{}", b"[]", b"null")


def _owned(session: ProbeSession, preview: PreviewConfig,
           owned: OwnedObject) -> tuple[list[Finding], list[str]]:
    owner = owned.create.as_
    others = owned.try_as or [a for a in preview.accounts if a != owner]
    intruders: list[str | None] = [*others, None]
    made: list[Created] = []
    findings: list[Finding] = []
    try:
        for text in sorted(owned.try_, key=_destructive_last):
            findings += _attempts(session, owned, text, intruders, made)
    finally:
        notes = _clean_up(session, owned, made)
    return findings, notes


def _destructive_last(text: str) -> int:
    return {"GET": 0, "HEAD": 0, "PATCH": 1, "PUT": 1, "POST": 1, "DELETE": 2}.get(
        RequestSpec.parse(text).method, 1)


def _attempts(session: ProbeSession, owned: OwnedObject, text: str,
              intruders: list[str | None], made: list[Created]) -> Iterator[Finding]:
    spec = RequestSpec.parse(text)
    for intruder in intruders:
        # Safe methods share one object; a write or delete gets a fresh one so earlier
        # attempts cannot hide later ones.
        if not made or spec.method not in _SAFE:
            made.append(_create(session, owned))
        target = made[-1]
        exchange = session.send(spec.method, spec.target.replace("{id}", target.id),
                                account=intruder, json=owned.create.body if spec.method in
                                ("PATCH", "PUT") else None)
        if _breaks_boundary(exchange, target, owned.create.id):
            who = intruder or "anonymous"
            yield session.finding(
                exchange.sent, ROW, "owned-object-open", Severity.BLOCKER,
                f"{spec.method} on {owned.create.as_}'s object succeeds for {who}",
                f"HTTP {exchange.status}", _FIX, match=f"{text} {who}")


def _breaks_boundary(exchange: Exchange, target: Created, id_path: str) -> bool:
    if not 200 <= exchange.status < 300:
        return False
    if exchange.sent.method not in _SAFE:
        return True  # a write or delete that succeeded
    return _holds(exchange, target.id, id_path)


def _holds(exchange: Exchange, object_id: str, id_path: str) -> bool:
    """Whether the body is the object (its id where the create answer had it) or quotes it."""
    try:
        if str(pick(exchange.response.json(), id_path)) == object_id:
            return True
    except (ValueError, ProbeError):
        pass
    return len(object_id) >= 4 and object_id in exchange.text()


def _create(session: ProbeSession, owned: OwnedObject) -> Created:
    spec = RequestSpec.parse(owned.create.request)
    made = session.send(spec.method, spec.target, account=owned.create.as_,
                        json=owned.create.body)
    if not 200 <= made.status < 300:
        raise ProbeError(f"{owned.create.request} as {owned.create.as_}: HTTP {made.status}; "
                         "cannot create the object to test")
    try:
        return Created(owned.create.as_, str(pick(made.response.json(), owned.create.id)))
    except json.JSONDecodeError:
        raise ProbeError(f"{owned.create.request}: the answer is not JSON") from None


def _clean_up(session: ProbeSession, owned: OwnedObject, made: list[Created]) -> list[str]:
    delete = next((t for t in owned.try_ if RequestSpec.parse(t).method == "DELETE"), None)
    if delete is None:
        return [f"{len(made)} objects created by {owned.create.request} left (no DELETE route)"]
    spec = RequestSpec.parse(delete)
    left = 0
    for target in made:
        try:
            done = session.send("DELETE", spec.target.replace("{id}", target.id),
                                account=target.owner)
            left += done.status >= 400 and done.status != 404
        except ProbeError:
            left += 1
    return [f"cleaned up {len(made) - left} of {len(made)} objects the probe created"]
