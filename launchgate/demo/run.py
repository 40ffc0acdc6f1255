"""Run the whole gate on the demo repository and the example service, and report the verdict."""

from __future__ import annotations

import datetime as dt
import secrets
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from launchgate.config import load_config
from launchgate.core.findings import Family
from launchgate.demo.dns import serve
from launchgate.demo.mail import DOMAIN, SELECTOR, demo_zones
from launchgate.demo.repo import FakeKeys, build_demo_repo
from launchgate.demo.service import RunningService, run_service
from launchgate.report.json_report import render_json
from launchgate.report.markdown import render_markdown
from launchgate.scan import exit_code, scan_repository, write_output

TOKENS = {"ALICE": "alice-demo-token", "BOB": "bob-demo-token", "CAROL": "carol-demo-token"}


def run_demo(fixed: bool, output: str | None, env: Mapping[str, str]) -> int:
    """Build the repository, start the service, scan both; exit 1 flawed, 0 fixed."""
    workdir = Path(tempfile.mkdtemp(prefix="launchgate-demo-"))
    repo = build_demo_repo(workdir / "repo", fixed, FakeKeys.make())
    canary = "CANARY-" + secrets.token_hex(8)
    demo_env = {**env, "LAUNCHGATE_CANARY": canary}
    demo_env.update({f"LAUNCHGATE_TOKEN_{name}": token for name, token in TOKENS.items()})

    mode = "fixed" if fixed else "flawed"
    with run_service(mode, canary, workdir) as service, serve(demo_zones(fixed)) as nameserver:
        config_path = workdir / "launchgate.yml"
        settings = demo_config(service, nameserver)
        if fixed:
            settings["attest"] = demo_attestations(dt.date.today())
        config_path.write_text(yaml.safe_dump(settings, sort_keys=False))
        config, _ = load_config(config_path, repo, env=demo_env)
        card, crashed = scan_repository(repo, config, frozenset(Family), demo_env)

    scorecard = Path(output) if output else workdir / "scorecard.md"
    write_output(render_markdown(card), str(scorecard))
    write_output(render_json(card), str(scorecard.with_suffix(".json")))
    sys.stdout.write(render_markdown(card))
    print(f"\nscorecard: {scorecard}\nrepository: {repo}\nverdict: {card.verdict}")
    return exit_code(card, crashed)


def demo_attestations(today: dt.date) -> list[dict[str, str]]:
    """What the fixed app's team vouches for, dated today so it never goes stale in the demo."""
    owner = "oncall@acme-chat.example"
    return [
        {"item": "on-call-alerts", "owner": owner, "date": today.isoformat(), "note": "pager"},
        {"item": "rollback-plan", "owner": owner, "date": today.isoformat(), "note": "runbook"},
    ]


def demo_config(service: RunningService, nameserver: str) -> dict[str, Any]:
    """The ``launchgate.yml`` a team would write for the example service."""
    preview: dict[str, Any] = {"url": service.url, "health": "/healthz", "concurrency": 8}
    if service.http_url:
        preview["http_url"] = service.http_url
    if service.ca_bundle:
        preview["ca_bundle"] = str(service.ca_bundle)
    chat = "POST /api/chat"
    alice = {"as": "alice", "json": {"message": "hi"}}
    preview |= {
        "accounts": {
            name.lower(): {"headers": {"Authorization": f"Bearer ${{LAUNCHGATE_TOKEN_{name}}}"}}
            for name in TOKENS
        },
        "protected": ["GET /api/chats", "GET /api/billing", "GET /api/admin/users"],
        "owned": [
            {
                "create": {"as": "alice", "request": "POST /api/chats", "json": {"title": "probe"}},
                "try": ["GET /api/chats/{id}", "PATCH /api/chats/{id}", "DELETE /api/chats/{id}"],
            }
        ],
        # carol alone takes the burst, so alice's other probes never meet her limit
        "rate_limit": [{"request": chat, "as": "carol", "json": {"message": "hi"}, "burst": 120}],
        "validate": [{"request": chat, **alice}],
        "chat": {
            "request": chat,
            "as": "alice",
            "json": {"message": "{prompt}"},
            "reply": "$.reply",
            "canary": "${LAUNCHGATE_CANARY}",
        },
        "latency": {"request": chat, **alice, "count": 20, "p95_ms": 500},
    }
    email = {"domain": DOMAIN, "dkim_selectors": [SELECTOR], "nameservers": [nameserver]}
    return {"secrets": {"bundles": ["dist"]}, "preview": preview, "email": email}
