"""The DKIM check: each selector's ``_domainkey`` record exists, parses and holds a strong key."""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from launchgate.checks.email.common import (
    EmailCheck,
    FindingMaker,
    Tags,
    domain_of,
    parse_tags,
    published,
)
from launchgate.checks.email.resolver import DnsClient
from launchgate.config.schema import EmailConfig
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity

log = logging.getLogger(__name__)

ED25519_KEY_BYTES = 32


@dataclass(frozen=True)
class Selector:
    """A selector to look up, and whether the user named it or we guessed it."""

    name: str
    guessed: bool

    def label(self) -> str:
        return f"{self.name} (guessed)" if self.guessed else self.name


class DkimCheck(EmailCheck):
    """DKIM keys of ``email.domain`` for the configured (or commonly used) selectors."""

    id = "email.dkim"

    def run(self, ctx: Context) -> CheckResult:
        domain, config = domain_of(ctx), ctx.config.email
        client = DnsClient.from_config(config)
        findings: list[Finding] = []
        found: list[str] = []
        for selector in selectors(config):
            name = f"{selector.name}._domainkey.{domain}"
            records = client.txt(name)
            if selector.guessed:  # a guess counts only if it looks like a key record
                records = [r for r in records if "p=" in r]
            if records or not selector.guessed:
                findings += check_selector(FindingMaker(self.id, name), selector, records, config)
                found += [selector.label()] if records else []

        if not found and not config.dkim_selectors:
            findings.append(_none_guessed(FindingMaker(self.id, domain), config))
        notes = (f"DKIM selectors with a key: {', '.join(found) or 'none'}",)
        return CheckResult(self.id, self.rows, findings=tuple(findings), notes=notes)


def selectors(config: EmailConfig) -> list[Selector]:
    """The configured selectors, or the common providers' ones marked as guessed."""
    if config.dkim_selectors:
        return [Selector(name, guessed=False) for name in config.dkim_selectors]
    return [Selector(name, guessed=True) for name in config.dkim_guess_selectors]


def check_selector(
    make: FindingMaker, selector: Selector, records: list[str], config: EmailConfig
) -> list[Finding]:
    """What is wrong with the record(s) published for one selector."""
    evidence = published(make.name, records)
    if not records:
        return [make("dkim-missing", Severity.BLOCKER,
                     f"DKIM selector {selector.label()} has no record", evidence,
                     f"Publish the public key your mail provider gives for selector "
                     f"'{selector.name}' at {make.name}, or fix email.dkim_selectors.")]
    if len(records) > 1:
        return [make("dkim-multiple", Severity.BLOCKER,
                     f"DKIM selector {selector.label()} has {len(records)} TXT records",
                     evidence, f"Keep exactly one DKIM key record at {make.name}.")]
    return _check_record(make, selector, parse_tags(records[0]), evidence, config)


def _check_record(
    make: FindingMaker, selector: Selector, tags: Tags, evidence: str, config: EmailConfig
) -> list[Finding]:
    label = selector.label()
    problem = _syntax_problem(tags)
    if problem:
        return [make("dkim-syntax", Severity.BLOCKER,
                     f"DKIM record for {label} does not parse: {problem}", evidence,
                     "Publish the record exactly as your provider gives it: "
                     "v=DKIM1; k=rsa; p=<base64 public key>")]
    if tags.values["p"] == "":
        severity = Severity.WARNING if selector.guessed else Severity.BLOCKER
        return [make("dkim-revoked", severity,
                     f"DKIM key for {label} is revoked (empty p=)", evidence,
                     "Sign with an active selector; list it in email.dkim_selectors.")]
    findings = _key_findings(make, label, tags, evidence, config)
    if "y" in tags.values.get("t", "").split(":"):
        findings.append(make("dkim-testing", Severity.WARNING,
                             f"DKIM key for {label} is in testing mode (t=y)", evidence,
                             "Publish " + tags.render({"t": None})))
    return findings


def _syntax_problem(tags: Tags) -> str:
    if tags.malformed:
        return f"malformed tag '{tags.malformed[0]}'"
    if tags.duplicated:
        return f"tag '{tags.duplicated[0]}' appears twice"
    if "v" in tags.values and (tags.order[0] != "v" or tags.values["v"] != "DKIM1"):
        return "v= must come first and be DKIM1"
    if "p" not in tags.values:
        return "no p= (public key) tag"
    if tags.values.get("k", "rsa").lower() not in {"rsa", "ed25519"}:
        return f"unknown key type k={tags.values['k']}"
    return ""


def _key_findings(
    make: FindingMaker, label: str, tags: Tags, evidence: str, config: EmailConfig
) -> list[Finding]:
    key_type = tags.values.get("k", "rsa").lower()
    bits, problem = key_size(key_type, tags.values["p"])
    if problem:
        return [make("dkim-bad-key", Severity.BLOCKER,
                     f"DKIM public key for {label} does not parse: {problem}", evidence,
                     "Republish the key exactly as your provider gives it.")]
    if key_type != "rsa":
        return []
    advice = (f"Generate a {config.recommended_rsa_bits}-bit key, publish it under a new "
              "selector, switch signing to it, then revoke this one (p=).")
    if bits < config.min_rsa_bits:
        return [make("dkim-weak-key", Severity.BLOCKER,
                     f"DKIM key for {label} is {bits}-bit RSA (minimum {config.min_rsa_bits})",
                     evidence, advice)]
    if bits < config.recommended_rsa_bits:
        return [make("dkim-short-key", Severity.WARNING,
                     f"DKIM key for {label} is {bits}-bit RSA (use "
                     f"{config.recommended_rsa_bits})", evidence, advice)]
    return []


def key_size(key_type: str, p_value: str) -> tuple[int, str]:
    """The key's size in bits, or why the ``p=`` value is not a key of that type."""
    try:
        der = base64.b64decode(p_value, validate=True)
    except (binascii.Error, ValueError):
        return 0, "p= is not base64"
    if key_type == "ed25519":
        ok = len(der) == ED25519_KEY_BYTES
        return (256, "") if ok else (0, f"Ed25519 key is {len(der)} bytes, not 32")
    try:
        key = load_der_public_key(der)
    except (ValueError, TypeError) as exc:
        log.debug("DKIM key does not load: %s", exc)
        return 0, "p= is not a DER public key"
    if not isinstance(key, rsa.RSAPublicKey):
        return 0, "k=rsa but p= holds another kind of key"
    return key.key_size, ""


def _none_guessed(make: FindingMaker, config: EmailConfig) -> Finding:
    tried = ", ".join(config.dkim_guess_selectors)
    return make("dkim-not-found", Severity.WARNING,
                "No DKIM key found at the common selectors (guessed)",
                f"TXT <selector>._domainkey.{make.name}: no record for {tried}",
                "Set email.dkim_selectors to the selector(s) your mail provider signs with.")
