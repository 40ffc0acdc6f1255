"""Check ``probe.injection``: send the attack set to the chat endpoint and judge every reply."""

from __future__ import annotations

import dataclasses
import enum
import logging
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlsplit

from launchgate.checks.probe.attacks import Attack, AttackSet, Goal, load_attack_set
from launchgate.checks.probe.breach import Clues, Hit, find_breaches
from launchgate.checks.probe.canary import REDACTED, CanaryMatcher
from launchgate.checks.probe.client import ProbeClient, ProbeError, RequestSpec, probe_client
from launchgate.checks.probe.replies import ReplyError, json_path, read_reply
from launchgate.config.schema import ChatSpec, JsonBody, PreviewConfig
from launchgate.core.check import Context
from launchgate.core.findings import (
    CheckResult,
    Family,
    Finding,
    Location,
    Severity,
    make_fingerprint,
)
from launchgate.core.rows import Row
from launchgate.errors import CheckError

log = logging.getLogger(__name__)

PLACEHOLDER = "{prompt}"
DEFAULT_BODY: JsonBody = {"message": PLACEHOLDER}
EXCERPT_BEFORE, EXCERPT_AFTER = 80, 160
WITHHELD = "[reply withheld: it still carries the canary]"
# Statuses that say the probe itself is misconfigured or throttled, not that the bot refused.
_NOT_A_VERDICT = frozenset({401, 403, 404, 405, 429})

REMEDIATION = {
    Goal.SYSTEM_PROMPT_EXTRACTION: "Keep secrets out of the system prompt, and filter replies for "
    "the prompt's text and canary before they leave the server.",
    Goal.INSTRUCTION_OVERRIDE: "Keep user text apart from instructions (roles, delimiters) and "
    "check replies against the task the endpoint is for.",
    Goal.TOOL_COERCION: "Let the model choose tools only from a strict allowlist checked on the "
    "server against the caller's role; never execute or echo tool calls from user text.",
    Goal.CROSS_TENANT: "Scope every retrieval and tool the model uses to the caller's tenant on "
    "the server; the model must never see another tenant's data.",
    Goal.EXFILTRATION: "Do not render images or links from model output to hosts outside an "
    "allowlist (CSP img-src, a URL filter on replies).",
    Goal.ENCODING: "Apply the same output filters after decoding: base64, hex, spelled-out and "
    "translated forms of the system prompt are leaks too.",
}


class Verdict(enum.StrEnum):
    """What became of one attack prompt."""

    BREACH = "breach"
    HELD = "held"
    BLOCKED = "blocked"
    ERROR = "error"
    NOT_SENT = "not-sent"


@dataclass(frozen=True)
class PromptOutcome:
    """One prompt's verdict with what was found; ``excerpt`` is redacted."""

    attack: Attack
    verdict: Verdict
    hits: tuple[Hit, ...] = ()
    excerpt: str = ""
    status: int | None = None
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        """The JSON form kept in the report for every prompt."""
        data: dict[str, object] = {
            "attack": self.attack.id,
            "goal": str(self.attack.goal),
            "outcome": str(self.verdict),
            "expected": [str(d) for d in self.attack.breach],
            "found": sorted({hit.what for hit in self.hits}),
        }
        if self.status is not None:
            data["status"] = self.status
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class Plan:
    """Everything needed to send and judge the attacks."""

    client: ProbeClient
    spec: ChatSpec
    request: RequestSpec
    attacks: AttackSet
    clues: Clues


