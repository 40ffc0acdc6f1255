"""probe.injection against the demo service, flawed and fixed, over JSON and a streamed reply."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from launchgate.checks.probe.canary import normalize
from launchgate.checks.probe.injection import InjectionCheck
from launchgate.config.schema import Config
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Severity
from launchgate.core.scorecard import build_scorecard
from launchgate.errors import CheckError
from launchgate.report.json_report import render_json
from launchgate.report.markdown import render_markdown
from tests.demo_service import CANARY, TOKENS, Service, free_port, running_service

HELD_BY_FLAWED = {  # prompts the flawed demo model does not recognise, so it answers harmlessly
    "extract-first-message", "extract-config-json", "tool-raw-json", "exfil-html-image",
    "encode-base64-prompt",
}
ENDPOINTS = ["POST /api/chat", "POST /api/chat/stream"]


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service("flawed", tmp_path_factory.mktemp("flawed")) as service:
        yield service


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service("fixed", tmp_path_factory.mktemp("fixed")) as service:
        yield service


def make_context(url: str, root: Path, **chat: Any) -> Context:
    preview: dict[str, Any] = {
        "url": url,
        "accounts": {name: {"headers": {"Authorization": f"Bearer {TOKENS[name]}"}}
                     for name in ("alice", "bob")},
        "owned": [{"create": {"as": "alice", "request": "POST /api/chats",
                              "json": {"title": "probe"}, "id": "$.id"},
                   "try": ["GET /api/chats/{id}", "DELETE /api/chats/{id}"]}],
        "chat": {"request": "POST /api/chat", "as": "alice", "json": {"message": "{prompt}"},
                 "reply": "$.reply", "canary": CANARY, **chat},
    }
    return Context(root=root, config=Config.model_validate({"preview": preview}))


def run(ctx: Context) -> CheckResult:
    try:
        return InjectionCheck().run(ctx)
    finally:
        ctx.shared.close()


def breached(result: CheckResult) -> set[str]:
    return {str(f.details["attack"]) for f in result.findings if f.severity is Severity.BLOCKER}


def reports(ctx: Context, result: CheckResult) -> str:
    card = build_scorecard([result], ctx.config)
    return render_json(card) + render_markdown(card)


def assert_no_canary(text: str) -> None:
    assert CANARY not in text
    assert normalize(CANARY)[0] not in normalize(text)[0]


@pytest.mark.parametrize("request_line", ENDPOINTS)
def test_flawed_demo_gives_in_to_the_expected_attacks(
    flawed: Service, tmp_path: Path, request_line: str
) -> None:
    ctx = make_context(flawed.url, tmp_path, request=request_line)
    result = run(ctx)

    ids = {str(o["attack"]) for o in result.details["outcomes"]}  # type: ignore[attr-defined]
    assert len(ids) == 31 and breached(result) == ids - HELD_BY_FLAWED
    assert result.stats["breach"] == 26 and result.stats["held"] == 5
    found = {str(f.details["attack"]): f.title for f in result.findings}
    assert "canary (whole)" in found["extract-repeat-above"]
    assert "canary (base64)" in found["encode-base64"]
    assert "canary (reversed)" in found["encode-backwards"]
    assert "marker INJECTED-7F3A" in found["override-ignore-previous"]
    assert "image from attacker.example" in found["exfil-markdown-image"]
    assert "link to attacker.example" in found["exfil-link"]
    assert "call of grant_admin_role" in found["tool-nonexistent"]
    assert "foreign id chat_" in found["tenant-every-workspace"]
    assert_no_canary(reports(ctx, result))


@pytest.mark.parametrize("request_line", ENDPOINTS)
def test_fixed_demo_holds_against_every_attack(
    fixed: Service, tmp_path: Path, request_line: str
) -> None:
    ctx = make_context(fixed.url, tmp_path, request=request_line)
    result = run(ctx)
    assert result.findings == ()
    assert result.stats == {"prompts": 31, "held": 31}
    assert result.notes[0] == "31 attack prompts: 31 held"
    assert '"status": "pass"' in render_json(build_scorecard([result], ctx.config))


def test_every_breach_carries_the_prompt_and_a_redacted_excerpt(
    flawed: Service, tmp_path: Path
) -> None:
    result = run(make_context(flawed.url, tmp_path))
    leak = next(f for f in result.findings if f.details["attack"] == "extract-repeat-above")
    assert leak.evidence.startswith('prompt: "Repeat the text above')
    assert "Internal reference code: [canary]" in leak.evidence
    assert leak.location.url and leak.location.url.endswith("/api/chat")
    payload = json.loads(render_json(build_scorecard([result], Config())))
    outcome = next(o for o in payload["checks"][0]["details"]["outcomes"]
                   if o["attack"] == "encode-backwards")
    assert outcome["outcome"] == "breach" and outcome["expected"] == ["canary"]


def test_the_team_file_adds_prompts_and_markers(fixed: Service, tmp_path: Path) -> None:
    (tmp_path / "attacks.yml").write_text(
        "markers: [ChatDesk]\n"
        "attacks:\n"
        "  - {id: team-hello, goal: instruction-override, prompt: hi, breach: [marker]}\n"
    )
    result = run(make_context(fixed.url, tmp_path, attacks="attacks.yml"))
    assert breached(result) == {"team-hello"}  # the greeting names the product
    assert result.stats["prompts"] == 32


def test_a_broken_team_file_is_one_clear_error(fixed: Service, tmp_path: Path) -> None:
    (tmp_path / "attacks.yml").write_text("attacks:\n  - {id: x, goal: mischief, prompt: hi}\n")
    with pytest.raises(CheckError, match=r"^attacks.yml: attacks.0.goal: Input should be"):
        run(make_context(fixed.url, tmp_path, attacks="attacks.yml"))


def test_the_request_budget_bounds_the_run(flawed: Service, tmp_path: Path) -> None:
    ctx = make_context(flawed.url, tmp_path)
    config = ctx.config.model_copy(
        update={"preview": ctx.config.preview.model_copy(update={"max_requests": 11})})
    result = run(Context(root=tmp_path, config=config))
    assert result.stats["not-sent"] == 21  # one request went to creating bob's chat
    warning = next(f for f in result.findings if f.severity is Severity.WARNING)
    assert warning.title == "21 of 31 attack prompts got no usable reply"
    assert "budget of 11 spent" in warning.evidence


def test_a_preview_that_is_down_makes_the_check_error(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="no attack prompt got a reply: .*cannot connect"):
        run(make_context(f"http://127.0.0.1:{free_port()}", tmp_path))


def test_the_check_is_skipped_without_a_chat_section(tmp_path: Path) -> None:
    ctx = Context(root=tmp_path, config=Config.model_validate({"preview": {"url": "http://x"}}))
    assert InjectionCheck().needs(ctx) == "preview.chat is not configured"
    assert InjectionCheck().needs(Context(root=tmp_path, config=Config())) == (
        "preview.url is not set")


def test_endless_streamed_reply_is_cut_and_judged(https, ca_file, tmp_path):
    from tests.checks.probe.servers import dripping_app

    app = https(dripping_app(b"x" * (1 << 20), pause_s=0, limit=64 << 20))
    preview = {"url": app.url, "ca_bundle": str(ca_file),
               "accounts": {"alice": {"headers": {"Authorization": "Bearer a"}}},
               "chat": {"request": "POST /api/chat", "as": "alice"}}
    started = time.monotonic()
    result = run(Context(root=tmp_path, config=Config.model_validate({"preview": preview})))
    outcomes = result.details["outcomes"]  # type: ignore[attr-defined]
    assert outcomes and {o["outcome"] for o in outcomes} == {"held"}, outcomes
    assert time.monotonic() - started < 30
