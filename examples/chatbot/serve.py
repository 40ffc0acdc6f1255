"""Start the demo chatbot service: ``python examples/chatbot/serve.py --mode flawed|fixed ...``.

Prints ``ready <url>`` on stdout once every port accepts connections. With ``--certfile`` and
``--keyfile`` it serves HTTPS; ``--redirect-port`` adds a plain-HTTP port that redirects to HTTPS
(fixed) or serves the app itself (flawed).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.app import MODES, create_app  # noqa: E402  (needs the path above)

DEFAULT_CANARY = "CDX-canary-4f9a1c7e2b"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the demo chatbot service.")
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--redirect-port", type=int)
    parser.add_argument("--canary", default=DEFAULT_CANARY, help="planted in the system prompt")
    args = parser.parse_args(argv)
    if bool(args.certfile) != bool(args.keyfile):
        parser.error("--certfile and --keyfile go together")
    return args


def https_redirect(https_port: int) -> ASGIApp:
    """An app that answers every request with a 301 to the same host and path over HTTPS."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        host = dict(scope["headers"]).get(b"host", b"127.0.0.1").decode().rsplit(":", 1)[0]
        query = scope["query_string"].decode()
        target = f"https://{host}:{https_port}{scope['path']}" + (f"?{query}" if query else "")
        headers = [(b"location", target.encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 301, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    return app


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sys.exit(f"serve.py: cannot listen on {host}:{port}: {exc.strerror}")
    return sock


def server(app: ASGIApp, mode: str, tls: argparse.Namespace | None) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        log_level="warning",
        server_header=mode == "flawed",  # the fixed deploy does not say what it runs on
        ssl_certfile=tls.certfile if tls else None,
        ssl_keyfile=tls.keyfile if tls else None,
    )
    return uvicorn.Server(config)


async def serve(args: argparse.Namespace) -> None:
    app = create_app(args.mode, args.canary)
    main_sock = bind(args.host, args.port)
    port = main_sock.getsockname()[1]
    tls = args if args.certfile else None
    pairs = [(server(app, args.mode, tls), main_sock)]
    if args.redirect_port is not None:
        plain = app if args.mode == "flawed" else https_redirect(port)
        pairs.append((server(plain, args.mode, None), bind(args.host, args.redirect_port)))

    tasks = [asyncio.create_task(s.serve(sockets=[sock])) for s, sock in pairs]
    while not all(s.started for s, _ in pairs):
        if any(t.done() for t in tasks):
            sys.exit("serve.py: the server stopped while starting")
        await asyncio.sleep(0.02)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"ready {'https' if tls else 'http'}://{host}:{port}", flush=True)

    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for s, _ in pairs:  # one stopped (a signal): stop the other too
        s.should_exit = True
    await asyncio.gather(*tasks, return_exceptions=True)


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
