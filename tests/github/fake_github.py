"""A local server on 127.0.0.1 that speaks the parts of GitHub's REST API launchgate uses."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PREFIX = "/api/v3"  # GitHub Enterprise Server's API lives under a path, so the tests use one
PAGE_CAP = 3  # GitHub allows 100 per page; a small cap makes every test page through
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
DEVELOPER = {"login": "dev-with-pat", "id": 501, "type": "User"}
MALLORY = {"login": "mallory", "id": 666, "type": "User"}

# Tokens the server knows: who they act as, and whether they may write comments.
WRITE_TOKEN = "ghs_" + "W" * 36
READ_ONLY_TOKEN = "ghs_" + "R" * 36
PAT_TOKEN = "ghp_" + "P" * 36
TOKENS = {WRITE_TOKEN: (BOT, True), READ_ONLY_TOKEN: (BOT, False), PAT_TOKEN: (DEVELOPER, True)}


@dataclass(frozen=True)
class Call:
    """One request the server answered."""

    method: str
    path: str
    status: int


@dataclass
class FakeGitHub:
    """The server's state: comments per issue, the calls it saw and the failures it will give."""

    comments: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    failures: dict[tuple[str, str], list[tuple[int, dict[str, str], str]]] = field(
        default_factory=dict
    )
    base_url: str = ""
    link_base: str = ""  # where next-page links point; another host only when a test says so
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1000))

    def fail(self, method: str, suffix: str, status: int, message: str, **headers: str) -> None:
        """Answer the next ``method`` to a path ending in ``suffix`` with this error."""
        self.failures.setdefault((method, suffix), []).append((status, headers, message))

    def add_comment(self, repo: str, number: int, body: str, user: dict[str, Any]) -> int:
        comment = {"id": next(self._ids), "body": body, "user": dict(user)}
        self.comments.setdefault((repo, number), []).append(comment)
        return int(comment["id"])

    def bodies(self, repo: str, number: int) -> list[str]:
        return [c["body"] for c in self.comments.get((repo, number), [])]

    def count(self, method: str, suffix: str = "") -> int:
        return sum(1 for c in self.calls if c.method == method and c.path.endswith(suffix))


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status, headers=headers)


def build_app(state: FakeGitHub) -> Starlette:
    """The Starlette app over ``state``."""

    def identity(request: Request) -> tuple[dict[str, Any], bool] | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return TOKENS.get(token) if scheme.lower() in ("bearer", "token") else None

    def planned_failure(request: Request) -> Response | None:
        for (method, suffix), queue in state.failures.items():
            if method == request.method and request.url.path.endswith(suffix) and queue:
                status, headers, message = queue.pop(0)
                return _error(status, message, headers)
        return None

    def issue(request: Request) -> tuple[str, int]:
        params = request.path_params
        return f"{params['owner']}/{params['repo']}", int(params["number"])

    async def list_comments(request: Request) -> Response:
        items = state.comments.get(issue(request), [])
        per_page = min(int(request.query_params.get("per_page", 30)), PAGE_CAP)
        page = int(request.query_params.get("page", 1))
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            query = f"?per_page={per_page}&page={page + 1}"
            url = f"{state.link_base or state.base_url}{request.url.path}{query}"
            headers["Link"] = f'<{url}>; rel="next"'
        return JSONResponse(chunk, headers=headers)

    async def create_comment(request: Request, user: dict[str, Any]) -> Response:
        body = (await request.json()).get("body", "")
        if len(body) > 65_536:
            return _error(422, "Validation Failed: body is too long (maximum is 65536 characters)")
        comment_id = state.add_comment(*issue(request), body, user)
        return JSONResponse({"id": comment_id, "body": body, "user": user}, status_code=201)

    async def update_comment(request: Request, user: dict[str, Any]) -> Response:
        comment_id = int(request.path_params["comment_id"])
        for comment in itertools.chain.from_iterable(state.comments.values()):
            if comment["id"] == comment_id:
                comment["body"] = (await request.json())["body"]
                return JSONResponse(comment)
        return _error(404, "Not Found")

    async def comments(request: Request) -> Response:
        return await dispatch(request, list_comments, create_comment)

    async def one_comment(request: Request) -> Response:
        return await dispatch(request, None, update_comment)

    async def me(request: Request) -> Response:
        who = identity(request)
        if who is None:
            return _error(401, "Bad credentials")
        if who[0]["type"] == "Bot":  # an installation token cannot read /user
            return _error(403, "Resource not accessible by integration")
        return JSONResponse(who[0])

    async def dispatch(request: Request, read: Any, write: Any) -> Response:
        who = identity(request)
        if who is None:
            return _error(401, "Bad credentials")
        failure = planned_failure(request)
        if failure is not None:
            return failure
        if request.method == "GET":
            return await read(request)  # type: ignore[no-any-return]
        if not who[1]:
            return _error(403, "Resource not accessible by integration")
        return await write(request, who[0])  # type: ignore[no-any-return]

    async def record(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        state.calls.append(Call(request.method, request.url.path, response.status_code))
        return response

    repo_path = PREFIX + "/repos/{owner}/{repo}/issues"
    return Starlette(
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=record)],
        routes=[
            Route(repo_path + "/{number:int}/comments", comments, methods=["GET", "POST"]),
            Route(repo_path + "/comments/{comment_id:int}", one_comment, methods=["PATCH"]),
            Route(PREFIX + "/user", me, methods=["GET"]),
        ],
    )


@contextmanager
def serve_github() -> Iterator[FakeGitHub]:
    """Run the fake on an ephemeral port of 127.0.0.1 for the length of the block."""
    state = FakeGitHub()
    config = uvicorn.Config(build_app(state), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the fake GitHub server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    state.base_url = f"http://127.0.0.1:{port}"
    try:
        yield state
    finally:
        server.should_exit = True
        thread.join(timeout=5)
