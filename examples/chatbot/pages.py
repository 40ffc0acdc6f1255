"""The demo's static content: the page, its script, its source map and files left lying around."""

from __future__ import annotations

import base64
import hashlib
import json


def fake_key() -> str:
    """A made-up OpenAI-shaped key, built at run time: no key-shaped literal in the source."""
    digest = base64.b64encode(hashlib.sha256(b"launchgate demo key").digest()).decode()
    letters = "".join(ch for ch in digest if ch.isalnum())
    return "sk-proj-" + letters[:20] + "T3Blbk" + "FJ" + letters[20:40]


def page(script_nonce: str | None, mixed_content: bool) -> str:
    """The single-page app shell."""
    nonce = f' nonce="{script_nonce}"' if script_nonce else ""
    tracker = '<script src="http://cdn.example.com/tracker.js"></script>' if mixed_content else ""
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>ChatDesk</title>"
        f"{tracker}</head><body><div id=\"app\">Loading…</div>"
        f"<script src=\"/static/app.js\"{nonce}></script></body></html>"
    )


APP_JS = (
    'const a=document.getElementById("app");fetch("/api/chats",{credentials:"include"})'
    '.then(r=>r.json()).then(c=>{a.textContent=c.length+" chats"});'
)


def app_js(with_map: bool) -> str:
    """The minified bundle; the flawed build still names its source map."""
    return APP_JS + ("\n//# sourceMappingURL=app.js.map\n" if with_map else "\n")


def source_map() -> str:
    """The source map a production build should not serve: its sources hold a key."""
    source = (
        "// src/app.ts\n"
        f'const OPENAI_API_KEY = "{fake_key()}";  // TODO move to the server\n'
        'const app = document.getElementById("app");\n'
    )
    data = {"version": 3, "file": "app.js", "sources": ["src/app.ts"],
            "sourcesContent": [source], "names": [], "mappings": "AAAA"}
    return json.dumps(data)


LEFTOVERS = {
    "/.env": lambda: (
        "DATABASE_URL=postgres://chatdesk:hunter2@db.internal:5432/chatdesk\n"
        f"OPENAI_API_KEY={fake_key()}\nSESSION_SECRET=dev-only-not-secret\n"
    ),
    "/.git/config": lambda: (
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
        '[remote "origin"]\n\turl = git@git.example.com:chatdesk/chatbot.git\n'
    ),
    "/.git/HEAD": lambda: "ref: refs/heads/main\n",
    "/app.py.bak": lambda: (
        "# app.py backup\nimport os\nDEBUG = True\n"
        'ADMIN_PASSWORD = "changeme"\nDB = os.environ["DATABASE_URL"]\n'
    ),
}
