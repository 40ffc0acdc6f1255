"""SPF record syntax (RFC 7208): split a record into terms and say what is wrong with each."""

from __future__ import annotations

import enum
import ipaddress
import re
from dataclasses import dataclass

from launchgate.checks.email.common import is_hostname

MECHANISMS = frozenset({"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"})
LOOKUP_TERMS = frozenset({"include", "a", "mx", "ptr", "exists", "redirect"})
_MODIFIER = re.compile(r"^([A-Za-z][A-Za-z0-9_.\-]*)=(.*)$")
_MECHANISM = re.compile(r"^([+\-~?]?)([A-Za-z0-9]+)(.*)$")
_DUAL_CIDR = re.compile(r"^(?P<spec>.*?)(?:/(?P<v4>\d+))?(?://(?P<v6>\d+))?$")
_MACRO = re.compile(r"%(?:\{[slodiphcrtvSLODIPHCRTV]\d*[rR]?[.\-+,/_=]*\}|%|_|-)")


class Qualifier(enum.StrEnum):
    """What a matching mechanism means for the mail."""

    PASS = "+"
    FAIL = "-"
    SOFTFAIL = "~"
    NEUTRAL = "?"


@dataclass(frozen=True)
class Term:
    """One parsed term: a mechanism (with qualifier) or a modifier (``name=value``)."""

    text: str
    name: str
    value: str | None
    qualifier: Qualifier = Qualifier.PASS
    is_modifier: bool = False

    @property
    def has_macro(self) -> bool:
        return self.value is not None and "%" in self.value


@dataclass(frozen=True)
class ParsedRecord:
    """A record's terms that parse, and one message per term that does not."""

    terms: tuple[Term, ...]
    errors: tuple[tuple[str, str], ...]  # (term as written, what is wrong)

    def first(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.name == name), None)


def is_spf(record: str) -> bool:
    """Whether a TXT record is an SPF record (``v=spf1`` followed by a space or nothing)."""
    head = record.strip().lower()
    return head == "v=spf1" or head.startswith("v=spf1 ")


def parse_record(record: str) -> ParsedRecord:
    """Every term after ``v=spf1``, checked against the grammar."""
    terms: list[Term] = []
    errors: list[tuple[str, str]] = []
    for text in record.split()[1:]:
        term, problem = parse_term(text)
        if problem:
            errors.append((text, problem))
        elif term:
            terms.append(term)
    for name in ("redirect", "exp"):
        if sum(1 for t in terms if t.name == name) > 1:
            errors.append((name + "=", f"'{name}' appears more than once"))
    return ParsedRecord(tuple(terms), tuple(errors))


def parse_term(text: str) -> tuple[Term | None, str]:
    """One term, or the reason it does not parse."""
    modifier = _MODIFIER.match(text)
    if modifier and not text.lower().startswith(("ip4:", "ip6:", "include:", "exists:")):
        name, value = modifier.group(1).lower(), modifier.group(2)
        problem = _check_modifier(name, value)
        return Term(text, name, value, is_modifier=True), problem

    mechanism = _MECHANISM.match(text)
    if not mechanism or mechanism.group(2).lower() not in MECHANISMS:
        return None, "unknown mechanism"
    qualifier, name, rest = mechanism.groups()
    term = Term(text, name.lower(), rest[1:] if rest.startswith(":") else None,
                Qualifier(qualifier or "+"))
    return term, _check_mechanism(term.name, rest)


def _check_modifier(name: str, value: str) -> str:
    if name in {"redirect", "exp"}:
        return domain_spec_problem(value)
    if "%" in value and _MACRO.sub("", value).count("%"):
        return "bad macro in modifier value"
    return ""


def _check_mechanism(name: str, rest: str) -> str:
    """``rest`` is what follows the mechanism name: ``:arg``, ``/cidr`` or nothing."""
    if name == "all":
        return "'all' takes no argument" if rest else ""
    if name in {"include", "exists"}:
        return domain_spec_problem(rest[1:]) if rest.startswith(":") else "needs ':domain'"
    if name in {"ip4", "ip6"}:
        return _network_problem(name, rest[1:]) if rest.startswith(":") else "needs ':address'"
    if rest and not rest.startswith((":", "/")):
        return "unknown mechanism"
    if name == "ptr":
        return domain_spec_problem(rest[1:]) if rest.startswith(":") else ""
    return _dual_cidr_problem(rest)


def _dual_cidr_problem(rest: str) -> str:
    """``a`` and ``mx``: an optional ``:domain``, then ``/cidr4`` and ``//cidr6``."""
    match = _DUAL_CIDR.match(rest)
    if not match:
        return "bad CIDR length"
    spec, v4, v6 = match.group("spec"), match.group("v4"), match.group("v6")
    if (v4 and int(v4) > 32) or (v6 and int(v6) > 128):
        return "CIDR length out of range"
    if spec and not spec.startswith(":"):
        return "bad CIDR length"
    return domain_spec_problem(spec[1:]) if spec else ""


def _network_problem(name: str, value: str) -> str:
    address, _, prefix = value.partition("/")
    if prefix and not prefix.isdigit():
        return "bad CIDR length"
    try:
        if name == "ip4":
            ipaddress.IPv4Network(value, strict=False)
        else:
            ipaddress.IPv6Network(value, strict=False)
    except ValueError:
        return f"'{address}' is not a valid {'IPv4' if name == 'ip4' else 'IPv6'} network"
    return ""


def domain_spec_problem(spec: str) -> str:
    """Why a domain-spec is invalid: a macro string, or a host name with a top-level label."""
    if not spec:
        return "empty domain"
    literal = _MACRO.sub("", spec)
    if "%" in literal:
        return "bad macro"
    if literal != spec:
        return ""
    return "" if is_hostname(spec) else f"'{spec}' is not a valid domain name"
