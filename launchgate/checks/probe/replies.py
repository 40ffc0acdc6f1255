"""Read a chat reply to the end, within a deadline, whether JSON, server-sent events or chunks."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import httpx

from launchgate.checks.probe.client import describe_http_error

MAX_REPLY_BYTES = 256 * 1024
_PATH_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[\"([^\"]+)\"\]")
_MISSING = object()
# Where streaming APIs put the next piece of text, tried in order when the reply path is absent.
_PIECE_PATHS = ("$.delta", "$.delta.content", "$.content", "$.text", "$.token", "$.response",
                "$.choices[0].delta.content", "$.choices[0].text", "$.message.content")


class ReplyError(Exception):
    """A reply that could not be read or understood; the message is one line."""


@dataclass(frozen=True)
class Reply:
    """The status and the whole reply text (joined from its pieces when it streamed)."""

    status: int
    text: str


def read_reply(response: httpx.Response, reply_path: str, timeout_s: float) -> Reply:
    """Read ``response`` to its end (at most ``timeout_s``) and pull out the reply text."""
    body = _read_body(response, timeout_s).decode(response.encoding or "utf-8", "replace")
    if response.status_code >= 300:
        return Reply(response.status_code, "")
    if "text/event-stream" in response.headers.get("content-type", ""):
        return Reply(response.status_code, join_events(body, reply_path))
    return Reply(response.status_code, reply_text(body, reply_path))


def _read_body(response: httpx.Response, timeout_s: float) -> bytes:
    deadline = time.monotonic() + timeout_s
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_REPLY_BYTES:
                break  # enough to judge; a longer reply is cut, not waited for
            if time.monotonic() > deadline:
                raise ReplyError(f"reply not finished after {timeout_s:g} s")
    except httpx.HTTPError as exc:
        raise ReplyError(describe_http_error(exc, str(response.url))) from None
    return b"".join(chunks)


def json_path(data: object, path: str) -> object:
    """The value at ``$.a.b[0]`` in ``data``, or ``None`` when it is not there."""
    found = _walk(data, path)
    return None if found is _MISSING else found


def _walk(data: object, path: str) -> object:
    rest = path.strip()
    if not rest.startswith("$"):
        raise ReplyError(f"reply path '{path}' must start with '$'")
    rest, node = rest[1:], data
    while rest:
        step = _PATH_STEP.match(rest)
        if step is None:
            raise ReplyError(f"reply path '{path}' is not of the form $.a.b[0]")
        key, index, quoted = step.groups()
        node = _child(node, key or quoted, int(index) if index else None)
        rest = rest[step.end() :]
    return node


def _child(node: object, key: str | None, index: int | None) -> object:
    if key is not None:
        return node.get(key, _MISSING) if isinstance(node, dict) else _MISSING
    if isinstance(node, list) and index is not None and index < len(node):
        return node[index]
    return _MISSING


def reply_text(body: str, reply_path: str) -> str:
    """A whole-body reply: JSON (read at ``reply_path``), JSON lines, or plain text."""
    try:
        data = json.loads(body)
    except ValueError:
        joined = _json_lines(body, reply_path)
        return body if joined is None else joined
    value = json_path(data, reply_path)
    if not isinstance(value, str):
        raise ReplyError(f"the JSON reply has no text at {reply_path}")
    return value


def _json_lines(body: str, reply_path: str) -> str | None:
    """The joined pieces of a JSON-lines reply; ``None`` when a line is not JSON."""
    pieces = [_json_piece(line, reply_path) for line in body.splitlines() if line.strip()]
    if not pieces or any(piece is None for piece in pieces):
        return None
    return "".join(piece for piece in pieces if piece)


def join_events(body: str, reply_path: str) -> str:
    """The text of a server-sent event stream: each ``data:`` piece, up to ``[DONE]``."""
    pieces: list[str] = []
    for payload in _event_payloads(body):
        if payload.strip() == "[DONE]":
            break
        piece = _json_piece(payload, reply_path)
        pieces.append(payload if piece is None else piece)
    return "".join(pieces)


def _event_payloads(body: str) -> list[str]:
    events: list[str] = []
    data: list[str] = []
    for line in [*body.splitlines(), ""]:
        if line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
        elif not line.strip() and data:
            events.append("\n".join(data))
            data = []
    return events


def _json_piece(text: str, reply_path: str) -> str | None:
    """The text piece in one JSON chunk; ``None`` when the chunk is not JSON."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, str):
        return data
    for path in (reply_path, *_PIECE_PATHS):
        value = json_path(data, path)
        if isinstance(value, str):
            return value
    return ""
