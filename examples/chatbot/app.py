"""ChatDesk, the demo chatbot SaaS: one Starlette app with a ``flawed`` and a ``fixed`` mode.

Every difference between the modes is an ``if self.fixed`` (or a choice in ``create_app``), so a
reader can see what the fixed service does that the flawed one does not.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import threading
import time
import traceback
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import pages
from .model import FakeModel
from .store import BILLING, Store, User

MODES = ("flawed", "fixed")
MAX_BODY = 64 * 1024
MAX_MESSAGE = 8000
RATE_LIMIT = (100, 60.0)  # requests per user, per seconds
SLOW_REPLY_S = 0.6
SLOW_HEALTH_S = 1.5
ALLOWED_ORIGINS = ["https://app.example.com"]
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!")
EXECUTABLE_SUFFIXES = (".exe", ".dll", ".msi", ".bat", ".cmd", ".sh", ".scr", ".com")

FIXED_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
FLAWED_HEADERS = {
    "content-security-policy": "default-src * 'unsafe-inline' 'unsafe-eval'",
    "x-powered-by": "Starlette/1.10",
}


def create_app(mode: str, canary: str) -> Starlette:
    """The service in ``mode`` (``flawed`` or ``fixed``) with ``canary`` in its system prompt."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    desk = ChatDesk(fixed=mode == "fixed", canary=canary)
    cors = (
        {"allow_origins": ALLOWED_ORIGINS, "allow_headers": ["Authorization", "Content-Type"],
         "allow_methods": ["GET", "POST", "PATCH", "DELETE"]}
        if desk.fixed  # flawed: any origin is reflected, with credentials
        else {"allow_origin_regex": ".*", "allow_headers": ["*"], "allow_methods": ["*"]}
    )
    middleware = [
        Middleware(HeadersMiddleware, headers=FIXED_HEADERS if desk.fixed else FLAWED_HEADERS),
        Middleware(CORSMiddleware, allow_credentials=True, **cors),
    ]
    if not desk.fixed:  # left on from development: crashes answer with their stack trace
        middleware.append(Middleware(TracebackMiddleware))
    return Starlette(routes=desk.routes(), middleware=middleware)


class TracebackMiddleware:
    """Answers an unhandled exception with a 500 whose body is the Python traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if started or scope["type"] != "http":
                raise
            await PlainTextResponse(traceback.format_exc(), status_code=500)(scope, receive, send)


class HeadersMiddleware:
    """Adds the mode's fixed set of response headers to every response."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.extra = [(k.encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.extra]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


class RateLimiter:
    """A sliding window of request times per user."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> int:
        """0 when the request may go ahead (and counts it), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and now - seen[0] > self.window_s:
                seen.popleft()
            if len(seen) >= self.limit:
                return max(1, int(self.window_s - (now - seen[0])) + 1)
            seen.append(now)
            return 0


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _chat_json(chat: Any) -> dict[str, str]:
    return {"id": chat.id, "title": chat.title, "owner": chat.owner}


