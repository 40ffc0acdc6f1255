"""Test servers for the probe: a well-behaved chat app that can be broken in one named way."""

from __future__ import annotations

import asyncio
import itertools
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

TOKENS = {"Bearer alice-token": "alice", "Bearer bob-token": "bob", "Bearer carol-token": "carol"}
ALLOWED_ORIGIN = "https://app.example.com"
FLAWS = frozenset({
    "no-csp", "cookie-no-httponly", "cors-reflect", "no-edge", "anon-chats", "idor",
    "trace-on-bad-json", "hang-on-wrong-type", "no-rate-limit", "dotenv", "source-map",
    "slow-health", "slow-chat", "mixed-content",
})


def fake_key() -> str:
    """An OpenAI-shaped key, assembled at run time so no key literal sits in the source."""
    return "sk-" + "proj-" + "Q" * 20 + "T3Blbk" + "FJ" + "w" * 24


@dataclass(frozen=True)
class Served:
    """A running test server."""

    url: str
    port: int


def chat_app(flaws: frozenset[str] = frozenset(), rate_limit: int = 1000) -> ASGIApp:
    """The app that passes every probe check, except for the ``flaws`` named."""
    unknown = flaws - FLAWS
    assert not unknown, unknown
    chats = {"chat-1": {"id": "chat-1", "title": "welcome", "owner": "alice"}}
    ids = itertools.count(1001)
    calls: dict[str, int] = {}

    def user(request: Request) -> str | None:
        return TOKENS.get(request.headers.get("authorization", ""))

    def home(request: Request) -> Response:
        src = "http://cdn.invalid/app.js" if "mixed-content" in flaws else "/static/app.js"
        page = HTMLResponse(f'<html><body><script src="{src}"></script></body></html>')
        flags = "Secure; SameSite=Lax" + ("" if "cookie-no-httponly" in flaws else "; HttpOnly")
        page.headers.append("set-cookie", f"sid=abc123; Path=/; {flags}")
        return page

    def script(request: Request) -> Response:
        tail = "\n//# sourceMappingURL=app.js.map" if "source-map" in flaws else ""
        return Response("console.log('hi');" + tail, media_type="application/javascript")

    def source_map(request: Request) -> Response:
        if "source-map" not in flaws:
            return PlainTextResponse("not found", 404)
        source = f'const KEY = "{fake_key()}";\n'
        return JSONResponse({"version": 3, "sources": ["src/app.ts"], "mappings": "AAAA",
                             "sourcesContent": [source]})

    async def health(request: Request) -> Response:
        if "slow-health" in flaws:
            await asyncio.sleep(0.3)
        return JSONResponse({"status": "ok"})

    def dotenv(request: Request) -> Response:
        if "dotenv" not in flaws:
            return PlainTextResponse("not found", 404)
        return PlainTextResponse(f"OPENAI_API_KEY={fake_key()}\nDEBUG=1\n")

    def list_chats(request: Request) -> Response:
        who = user(request)
        if who is None and "anon-chats" not in flaws:
            return JSONResponse({"error": "sign in"}, 401)
        return JSONResponse([c for c in chats.values() if who is None or c["owner"] == who])

    async def create_chat(request: Request) -> Response:
        who = user(request)
        if who is None:
            return JSONResponse({"error": "sign in"}, 401)
        chat = {"id": f"chat-{next(ids)}", "title": str((await request.json())["title"]),
                "owner": who}
        chats[chat["id"]] = chat
        return JSONResponse(chat, 201)

    async def one_chat(request: Request) -> Response:
        chat = chats.get(request.path_params["id"])
        if chat is None or ("idor" not in flaws and chat["owner"] != user(request)):
            return JSONResponse({"error": "not found"}, 404)
        if request.method == "DELETE":
            del chats[chat["id"]]
            return Response(status_code=204)
        return JSONResponse(chat)

    async def chat(request: Request) -> Response:
        who = user(request)
        if who is None:
            return JSONResponse({"error": "sign in"}, 401)
        calls[who] = calls.get(who, 0) + 1
        if calls[who] > rate_limit and "no-rate-limit" not in flaws:
            return JSONResponse({"error": "slow down"}, 429, headers={"Retry-After": "60"})
        if "slow-chat" in flaws:
            await asyncio.sleep(0.3)
        return await _answer_chat(request, flaws)

    routes = [
        Route("/", home), Route("/static/app.js", script), Route("/static/app.js.map", source_map),
        Route("/healthz", health), Route("/.env", dotenv),
        Route("/api/chats", list_chats, methods=["GET"]),
        Route("/api/chats", create_chat, methods=["POST"]),
        Route("/api/chats/{id}", one_chat, methods=["GET", "PATCH", "DELETE"]),
        Route("/api/chat", chat, methods=["POST"]),
    ]
    return _Cors(_Headers(Starlette(routes=routes), flaws), flaws)


