"""The DMARC check: one ``v=DMARC1`` policy that quarantines or rejects, with its reports."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from publicsuffixlist import PublicSuffixList

from launchgate.checks.email.common import (
    EmailCheck,
    FindingMaker,
    Tags,
    domain_of,
    is_hostname,
    parse_tags,
    publish_instead,
    published,
)
from launchgate.checks.email.resolver import DnsClient
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity

log = logging.getLogger(__name__)

POLICIES = ("none", "quarantine", "reject")
ALLOWED = {
    "p": POLICIES, "sp": POLICIES, "np": POLICIES, "adkim": ("r", "s"), "aspf": ("r", "s"),
    "rf": ("afrf",), "psd": ("y", "n", "u"), "t": ("y", "n"),
}
FREE_FORM = frozenset({"v", "rua", "ruf", "pct", "ri", "fo"})
ENFORCING = "quarantine"
NONE_ADVICE = ("Move to p=quarantine once the aggregate (rua) reports show all your "
               "legitimate mail passing SPF or DKIM, then to p=reject.")


@functools.cache
def _public_suffixes() -> PublicSuffixList:
    """The Public Suffix List bundled with the package: read from disk, never fetched."""
    return PublicSuffixList()


def organizational_domain(domain: str) -> str:
    """The registrable domain (``mail.example.co.uk`` -> ``example.co.uk``)."""
    return _public_suffixes().privatesuffix(domain) or domain


@dataclass(frozen=True)
class Policy:
    """The DMARC record that governs the domain, and where it was found."""

    name: str  # the _dmarc name the record was found at
    record: str
    tags: Tags
    inherited: bool  # found at the organizational domain, not the domain itself

    @property
    def policy_domain(self) -> str:
        return self.name.removeprefix("_dmarc.")


class DmarcCheck(EmailCheck):
    """DMARC for ``email.domain``."""

    id = "email.dmarc"

    def run(self, ctx: Context) -> CheckResult:
        domain = domain_of(ctx)
        client = DnsClient.from_config(ctx.config.email)
        found = find_policy(client, domain)
        if isinstance(found, Finding):
            return CheckResult(self.id, self.rows, findings=(found,))

        make = FindingMaker(self.id, found.name)
        problem = syntax_problem(found.tags)
        if problem:
            return CheckResult(self.id, self.rows, findings=(_syntax(make, found, problem),))
        findings = policy_findings(make, found, domain) + unknown_tag_findings(make, found)
        findings += report_findings(make, found, client)
        return CheckResult(self.id, self.rows, findings=tuple(findings), notes=(_notes(found),))


def find_policy(client: DnsClient, domain: str) -> Policy | Finding:
    """The record at ``_dmarc.<domain>``, else at the organizational domain (RFC 7489 6.6.3)."""
    make = FindingMaker(DmarcCheck.id, f"_dmarc.{domain}")
    names = [f"_dmarc.{domain}"]
    if (org := organizational_domain(domain)) != domain:
        names.append(f"_dmarc.{org}")
    for index, name in enumerate(names):
        txt = client.txt(name)
        records = [r for r in txt if is_dmarc(r)]
        if len(records) > 1:
            return _multiple(FindingMaker(DmarcCheck.id, name), records)
        if records:
            return Policy(name, records[0], parse_tags(records[0]), inherited=index > 0)
    return _missing(make, domain, names)


def is_dmarc(record: str) -> bool:
    """Whether a TXT record is a DMARC record (it starts with the ``v=DMARC1`` tag)."""
    head = record.strip().split(";", 1)[0].replace(" ", "")
    return head.lower() == "v=dmarc1"


def syntax_problem(tags: Tags) -> str:
    """Why a DMARC record is not valid, or ``""``."""
    if tags.malformed or tags.duplicated:
        return f"bad tag '{(tags.malformed or tags.duplicated)[0]}'"
    if tags.values.get("v") != "DMARC1":
        return "the v= tag must be exactly DMARC1"
    if "p" not in tags.values:
        return "no p= (policy) tag"
    for tag, value in tags.values.items():
        if tag in ALLOWED and value.lower() not in ALLOWED[tag]:
            return f"{tag}={value} is not one of {', '.join(ALLOWED[tag])}"
    pct = tags.values.get("pct", "100")
    if not pct.isdigit() or int(pct) > 100:
        return f"pct={pct} is not a whole number from 0 to 100"
    return _uri_problem(tags)


def _uri_problem(tags: Tags) -> str:
    for tag in ("rua", "ruf"):
        for uri in _uris(tags, tag):
            address = uri[len("mailto:"):].split("!")[0]
            host = address.rpartition("@")[2]
            if not uri.lower().startswith("mailto:") or address.count("@") != 1:
                return f"{tag} URI '{uri}' is not mailto:address@domain"
            if not is_hostname(host):
                return f"{tag} URI '{uri}': '{host}' is not a valid domain name"
    return ""


def _uris(tags: Tags, tag: str) -> list[str]:
    return [u.strip() for u in tags.values.get(tag, "").split(",") if u.strip()]


def recommended(policy: Policy) -> str:
    """The record with every derivable fix applied."""
    tags = policy.tags.values
    changes: dict[str, str | None] = {}
    if tags["p"].lower() == "none":
        changes["p"] = ENFORCING
    if tags.get("sp", "").lower() == "none":
        changes["sp"] = ENFORCING
    if tags.get("pct", "100") != "100":
        changes["pct"] = None
    if "rua" not in tags:
        changes["rua"] = f"mailto:dmarc-reports@{policy.policy_domain}"
    return policy.tags.render(changes)


def policy_findings(make: FindingMaker, policy: Policy, domain: str) -> list[Finding]:
    """The policy, its subdomain policy, pct and missing aggregate reports."""
    tags, fix = policy.tags.values, publish_instead(policy.name, recommended(policy))
    evidence = published(policy.name, [policy.record])
    if policy.inherited:
        evidence += f" (inherited by {domain}: no record at _dmarc.{domain})"
    effective = tags.get("sp", tags["p"]) if policy.inherited else tags["p"]
    findings: list[Finding] = []
    if effective.lower() == "none":
        findings.append(make("dmarc-policy-none", Severity.BLOCKER,
                             f"DMARC policy for {domain} is none: spoofed mail is delivered",
                             evidence, f"{NONE_ADVICE} {fix}"))
    if tags.get("sp", "").lower() == "none" and not policy.inherited:
        findings.append(make("dmarc-subdomain-none", Severity.WARNING,
                             "DMARC sp=none: mail from subdomains is not protected", evidence, fix))
    if tags.get("pct", "100") != "100":
        findings.append(make("dmarc-pct", Severity.WARNING,
                             f"DMARC applies to only {tags['pct']}% of failing mail",
                             evidence, fix))
    if "rua" not in tags:
        findings.append(make("dmarc-no-rua", Severity.WARNING,
                             "DMARC has no rua=: nobody receives aggregate reports", evidence, fix))
    return findings


def unknown_tag_findings(make: FindingMaker, policy: Policy) -> list[Finding]:
    """Receivers ignore tags they do not know, so a misspelt tag silently does nothing."""
    unknown = [t for t in policy.tags.order if t not in ALLOWED and t not in FREE_FORM]
    if not unknown:
        return []
    fixed = policy.tags.render({tag: None for tag in unknown})
    return [make("dmarc-unknown-tag", Severity.WARNING,
                 f"DMARC tag(s) {', '.join(unknown)} are unknown and ignored by receivers",
                 published(policy.name, [policy.record]), publish_instead(policy.name, fixed))]


def report_findings(make: FindingMaker, policy: Policy, client: DnsClient) -> list[Finding]:
    """External rua/ruf destinations must publish ``<domain>._report._dmarc.<dest>``."""
    own = organizational_domain(policy.policy_domain)
    findings: list[Finding] = []
    destinations = {
        uri.split("@", 1)[1].split("!")[0].lower().rstrip(".")
        for tag in ("rua", "ruf") for uri in _uris(policy.tags, tag)
    }
    for dest in sorted(destinations):
        if organizational_domain(dest) == own:
            continue
        name = f"{policy.policy_domain}._report._dmarc.{dest}"
        txt = client.txt(name)
        if not any(is_dmarc(r) for r in txt):
            findings.append(make(
                "dmarc-report-unauthorized", Severity.WARNING,
                f"Report destination {dest} has not authorized reports for "
                f"{policy.policy_domain}: receivers will not send them",
                published(name, txt), publish_instead(name, "v=DMARC1",
                                                      f"The owner of {dest} must act."),
                at=name))
    return findings


def _notes(policy: Policy) -> str:
    tags = policy.tags.values
    modes = {"r": "relaxed", "s": "strict"}
    where = f" (inherited from {policy.name})" if policy.inherited else ""
    return (f"DMARC p={tags['p']}{where}; alignment: DKIM "
            f"{modes[tags.get('adkim', 'r').lower()]}, SPF {modes[tags.get('aspf', 'r').lower()]}")


def _syntax(make: FindingMaker, policy: Policy, problem: str) -> Finding:
    return make("dmarc-syntax", Severity.BLOCKER, f"DMARC record is invalid: {problem}",
                published(policy.name, [policy.record]),
                publish_instead(policy.name, _default_record(policy.policy_domain)))


def _default_record(domain: str) -> str:
    return f"v=DMARC1; p={ENFORCING}; rua=mailto:dmarc-reports@{domain}"


def _missing(make: FindingMaker, domain: str, names: list[str]) -> Finding:
    return make("dmarc-missing", Severity.BLOCKER, f"{domain} publishes no DMARC record",
                "; ".join(published(n, []) for n in names),
                publish_instead(make.name, _default_record(domain)))


def _multiple(make: FindingMaker, records: list[str]) -> Finding:
    return make("dmarc-multiple", Severity.BLOCKER,
                f"{make.name} has {len(records)} DMARC records (receivers ignore them all)",
                published(make.name, records),
                publish_instead(make.name, records[0], "Delete all but one:"))