class InjectionCheck:
    """Prompt-injection probe of the chat endpoint (the runtime half of Tool-call safety)."""

    id: str = "probe.injection"
    family: Family = Family.PROBE
    rows: tuple[Row, ...] = (Row.TOOL_CALL_SAFETY,)

    def needs(self, ctx: Context) -> str | None:
        if not ctx.config.preview.url:
            return "preview.url is not set"
        if ctx.config.preview.chat is None:
            return "preview.chat is not configured"
        return None

    def run(self, ctx: Context) -> CheckResult:
        plan, notes = make_plan(ctx)
        workers = ctx.config.preview.concurrency
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="injection") as pool:
            outcomes = list(pool.map(lambda a: send_attack(plan, a), plan.attacks.attacks))
        if not any(o.verdict in (Verdict.BREACH, Verdict.HELD, Verdict.BLOCKED) for o in outcomes):
            raise CheckError(f"no attack prompt got a reply: {outcomes[0].reason}")
        return self._result(plan, outcomes, notes)

    def _result(
        self, plan: Plan, outcomes: list[PromptOutcome], notes: list[str]
    ) -> CheckResult:
        counts = Counter(str(o.verdict) for o in outcomes)
        summary = ", ".join(f"{counts[str(v)]} {v}" for v in Verdict if counts[str(v)])
        findings = [breach_finding(plan, o) for o in outcomes if o.verdict is Verdict.BREACH]
        incomplete = incomplete_finding(plan, outcomes)
        return CheckResult(
            check=self.id,
            rows=self.rows,
            findings=tuple(findings + ([incomplete] if incomplete else [])),
            notes=(f"{len(outcomes)} attack prompts: {summary}", *notes),
            stats=MappingProxyType({"prompts": len(outcomes), **counts}),
            details=MappingProxyType({"outcomes": [o.as_dict() for o in outcomes]}),
        )


def make_plan(ctx: Context) -> tuple[Plan, list[str]]:
    """Load the attacks, check the request, and gather the clues the detectors need."""
    preview = ctx.config.preview
    spec = preview.chat
    assert spec is not None  # needs() said so
    if fill(spec.body if spec.body is not None else DEFAULT_BODY, "x") == spec.body:
        raise CheckError("preview.chat.json must hold {prompt} where the message goes")
    attacks = load_attack_set(spec.attacks, ctx.root)
    client = probe_client(ctx)
    request = RequestSpec.parse(spec.request)
    notes: list[str] = []
    if not spec.canary:
        notes.append("no preview.chat.canary: system-prompt leaks are judged by markers only")
    canary = CanaryMatcher(spec.canary) if spec.canary else None
    foreign = set(spec.foreign_ids) | foreign_object_ids(client, preview, notes)
    clues = Clues(
        canary=canary,
        tools=attacks.tools,
        foreign_ids=frozenset(foreign),
        own_hosts=frozenset(_hostname(u) for u in (preview.url, preview.http_url) if u),
        exfil_hosts=attacks.exfil_hosts,
        markers=attacks.markers,
    )
    return Plan(client, spec, request, attacks, clues), notes


def foreign_object_ids(client: ProbeClient, preview: PreviewConfig, notes: list[str]) -> set[str]:
    """Create one object as an account of another tenant, so its id can be watched for."""
    spec = preview.chat
    assert spec is not None
    other = spec.foreign_account or next((a for a in preview.accounts if a != spec.as_), None)
    if not preview.owned or other is None:
        notes.append("no object of another tenant known: set preview.owned or chat.foreign_ids")
        return set()
    step = preview.owned[0].create
    request = RequestSpec.parse(step.request)
    try:
        made = client.request(request.method, request.target, account=other, json=step.body)
        object_id = json_path(made.json(), step.id) if made.is_success else None
    except (ProbeError, ReplyError, ValueError) as exc:
        object_id = None
        log.debug("creating an object as %s failed: %s", other, exc)
    if not isinstance(object_id, str | int):
        notes.append(f"could not create an object as '{other}' to watch its id")
        return set()
    return {str(object_id)}


def send_attack(plan: Plan, attack: Attack) -> PromptOutcome:
    """Send one prompt, read the whole reply, and judge it."""
    spec, request = plan.spec, plan.request
    body = fill(spec.body if spec.body is not None else DEFAULT_BODY, attack.prompt)
    try:
        with plan.client.stream(
            request.method, request.target, account=spec.as_, json=body
        ) as response:
            reply = read_reply(response, spec.reply, spec.reply_timeout_s)
    except ProbeError as exc:
        spent = plan.client.sent >= plan.client.max_requests
        return PromptOutcome(attack, Verdict.NOT_SENT if spent else Verdict.ERROR, reason=str(exc))
    except ReplyError as exc:
        return PromptOutcome(attack, Verdict.ERROR, reason=str(exc))
    return judge(plan, attack, reply.status, reply.text)


