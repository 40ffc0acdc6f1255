"""The SPF check: one ``v=spf1`` record, valid terms, lookup limits, loops and the ``all`` term."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from launchgate.checks.email.common import (
    EmailCheck,
    FindingMaker,
    domain_of,
    publish_instead,
    published,
)
from launchgate.checks.email.resolver import DnsClient
from launchgate.checks.email.spf_syntax import (
    LOOKUP_TERMS,
    ParsedRecord,
    Qualifier,
    Term,
    is_spf,
    parse_record,
)
from launchgate.config.schema import EmailConfig
from launchgate.core.check import Context
from launchgate.core.findings import CheckResult, Finding, Severity

log = logging.getLogger(__name__)

HARD_STOP = 60  # lookups after which nested records are no longer followed
MAX_MX = 10  # RFC 7208 4.6.4: more MX hosts than this is a permanent error
STRICT_ALL = "-all"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one published record (the top one or one it pulls in)."""

    rule: str
    severity: Severity
    title: str
    name: str
    record: str
    advice: str = ""
    term: str = ""  # the term to drop from ``record`` to fix it, when that is the fix


@dataclass(frozen=True)
class Published:
    """The domain's own record, and the one record that fixes what can be fixed in it."""

    domain: str
    record: str
    parsed: ParsedRecord
    problems: tuple[Problem, ...]

    @property
    def fixed(self) -> str:
        broken = {text for text, _ in self.parsed.errors}
        broken |= {p.term for p in self.problems if p.term and p.name == self.domain}
        return fixed_record([self.record], broken)


@dataclass
class Walk:
    """What evaluating the record tree counted and found (mutable while walking)."""

    client: DnsClient
    config: EmailConfig
    lookups: int = 0
    voids: int = 0
    void_names: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def note_void(self, name: str) -> None:
        self.voids += 1
        self.void_names.append(name)


class SpfCheck(EmailCheck):
    """SPF for ``email.domain``."""

    id = "email.spf"

    def run(self, ctx: Context) -> CheckResult:
        domain, config = domain_of(ctx), ctx.config.email
        client = DnsClient.from_config(config)
        txt = client.txt(domain)
        records = [r for r in txt if is_spf(r)]
        make = FindingMaker(self.id, domain)
        if len(records) != 1:
            only = _missing(make, domain, txt) if not records else _multiple(make, domain, records)
            return CheckResult(self.id, self.rows, findings=(only,))

        walk = Walk(client, config)
        effective_all = visit(walk, domain, records[0], (domain,))
        top = Published(domain, records[0], parse_record(records[0]), tuple(walk.problems))
        findings = [_to_finding(make, p, top) for p in walk.problems]
        findings += _all_findings(make, top, effective_all)
        findings += _limit_findings(make, walk, domain, records[0])
        return CheckResult(
            self.id, self.rows, findings=tuple(findings), notes=(_counts(walk),),
            stats={"dns_lookups": walk.lookups, "void_lookups": walk.voids},
        )


def visit(walk: Walk, domain: str, record: str, chain: tuple[str, ...]) -> Qualifier | None:
    """Count and check one record and what it pulls in; returns its effective ``all``."""
    parsed = parse_record(record)
    for text, problem in parsed.errors:
        walk.problems.append(Problem(
            "spf-syntax", Severity.BLOCKER, f"SPF term '{text}' is invalid: {problem}",
            domain, record, "Correct the invalid terms, or drop them.", term=text))
    if len(record) > walk.config.spf_max_record_chars:
        walk.problems.append(Problem(
            "spf-record-size", Severity.WARNING,
            f"SPF record is {len(record)} characters (over {walk.config.spf_max_record_chars});"
            " the DNS answer may not fit a UDP packet", domain, record,
            "Move mechanisms into an include: record you control."))
    if parsed.first("ptr"):
        walk.problems.append(Problem(
            "spf-ptr", Severity.WARNING, "SPF uses 'ptr', which RFC 7208 says not to use",
            domain, record, "Replace 'ptr' with ip4:/ip6: or a: terms."))

    for term in parsed.terms:
        _visit_term(walk, domain, record, term, chain)
    return _effective_all(walk, domain, record, parsed, chain)


def _visit_term(walk: Walk, domain: str, record: str, term: Term, chain: tuple[str, ...]) -> None:
    if term.name not in LOOKUP_TERMS or term.name == "redirect":
        return
    walk.lookups += 1
    if term.has_macro or walk.lookups > HARD_STOP or term.name == "ptr":
        return  # macros depend on the sender; ptr on the connecting address
    target = (term.value or domain).split("/")[0].rstrip(".").lower()
    if term.name == "include":
        _follow(walk, domain, record, term, target, chain)
    elif term.name == "mx":
        _check_mx(walk, domain, record, target)
    elif not walk.client.addresses(target):
        walk.note_void(target)


def _check_mx(walk: Walk, domain: str, record: str, target: str) -> None:
    hosts = walk.client.mx(target)
    if not hosts:
        walk.note_void(target)
    elif len(hosts) > MAX_MX:
        walk.problems.append(Problem(
            "spf-mx-hosts", Severity.BLOCKER,
            f"'mx' for {target} has {len(hosts)} hosts (more than {MAX_MX}: a permanent error)",
            domain, record, "Use ip4:/ip6: or include: for this domain's senders."))