class ChatDesk:
    """The service's handlers; ``fixed`` switches every safeguard on."""

    def __init__(self, *, fixed: bool, canary: str) -> None:
        self.fixed = fixed
        self.store = Store()
        self.model = FakeModel(canary, self.store, guarded=fixed)
        self.limiter = RateLimiter(*RATE_LIMIT)

    def routes(self) -> list[Route]:
        routes = [
            Route("/", self.home),
            Route("/static/app.js", self.script),
            Route("/healthz", self.health),
            Route("/api/chats", self.list_chats, methods=["GET"]),
            Route("/api/chats", self.create_chat, methods=["POST"]),
            Route("/api/chats/{id}", self.one_chat, methods=["GET", "PATCH", "DELETE"]),
            Route("/api/billing", self.billing),
            Route("/api/admin/users", self.admin_users),
            Route("/api/chat", self.chat, methods=["POST"]),
            Route("/api/chat/stream", self.chat_stream, methods=["POST"]),
            Route("/api/upload", self.upload, methods=["POST"]),
        ]
        if not self.fixed:  # the flawed deploy ships its source map and leftover files
            routes.append(Route("/static/app.js.map", self.source_map))
            routes += [Route(path, self.leftover) for path in pages.LEFTOVERS]
        return routes

    def user(self, request: Request) -> User | None:
        return self.store.user_for(request.headers.get("authorization"))

    async def _body(self, request: Request) -> Any:
        """The JSON body; the fixed mode turns a broken one into ``None`` (then a 422)."""
        if not self.fixed:
            return await request.json()
        try:
            return json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return None

    # --- pages and files ---------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        response = Response(pages.page(None, mixed_content=not self.fixed), media_type="text/html")
        sid = secrets.token_urlsafe(16)
        if self.fixed:
            response.set_cookie("sid", sid, secure=True, httponly=True, samesite="lax")
        else:
            response.set_cookie("sid", sid, samesite=None)
        return response

    async def script(self, request: Request) -> Response:
        return Response(pages.app_js(with_map=not self.fixed), media_type="text/javascript")

    async def source_map(self, request: Request) -> Response:
        return Response(pages.source_map(), media_type="application/json")

    async def leftover(self, request: Request) -> Response:
        return PlainTextResponse(pages.LEFTOVERS[request.url.path]())

    async def health(self, request: Request) -> Response:
        if not self.fixed:
            await asyncio.sleep(SLOW_HEALTH_S)  # checks the database the slow way
        return JSONResponse({"status": "ok"})

    # --- chats -------------------------------------------------------------------------

    async def list_chats(self, request: Request) -> Response:
        user = self.user(request)
        if not self.fixed:
            return JSONResponse([_chat_json(c) for c in self.store.all_chats()])
        if user is None:
            return _error(401, "sign in first")
        return JSONResponse([_chat_json(c) for c in self.store.chats_of(user)])

    async def create_chat(self, request: Request) -> Response:
        user = self.user(request)
        if user is None:
            return _error(401, "sign in first")
        body = await self._body(request)
        if self.fixed and not _valid_title(body):
            return _error(422, "title must be a string of 1 to 200 characters")
        chat = self.store.create(user, body["title"])
        return JSONResponse(_chat_json(chat), status_code=201)

    async def one_chat(self, request: Request) -> Response:
        user, chat = self.user(request), self.store.get(request.path_params["id"])
        mine = chat is not None and user is not None and chat.owner == user.name
        if chat is None or (self.fixed and not mine):
            return _error(404, "no such chat")
        if request.method == "DELETE":
            self.store.delete(chat.id)
            return Response(status_code=204)
        if request.method == "PATCH":
            body = await self._body(request)
            if self.fixed and not _valid_title(body):
                return _error(422, "title must be a string of 1 to 200 characters")
            chat = self.store.rename(chat.id, body["title"]) or chat
        return JSONResponse(_chat_json(chat))

    async def billing(self, request: Request) -> Response:
        user = self.user(request)
        if self.fixed and user is None:
            return _error(401, "sign in first")
        tenant = user.tenant if user else "acme"
        return JSONResponse({"tenant": tenant, **BILLING[tenant]})

    async def admin_users(self, request: Request) -> Response:
        user = self.user(request)
        if self.fixed and user is None:
            return _error(401, "sign in first")
        if self.fixed and not (user and user.is_admin):
            return _error(403, "admins only")
        return JSONResponse(self.store.users())

    # --- the assistant -----------------------------------------------------------------

    async def chat(self, request: Request) -> Response:
        outcome = await self._ask(request)
        if isinstance(outcome, Response):
            return outcome
        return JSONResponse({"reply": outcome})

    async def chat_stream(self, request: Request) -> Response:
        outcome = await self._ask(request)
        if isinstance(outcome, Response):
            return outcome
        return StreamingResponse(_events(outcome), media_type="text/event-stream")

    async def _ask(self, request: Request) -> str | Response:
        """The model's reply to the request's message, or the response that refuses it."""
        user = self.user(request)
        if user is None:
            return _error(401, "sign in first")
        if self.fixed:
            wait = self.limiter.retry_after(user.name)
            if wait:
                return _error(429, "too many requests", {"Retry-After": str(wait)})
            checked = await _read_message(request)
            if isinstance(checked, Response):
                return checked
            message = checked
        else:
            message = (await request.json())["message"]  # whatever came: a crash shows a trace
            await asyncio.sleep(SLOW_REPLY_S)  # no timeout, no cache: a slow upstream call
        return self.model.reply(message, user)

    # --- uploads -----------------------------------------------------------------------

    async def upload(self, request: Request) -> Response:
        name, content = _first_file(await request.body(), request.headers.get("content-type", ""))
        if name is None:
            return _error(422 if self.fixed else 400, "send one file as multipart/form-data")
        if _is_executable(name, content):
            if self.fixed:
                return _error(415, "executable files are not accepted")
            raise RuntimeError(f"virus scanner crashed on {name}")
        return JSONResponse({"name": name, "size": len(content)}, status_code=201)


async def _read_message(request: Request) -> str | Response:
    """The fixed mode's input checks: size, content type, JSON, field types."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        return _error(413, f"request body over {MAX_BODY} bytes")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _error(415, "send application/json")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return _error(413, f"request body over {MAX_BODY} bytes")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "body is not valid JSON")
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not 0 < len(message) <= MAX_MESSAGE:
        return _error(422, f"message must be a string of 1 to {MAX_MESSAGE} characters")
    return message


async def _events(reply: str) -> AsyncIterator[str]:
    """The reply as server-sent events, eight characters per event, then ``[DONE]``."""
    for start in range(0, len(reply), 8):
        yield f"data: {json.dumps({'delta': reply[start:start + 8]})}\n\n"
        await asyncio.sleep(0)
    yield "data: [DONE]\n\n"


def _valid_title(body: object) -> bool:
    title = body.get("title") if isinstance(body, dict) else None
    return isinstance(title, str) and 0 < len(title) <= 200


_DISPOSITION = re.compile(rb'filename="([^"]*)"')


def _first_file(body: bytes, content_type: str) -> tuple[str | None, bytes]:
    """The first file part of a multipart body: its file name and content."""
    boundary = content_type.partition("boundary=")[2].strip('"')
    if not content_type.startswith("multipart/form-data") or not boundary:
        return None, b""
    for part in body.split(b"--" + boundary.encode()):
        head, _, content = part.partition(b"\r\n\r\n")
        found = _DISPOSITION.search(head)
        if found:
            return found.group(1).decode(errors="replace"), content.removesuffix(b"\r\n")
    return None, b""


def _is_executable(name: str, content: bytes) -> bool:
    return name.lower().endswith(EXECUTABLE_SUFFIXES) or content.startswith(EXECUTABLE_MAGIC)
