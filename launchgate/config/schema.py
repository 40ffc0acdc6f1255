"""The schema of ``launchgate.yml``: every key optional, unknown keys and wrong types rejected."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

JsonBody = dict[str, Any] | list[Any] | str | int | float | bool | None
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a bad port or IPv6 literal
        return False


def _http_url(value: str) -> str:
    """An http(s) URL with a host, as the probe needs it."""
    if not _is_http_url(value):
        raise ValueError(f"'{value}' is not an http:// or https:// URL with a host")
    return value


def _request_line(value: str) -> str:
    """``METHOD /path`` (or ``METHOD https://host/path``) with a known HTTP method."""
    parts = value.split(None, 1)
    target = parts[1].strip() if len(parts) == 2 else ""
    known = len(parts) == 2 and parts[0].upper() in HTTP_METHODS
    if not known or not (target.startswith("/") or _is_http_url(target)):
        raise ValueError(f"'{value}' must read 'METHOD /path', METHOD one of "
                         + ", ".join(HTTP_METHODS))
    return value


HttpUrl = Annotated[str, AfterValidator(_http_url)]
RequestLine = Annotated[str, AfterValidator(_request_line)]


class Strict(BaseModel):
    """Base of every section: frozen, strict types, no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class SecretsConfig(Strict):
    history: Literal["full", "pr", "skip"] = "full"
    bundles: list[str] = Field(default_factory=lambda: ["dist", "build", ".next/static"])
    exclude: list[str] = Field(default_factory=list)
    baseline: str | None = None
    max_file_bytes: int = Field(default=5_000_000, gt=0)


class RulesConfig(Strict):
    exclude: list[str] = Field(default_factory=list)
    extra: list[str] = Field(default_factory=list)
    only_new: bool = False


class Account(Strict):
    headers: dict[str, str] = Field(default_factory=dict)
    cookies: dict[str, str] = Field(default_factory=dict)


class CreateStep(Strict):
    as_: str = Field(alias="as")
    request: RequestLine
    body: JsonBody = Field(default=None, alias="json")
    id: str = "$.id"


class OwnedObject(Strict):
    create: CreateStep
    try_: list[RequestLine] = Field(alias="try", min_length=1)
    try_as: list[str] | None = None  # the other accounts to try; every other one by default


class RequestSpec(Strict):
    request: RequestLine
    as_: str | None = Field(default=None, alias="as")
    body: JsonBody = Field(default=None, alias="json")


class RateLimitSpec(RequestSpec):
    burst: int = Field(default=30, gt=0, le=500)


class ChatSpec(RequestSpec):
    reply: str = "$.reply"
    canary: str | None = None
    attacks: str | None = None
    reply_timeout_s: float = Field(default=30.0, gt=0)
    foreign_account: str | None = None
    foreign_ids: list[str] = Field(default_factory=list)


class LatencySpec(RequestSpec):
    count: int = Field(default=40, gt=0, le=1000)
    p95_ms: float = Field(default=500, gt=0)
    concurrency: int = Field(default=2, gt=0, le=16)


class ProbeThresholds(Strict):
    """The probe's bars, as data: change them here, not in the checks."""

    cert_blocker_days: int = Field(default=14, ge=0)
    cert_warning_days: int = Field(default=30, ge=0)
    hsts_min_age: int = Field(default=15_552_000, ge=0)
    session_cookie: str = r"(?i)(sess|sid|auth|token|jwt|login)"
    health_ms: float = Field(default=1000, gt=0)
    body_sizes: list[int] = Field(default_factory=lambda: [1_000_000, 10_000_000])
    hang_s: float = Field(default=5.0, gt=0)
    sensitive_paths: str = r"(?i)(chat|auth|login|sign-?in|sign-?up|register|token|password|otp)"
    max_redirects: int = Field(default=10, gt=0, le=50)
    max_assets: int = Field(default=20, ge=0, le=200)


class PreviewConfig(Strict):
    url: HttpUrl | None = None
    http_url: HttpUrl | None = None
    ca_bundle: str | None = None
    health: str | None = None
    accounts: dict[str, Account] = Field(default_factory=dict)
    protected: list[RequestLine] = Field(default_factory=list)
    owned: list[OwnedObject] = Field(default_factory=list)
    rate_limit: list[RateLimitSpec] = Field(default_factory=list)
    validate_: list[RequestSpec] = Field(default_factory=list, alias="validate")
    chat: ChatSpec | None = None
    latency: LatencySpec | None = None
    timeout_s: float = Field(default=10.0, gt=0)
    max_response_bytes: int = Field(default=8_000_000, gt=0)  # a longer body is cut here
    max_requests: int = Field(default=2000, gt=0)
    concurrency: int = Field(default=4, gt=0, le=64)
    thresholds: ProbeThresholds = Field(default_factory=ProbeThresholds)


COMMON_DKIM_SELECTORS = (
    "default", "google", "selector1", "selector2", "k1", "k2", "s1", "s2", "mail", "dkim",
)  # Google Workspace, Microsoft 365, Mailchimp/Mandrill, common self-hosted defaults
_NAMESERVER = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[0-9.]+|[0-9A-Fa-f:]+)(:\d{1,5})?$")


class EmailConfig(Strict):
    domain: str | None = None
    dkim_selectors: list[str] = Field(default_factory=list)
    dkim_guess_selectors: list[str] = Field(default_factory=lambda: list(COMMON_DKIM_SELECTORS))
    nameservers: list[str] = Field(default_factory=list)
    dns_timeout_s: float = Field(default=3.0, gt=0, le=60)
    dns_retries: int = Field(default=2, ge=0, le=10)
    min_rsa_bits: int = Field(default=1024, ge=512)
    recommended_rsa_bits: int = Field(default=2048, ge=512)
    spf_max_lookups: int = Field(default=10, ge=1)
    spf_max_void_lookups: int = Field(default=2, ge=0)
    spf_max_record_chars: int = Field(default=450, ge=64)

    @field_validator("nameservers")
    @classmethod
    def _nameservers_are_host_port(cls, value: list[str]) -> list[str]:
        for entry in value:
            if not _NAMESERVER.match(entry):
                raise ValueError(f"'{entry}' is not an IP address with an optional :port")
        return value


class RepoConfig(Strict):
    exclude: list[str] = Field(default_factory=list)
    monitor_max_interval_minutes: int = Field(default=5, gt=0)
    attest_max_age_days: int = Field(default=180, gt=0)


AttestItem = Literal[
    "uptime-monitor", "on-call-alerts", "deploy-pipeline", "rollback-plan", "email-dns-managed"
]


class Attestation(Strict):
    """What the team vouches for that no tool can see, by whom and when."""

    item: AttestItem
    owner: str = Field(min_length=1)
    date: dt.date = Field(strict=False)  # YAML gives a date; ${VAR} expansion gives a string
    note: str = ""


class IgnoreEntry(Strict):
    fingerprint: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class Config(Strict):
    """The whole validated configuration."""

    fail_on: Literal["blocker", "warning", "never"] = "blocker"
    secrets: SecretsConfig = Field(default_factory=SecretsConfig)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    preview: PreviewConfig = Field(default_factory=PreviewConfig)
    email: EmailConfig = Field(default_factory=EmailConfig)
    repo: RepoConfig = Field(default_factory=RepoConfig)
    attest: list[Attestation] = Field(default_factory=list)
    ignore: list[IgnoreEntry] = Field(default_factory=list)