def _follow(
    walk: Walk, domain: str, record: str, term: Term, target: str, chain: tuple[str, ...]
) -> Qualifier | None:
    """Evaluate the record an include or redirect names."""
    if target in chain:
        walk.problems.append(Problem(
            "spf-include-loop", Severity.BLOCKER,
            f"SPF {term.name} loop: {' -> '.join((*chain, target))}", domain, record,
            term=term.text))
        return None
    txt = walk.client.txt(target)
    records = [r for r in txt if is_spf(r)]
    if len(records) != 1:
        if not txt:
            walk.note_void(target)
        what = "no SPF record" if not records else f"{len(records)} SPF records"
        walk.problems.append(Problem(
            "spf-target-missing", Severity.BLOCKER,
            f"SPF {term.name} target {target} has {what} (a permanent error)", domain, record,
            term=term.text,
            advice=f"Check the spelling of {target}; drop {term.text} if that sender is gone."))
        return None
    return visit(walk, target, records[0], (*chain, target))


def _effective_all(
    walk: Walk, domain: str, record: str, parsed: ParsedRecord, chain: tuple[str, ...]
) -> Qualifier | None:
    """The qualifier of ``all`` here, or of the record ``redirect`` names when there is none."""
    all_term = parsed.first("all")
    if all_term:
        return all_term.qualifier
    redirect = parsed.first("redirect")
    if redirect is None or not redirect.value:
        return None
    walk.lookups += 1
    if redirect.has_macro or walk.lookups > HARD_STOP:
        return None  # cannot be followed here; its target decides
    target = redirect.value.rstrip(".").lower()
    return _follow(walk, domain, record, redirect, target, chain)


def fixed_record(records: list[str], broken: set[str]) -> str:
    """The record to publish: one record, broken terms dropped, ending in ``-all``."""
    terms: list[str] = []
    for record in records:
        for text in record.split()[1:]:
            name = text.lstrip("+-~?").lower()
            if text in broken or name == "all" or name.startswith("ptr") or text in terms:
                continue
            terms.append(text)
    has_redirect = any(t.lower().startswith("redirect=") for t in terms)
    tail = [] if has_redirect and len(records) == 1 and not _has_all(records[0]) else [STRICT_ALL]
    terms = [t for t in terms if not t.lower().startswith("redirect=")] if tail else terms
    return " ".join(["v=spf1", *terms, *tail])


def _has_all(record: str) -> bool:
    return any(t.lstrip("+-~?").lower() == "all" for t in record.split()[1:])


def _to_finding(make: FindingMaker, p: Problem, top: Published) -> Finding:
    if p.name != top.domain:
        advice = p.advice or f"Ask the owner of {p.name} to fix it, or drop the include of it."
        return make(p.rule, p.severity, p.title, published(p.name, [p.record]), advice, at=p.name)
    evidence = published(top.domain, [top.record])
    authorizes_nobody = len(top.fixed.split()) <= 2  # "v=spf1 -all": no sender would pass
    if p.rule == "spf-record-size" or authorizes_nobody:
        return make(p.rule, p.severity, p.title, evidence, p.advice)
    return make(p.rule, p.severity, p.title, evidence,
                publish_instead(top.domain, top.fixed, p.advice))


def _all_findings(
    make: FindingMaker, top: Published, effective: Qualifier | None
) -> list[Finding]:
    if effective in {Qualifier.FAIL, Qualifier.SOFTFAIL}:
        return []
    if effective is None and top.parsed.first("redirect"):
        return []  # the redirect target decides; a broken target is its own finding
    if effective is None:
        title = "SPF record has no 'all' term and no redirect: anyone may send as this domain"
    else:
        title = f"SPF ends in '{effective}all': anyone may send as this domain"
    return [make("spf-all-permissive", Severity.BLOCKER, title,
                 published(top.domain, [top.record]), publish_instead(top.domain, top.fixed))]


def _limit_findings(make: FindingMaker, walk: Walk, domain: str, record: str) -> list[Finding]:
    findings: list[Finding] = []
    limit, void_limit = walk.config.spf_max_lookups, walk.config.spf_max_void_lookups
    if walk.lookups > limit:
        findings.append(make(
            "spf-too-many-lookups", Severity.BLOCKER,
            f"SPF needs {_count(walk.lookups)} DNS lookups (limit {limit}): receivers fail it",
            published(domain, [record]),
            "Replace include: terms of providers you no longer use, or list their ip4:/ip6:"
            " ranges directly, until the count is at most the limit."))
    if walk.voids > void_limit:
        names = ", ".join(walk.void_names)
        findings.append(make(
            "spf-void-lookups", Severity.BLOCKER,
            f"SPF makes {walk.voids} void DNS lookups (limit {void_limit}): {names}",
            published(domain, [record]), "Remove the terms that name these domains."))
    return findings


def _count(lookups: int) -> str:
    return f"more than {HARD_STOP}" if lookups > HARD_STOP else str(lookups)


def _counts(walk: Walk) -> str:
    return (f"SPF {_count(walk.lookups)}/{walk.config.spf_max_lookups} DNS lookups,"
            f" {walk.voids}/{walk.config.spf_max_void_lookups} void lookups")


def _missing(make: FindingMaker, domain: str, txt: list[str]) -> Finding:
    return make("spf-missing", Severity.BLOCKER, f"{domain} publishes no SPF record",
                published(domain, txt),
                publish_instead(domain, "v=spf1 mx -all",
                                "Add your mail provider's include: before -all."))


def _multiple(make: FindingMaker, domain: str, records: list[str]) -> Finding:
    return make("spf-multiple", Severity.BLOCKER,
                f"{domain} publishes {len(records)} SPF records (receivers fail SPF)",
                published(domain, records),
                publish_instead(domain, fixed_record(records, set()),
                                "Delete the SPF records and publish one."))