async def _answer_chat(request: Request, flaws: frozenset[str]) -> Response:
    if request.headers.get("content-type", "") != "application/json":
        return JSONResponse({"error": "json only"}, 415)
    body = await request.body()
    if len(body) > 65_536:
        return JSONResponse({"error": "too large"}, 413)
    try:
        data = json.loads(body)
    except ValueError:
        if "trace-on-bad-json" in flaws:
            trace = 'Traceback (most recent call last):\n  File "app.py", line 9, in chat\n'
            return PlainTextResponse(trace, 500)
        return JSONResponse({"error": "bad json"}, 400)
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        if "hang-on-wrong-type" in flaws and isinstance(data, dict) and "message" in data:
            await asyncio.sleep(3)
        return JSONResponse({"error": "message must be a string"}, 422)
    return JSONResponse({"reply": "hello"})


class _Headers:
    """Adds the security headers (and an edge cache header) to every response."""

    def __init__(self, app: ASGIApp, flaws: frozenset[str]) -> None:
        self.app, self.flaws = app, flaws

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        async def with_headers(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                message["headers"] = [*message["headers"], *self._extra()]
            await send(message)

        await self.app(scope, receive, with_headers)

    def _extra(self) -> list[tuple[bytes, bytes]]:
        headers = {
            "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
            "strict-transport-security": "max-age=31536000; includeSubDomains",
            "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
            "x-frame-options": "DENY",
            "x-cache": "MISS",
        }
        for flaw, header in (("no-csp", "content-security-policy"), ("no-edge", "x-cache")):
            if flaw in self.flaws:
                del headers[header]
        return [(k.encode(), v.encode()) for k, v in headers.items()]


class _Cors:
    """Answers CORS for the allowlisted origin only, or (flawed) for any origin."""

    def __init__(self, app: ASGIApp, flaws: frozenset[str]) -> None:
        self.app, self.reflect = app, "cors-reflect" in flaws

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        origin = dict(scope.get("headers", [])).get(b"origin", b"").decode()
        allowed = origin and (self.reflect or origin == ALLOWED_ORIGIN)
        cors = [(b"access-control-allow-origin", origin.encode()),
                (b"access-control-allow-credentials", b"true")] if allowed else []
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            await Response(status_code=204 if allowed else 400, headers=dict(
                (k.decode(), v.decode()) for k, v in cors))(scope, receive, send)
            return

        async def with_cors(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                message["headers"] = [*message["headers"], *cors]
            await send(message)

        await self.app(scope, receive, with_cors)


def dripping_app(chunk: bytes, pause_s: float, limit: int,
                 headers: tuple[tuple[bytes, bytes], ...] = ()) -> ASGIApp:
    """Headers at once, then ``chunk`` every ``pause_s`` until ``limit`` bytes or the client goes.

    One byte a second is a trickle; 1 MiB with no pause is an endless body. ``limit`` only keeps
    a broken probe from eating the test machine: the probe must stop well before it.
    """

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        gone = asyncio.Event()
        watcher = asyncio.create_task(_wait_disconnect(receive, gone))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain"), *headers]})
        sent = 0
        while not gone.is_set() and sent < limit:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            sent += len(chunk)
            await asyncio.sleep(pause_s)
        await send({"type": "http.response.body", "body": b""})
        watcher.cancel()

    return app


async def _wait_disconnect(receive, gone: asyncio.Event) -> None:  # type: ignore[no-untyped-def]
    while (await receive())["type"] != "http.disconnect":
        pass
    gone.set()


def redirect_app(target: Callable[[], str]) -> ASGIApp:
    """Plain-HTTP app answering every path with a 301 to ``target()`` plus the path."""

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        await Response(status_code=301, headers={"location": target() + scope["path"]})(
            scope, receive, send)

    return app


@contextmanager
def running(app: ASGIApp, *, cert: trustme.LeafCert | None = None,
            context: ssl.SSLContext | None = None, tmp: Path | None = None) -> Iterator[Served]:
    """``app`` served by uvicorn on an ephemeral 127.0.0.1 port (HTTPS when given a cert)."""
    options: dict[str, object] = {}
    if cert is not None:
        assert tmp is not None
        key, chain = tmp / f"key-{id(cert)}.pem", tmp / f"cert-{id(cert)}.pem"
        cert.private_key_pem.write_to_path(str(key))
        cert.cert_chain_pems[0].write_to_path(str(chain))
        options = {"ssl_keyfile": str(key), "ssl_certfile": str(chain)}
    if context is not None:
        options = {"ssl_context_factory": lambda _config, _default: context}
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical", lifespan="off",
                            server_header=False, date_header=False, **options)  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield _wait_started(server, "https" if options else "http")
    finally:
        server.should_exit = True
        thread.join(5)


def _wait_started(server: uvicorn.Server, scheme: str) -> Served:
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return Served(f"{scheme}://127.0.0.1:{port}", port)
