"""Frontend-only authorization: join client guards, the calls they make and server handlers.

semgrep finds the pieces (rules whose metadata names a ``piece``); this module joins them
across files. A server handler that a role-guarded client component calls, and that has no
session or role check inside it or mounted in front of it, is guarded only in the frontend.
Next.js ``middleware.ts`` is not counted as a check: it is not part of the handler.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from launchgate.checks.rules.semgrep import Match

ANY = "ANY"
ACTION = "ACTION"  # a server action is reached by name, not by a URL
_ACTION_NAME = re.compile(r"(?:function\s+|const\s+)(\w+)")
_PARAM = re.compile(r"^(\{.*\}|:.+|<.+>|\[.+\]|\*)$")
_CALL_URL = re.compile(r"\(\s*([\"'`])(.*?)\1", re.S)
_CALL_METHOD = re.compile(r"^\s*\w+\.(get|post|put|patch|delete)\s*\(", re.I)
_FETCH_METHOD = re.compile(r"method\s*:\s*[\"'`](\w+)[\"'`]", re.I)
_ROUTE = re.compile(r"^\s*@?([\w.]+)\.(\w+)\(\s*[rbu]?([\"'`])(/.*?)\3", re.S | re.M)
_FLASK_METHODS = re.compile(r"methods\s*=\s*\[\s*[\"'](\w+)")
_NEXT_EXPORT = re.compile(r"export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b")
_MOUNT_JS = re.compile(r"^\s*([\w.]+)\.use\((.*)\)\s*;?\s*$", re.S)
_MOUNT_PY = re.compile(r"^\s*(?:([\w.]+)\s*=\s*\w+\(|[\w.]+\.include_router\(\s*([\w.]+))")
_PREFIX_KW = re.compile(r"prefix\s*=\s*[rbu]?[\"']([^\"']*)[\"']")


@dataclass(frozen=True)
class Piece:
    """A semgrep match that is one piece of the join, with its matched source text."""

    kind: str
    match: Match
    text: str


@dataclass(frozen=True)
class Endpoint:
    """A method and a path split into segments (``*`` for a parameter)."""

    method: str
    segments: tuple[str, ...]

    def describe(self) -> str:
        if self.method == ACTION:
            return f"server action {self.segments[0]}()"
        return f"{self.method} /" + "/".join(self.segments)


@dataclass(frozen=True)
class Handler:
    """A server handler: where it is, which app or router it is on, what it serves."""

    match: Match
    app: str
    endpoint: Endpoint


@dataclass(frozen=True)
class Guarded:
    """A call made from a client file that checks a role or permission."""

    endpoint: Endpoint
    where: str


@dataclass(frozen=True)
class FrontendOnly:
    """A handler that role-guarded client code calls and that checks no session or role."""

    handler: Handler
    guards: tuple[Guarded, ...]


def find_frontend_only(
    pieces: Sequence[Piece], read: Callable[[str], str]
) -> list[FrontendOnly]:
    """Every unchecked server handler or action that a guarded client call reaches.

    ``read`` returns a file's text, to find server actions called by name in client files.
    """
    by_kind: dict[str, list[Piece]] = {}
    for piece in pieces:
        by_kind.setdefault(piece.kind, []).append(piece)
    guards = by_kind.get("client-guard", [])
    actions = [a for piece in by_kind.get("server-action", []) if (a := action_of(piece))]
    guarded = guarded_calls(guards, by_kind.get("client-call", []))
    guarded += guarded_actions(guards, actions, read)
    mounts_at = by_kind.get("router-mount", [])
    handlers = [
        full
        for piece in by_kind.get("server-handler", [])
        if (handler := handler_of(piece))
        for full in with_prefixes(handler, mounts_at)
    ] + actions
    checks = by_kind.get("session-check", [])
    mounts = by_kind.get("mount-guard", [])

    found: list[FrontendOnly] = []
    for handler in handlers:
        reached = tuple(g for g in guarded if reaches(g.endpoint, handler.endpoint))
        if reached and not is_checked(handler, checks, mounts):
            found.append(FrontendOnly(handler, reached))
    return found


def guarded_calls(guards: Iterable[Piece], calls: Iterable[Piece]) -> list[Guarded]:
    """Calls to server paths made from client files that hold a role or permission check."""
    guarded_files = {g.match.path for g in guards if not is_server_file(g.match.path)}
    result: list[Guarded] = []
    for call in calls:
        endpoint = call_endpoint(call.text)
        if call.match.path in guarded_files and endpoint:
            result.append(Guarded(endpoint, f"{call.match.path}:{call.match.line}"))
    return result


def action_of(piece: Piece) -> Handler | None:
    """A server action as a handler reached by its exported name."""
    name = _ACTION_NAME.search(piece.text)
    return Handler(piece.match, "", Endpoint(ACTION, (name.group(1),))) if name else None


def guarded_actions(
    guards: Iterable[Piece], actions: Sequence[Handler], read: Callable[[str], str]
) -> list[Guarded]:
    """Server actions called by name from client files that hold a role or permission check."""
    result: list[Guarded] = []
    for path in sorted({g.match.path for g in guards if not is_server_file(g.match.path)}):
        text = read(path)
        for action in actions:
            name = action.endpoint.segments[0]
            called = re.search(rf"\b{re.escape(name)}\s*\(", text)
            if called and action.match.path != path:
                line = text.count("\n", 0, called.start()) + 1
                result.append(Guarded(action.endpoint, f"{path}:{line}"))
    return result


def call_endpoint(text: str) -> Endpoint | None:
    """``fetch("/api/x", {method: "DELETE"})`` or ``axios.post("/api/x")`` as an endpoint."""
    url = _CALL_URL.search(text)
    if not url:
        return None
    path = re.sub(r"\$\{[^}]*\}", "*", url.group(2)).split("?")[0].split("#")[0]
    path = re.sub(r"^https?://[^/]+", "", path)
    if not path.startswith("/"):
        return None
    verb = _CALL_METHOD.match(text) or _FETCH_METHOD.search(text)
    return Endpoint(verb.group(1).upper() if verb else "GET", split_path(path))


def handler_of(piece: Piece) -> Handler | None:
    """The app, method and path a server-handler match serves."""
    route = None if piece.text.lstrip().startswith("export") else _ROUTE.search(piece.text)
    if route:
        method = route.group(2).upper()
        if method == "ROUTE":
            listed = _FLASK_METHODS.search(piece.text)
            method = listed.group(1).upper() if listed else "GET"
        method = ANY if method in ("ALL", "API_ROUTE") else method
        return Handler(piece.match, route.group(1), Endpoint(method, split_path(route.group(4))))
    file_path = next_route_path(piece.match.path)
    if file_path is None:
        return None
    export = _NEXT_EXPORT.search(piece.text)
    method = export.group(1) if export else ANY
    return Handler(piece.match, "", Endpoint(method, split_path(file_path)))


def with_prefixes(handler: Handler, mounts: Iterable[Piece]) -> list[Handler]:
    """The handler at each full path its router is mounted under (itself if not mounted)."""
    prefixes = [prefix for mount in mounts if (prefix := _prefix_for(mount, handler))]
    if not prefixes:
        return [handler]
    method, tail = handler.endpoint.method, handler.endpoint.segments
    return [replace(handler, endpoint=Endpoint(method, p + tail)) for p in prefixes]


def _prefix_for(mount: Piece, handler: Handler) -> tuple[str, ...]:
    app, prefix, routers = _mount_parts(mount)
    py_prefix = _PREFIX_KW.search(mount.text)
    if py_prefix:
        prefix = py_prefix.group(1)
        same_file = mount.match.path == handler.match.path and app == handler.app
        if same_file or _include_router_covers(routers, handler) or handler.app in routers:
            return split_path(prefix)
        return ()
    return split_path(prefix) if handler.app in routers else ()


def next_route_path(path: str) -> str | None:
    """The URL path a Next.js ``app/**/route.ts`` or ``pages/api/**`` file serves."""
    parts = list(PurePosixPath(path).parts)
    if "app" in parts and PurePosixPath(path).stem == "route":
        segments = parts[len(parts) - 1 - parts[::-1].index("app") : -1][1:]
    elif "pages" in parts and "api" in parts:
        start = len(parts) - 1 - parts[::-1].index("pages")
        segments = parts[start + 1 : -1] + [PurePosixPath(path).stem]
        segments = segments[:-1] if segments[-1] == "index" else segments
    else:
        return None
    kept = [s for s in segments if not (s.startswith("(") and s.endswith(")"))]
    return "/" + "/".join(kept)


def split_path(path: str) -> tuple[str, ...]:
    """Path segments with every parameter style (``{id}``, ``:id``, ``[id]``) as ``*``."""
    segments = [s for s in path.strip("/").split("/") if s]
    return tuple("*" if _PARAM.match(s) else s for s in segments)


def reaches(call: Endpoint, served: Endpoint) -> bool:
    """Same method and path; a handler on a router may know only the tail of the path."""
    if ACTION in (call.method, served.method):
        return call == served
    if ANY not in (call.method, served.method) and call.method != served.method:
        return False
    if not served.segments or len(served.segments) > len(call.segments):
        return False
    if len(served.segments) < len(call.segments) and len(served.segments) < 2:
        return False
    tail = call.segments[len(call.segments) - len(served.segments) :]
    return all(a == b or "*" in (a, b) for a, b in zip(tail, served.segments, strict=True))


def is_checked(handler: Handler, checks: Iterable[Piece], mounts: Iterable[Piece]) -> bool:
    """A session check inside the handler, or auth middleware mounted in front of it."""
    where = handler.match
    for check in checks:
        spot = check.match
        if spot.path == where.path and where.line <= spot.line <= where.end_line:
            return True
    return any(_mount_covers(mount, handler) for mount in mounts)


def _mount_covers(mount: Piece, handler: Handler) -> bool:
    app, prefix, routers = _mount_parts(mount)
    if handler.app in routers:
        return True
    if mount.match.path != handler.match.path or app != handler.app:
        return _include_router_covers(routers, handler)
    return not prefix or reaches_prefix(prefix, handler.endpoint)


def _mount_parts(mount: Piece) -> tuple[str, str, set[str]]:
    js = _MOUNT_JS.match(mount.text)
    if js:
        args = [a.strip() for a in js.group(2).split(",")]
        prefix = args[0].strip("\"'`") if args and args[0][:1] in "\"'`" else ""
        return js.group(1), prefix, {a for a in args[1:] if re.fullmatch(r"[\w.]+", a)}
    py = _MOUNT_PY.match(mount.text)
    if py and py.group(1):
        return py.group(1), "", set()
    return "", "", {py.group(2)} if py and py.group(2) else set()


def _include_router_covers(routers: set[str], handler: Handler) -> bool:
    """``include_router(billing.router, dependencies=...)`` covers ``router`` in billing.py."""
    stem = PurePosixPath(handler.match.path).stem
    return any(r.rsplit(".", 1) == [stem, handler.app] for r in routers if "." in r)


def reaches_prefix(prefix: str, served: Endpoint) -> bool:
    wanted = split_path(prefix)
    return served.segments[: len(wanted)] == wanted


def is_server_file(path: str) -> bool:
    """Route handlers and middleware are server code even when written in TSX."""
    name = PurePosixPath(path)
    return name.stem in ("route", "middleware") or "/api/" in f"/{path}"