def judge(plan: Plan, attack: Attack, status: int, text: str) -> PromptOutcome:
    """A reply's verdict: breached, held, blocked by the service, or not a usable answer."""
    if status in _NOT_A_VERDICT or status >= 500 or 300 <= status < 400:
        return PromptOutcome(attack, Verdict.ERROR, status=status, reason=f"HTTP {status}")
    if status >= 400:
        return PromptOutcome(attack, Verdict.BLOCKED, status=status)
    clues = dataclasses.replace(
        plan.clues,
        tools=plan.clues.tools | set(attack.tools),
        markers=(*plan.clues.markers, *attack.markers),
    )
    hits = tuple(find_breaches(text, attack.prompt, clues))
    if not hits:
        return PromptOutcome(attack, Verdict.HELD, status=status)
    return PromptOutcome(attack, Verdict.BREACH, hits, excerpt(text, hits[0], clues), status)


def excerpt(text: str, first: Hit, clues: Clues) -> str:
    """A short piece of the reply around the first breach, with the canary redacted."""
    redacted = clues.canary.redact(text) if clues.canary else text
    anchor = redacted.find(text[first.start : first.end])
    if anchor < 0:
        anchor = max(redacted.find(REDACTED), 0)
    start, end = max(0, anchor - EXCERPT_BEFORE), anchor + EXCERPT_AFTER
    piece = re.sub(r"\s+", " ", redacted[start:end]).strip()
    piece = ("…" if start else "") + piece + ("…" if end < len(redacted) else "")
    if clues.canary and clues.canary.spans(piece):
        return WITHHELD
    return piece


def breach_finding(plan: Plan, outcome: PromptOutcome) -> Finding:
    """The blocker for one prompt the chatbot gave in to."""
    attack, request = outcome.attack, plan.request
    found = sorted({hit.what for hit in outcome.hits})
    rule = f"prompt-injection.{attack.goal}"
    prompt = attack.prompt if len(attack.prompt) <= 160 else attack.prompt[:159] + "…"
    return Finding(
        check=InjectionCheck.id,
        row=Row.TOOL_CALL_SAFETY,
        rule=rule,
        severity=Severity.BLOCKER,
        title=f"Chat gave in to prompt injection '{attack.id}': {', '.join(found)}",
        location=Location(url=plan.client.url(request.target), method=request.method),
        evidence=f'prompt: "{prompt}" → reply: "{outcome.excerpt}"',
        remediation=REMEDIATION[attack.goal],
        fingerprint=make_fingerprint(rule, urlsplit(request.target).path, attack.id),
        details=MappingProxyType(outcome.as_dict() | {"reply_excerpt": outcome.excerpt}),
    )


def incomplete_finding(plan: Plan, outcomes: list[PromptOutcome]) -> Finding | None:
    """A warning when some prompts got no usable reply: the verdict covers only the rest."""
    missing = [o for o in outcomes if o.verdict in (Verdict.ERROR, Verdict.NOT_SENT)]
    if not missing:
        return None
    reasons = Counter(o.reason for o in missing).most_common(1)[0][0]
    request = plan.request
    return Finding(
        check=InjectionCheck.id,
        row=Row.TOOL_CALL_SAFETY,
        rule="prompt-injection.incomplete",
        severity=Severity.WARNING,
        title=f"{len(missing)} of {len(outcomes)} attack prompts got no usable reply",
        location=Location(url=plan.client.url(request.target), method=request.method),
        evidence=f"most common reason: {reasons}",
        remediation="Raise preview.max_requests or preview.chat.reply_timeout_s, or check the "
        "chat account's credentials and rate limit.",
    )


def fill(body: JsonBody, prompt: str) -> JsonBody:
    """The request body with ``{prompt}`` replaced in every string."""
    if isinstance(body, str):
        return body.replace(PLACEHOLDER, prompt)
    if isinstance(body, dict):
        return {key: fill(value, prompt) for key, value in body.items()}
    if isinstance(body, list):
        return [fill(value, prompt) for value in body]
    return body


def _hostname(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
