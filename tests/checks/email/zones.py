"""The test zones: a good domain and one domain for each way SPF, DKIM or DMARC can be wrong."""

from __future__ import annotations

import base64
import functools

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from launchgate.demo.dns import Zones
from launchgate.demo.mail import rsa_key_record as demo_rsa_key_record

PROVIDER_SPF = "v=spf1 ip4:198.51.100.0/24 ~all"
GOOD_SPF = "v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example mx -all"
GOOD_DMARC = "v=DMARC1; p=reject; rua=mailto:dmarc@{domain}; adkim=s"
BIG_SPF = "v=spf1 " + " ".join(f"ip4:192.0.2.{i}" for i in range(40)) + " -all"

SPF_ZONES: dict[str, str | list[str]] = {
    "spf-good.example": GOOD_SPF,
    "spf-redirect.example": "v=spf1 redirect=_spf.provider.example",
    "spf-none.example": "google-site-verification=abc123",
    "spf-multiple.example": [
        "v=spf1 ip4:192.0.2.1 -all", "v=spf1 include:_spf.provider.example -all",
    ],
    "spf-syntax.example": "v=spf1 ip4:999.1.1.1 inclde:_spf.provider.example a:bad..name -all",
    "spf-lookups.example": "v=spf1 " + " ".join(f"include:n{i}.lookups.example" for i in range(6))
    + " -all",
    "spf-void.example": "v=spf1 a:gone1.example a:gone2.example mx:gone3.example -all",
    "spf-loop.example": "v=spf1 include:loop-b.example -all",
    "loop-b.example": "v=spf1 include:spf-loop.example ~all",
    "spf-incmissing.example": "v=spf1 include:nospf.example -all",
    "nospf.example": "hello world",
    "spf-ptr.example": "v=spf1 ptr -all",
    "spf-plusall.example": "v=spf1 ip4:192.0.2.1 +all",
    "spf-neutral.example": "v=spf1 ip4:192.0.2.1 ?all",
    "spf-noall.example": "v=spf1 ip4:192.0.2.1",
    "spf-big.example": BIG_SPF,
    "_spf.provider.example": PROVIDER_SPF,
}

DMARC_ZONES: dict[str, str | list[str]] = {
    "dmarc-good.example": GOOD_DMARC,
    "dmarc-none.example": "v=DMARC1; p=none; rua=mailto:dmarc@dmarc-none.example",
    "dmarc-missing.example": [],
    "dmarc-pct.example": "v=DMARC1; p=quarantine; pct=50; rua=mailto:d@dmarc-pct.example",
    "dmarc-spnone.example": "v=DMARC1; p=reject; sp=none; rua=mailto:d@dmarc-spnone.example",
    "dmarc-norua.example": "v=DMARC1; p=reject",
    "dmarc-external.example": "v=DMARC1; p=reject; rua=mailto:r@reports.vendor.example",
    "dmarc-external-ok.example": "v=DMARC1; p=reject; rua=mailto:r@reports.vendor.example",
    "dmarc-syntax.example": "v=DMARC1; p=block; rua=mailto:d@dmarc-syntax.example",
    "dmarc-badtag.example": "v=DMARC1; p=reject; rua=mailto:d@dmarc-badtag.example; pcx=5",
    "dmarc-multiple.example": ["v=DMARC1; p=reject", "v=DMARC1; p=none"],
    "dmarc-badrua.example": "v=DMARC1; p=reject; rua=mailto:d@bad..host",
}


@functools.cache
def rsa_key_record(bits: int) -> str:
    """A DKIM record holding an RSA public key of ``bits`` bits."""
    if bits >= 1024:
        return demo_rsa_key_record(bits)
    # too small for the library to generate: any odd modulus of that size
    key = rsa.RSAPublicNumbers(65537, (1 << (bits - 1)) | 0xABCDEF).public_key()
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()


def ed25519_key_record() -> str:
    raw = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    return "v=DKIM1; k=ed25519; p=" + base64.b64encode(raw).decode()


def dkim_zones() -> dict[str, str]:
    """``<selector>._domainkey.<domain>`` records, one domain per case."""
    return {
        "s1._domainkey.dkim-good.example": rsa_key_record(2048),
        "s1._domainkey.dkim-ed25519.example": ed25519_key_record(),
        "s1._domainkey.dkim-short.example": rsa_key_record(1024),
        "s1._domainkey.dkim-weak.example": rsa_key_record(768),
        "s1._domainkey.dkim-revoked.example": "v=DKIM1; k=rsa; p=",
        "s1._domainkey.dkim-nokey.example": "v=DKIM1; k=rsa",
        "s1._domainkey.dkim-garbage.example": "v=DKIM1; k=rsa; p=bm90IGEga2V5",
        "google._domainkey.dkim-guess.example": rsa_key_record(2048),
        "s1._domainkey.all-good.example": rsa_key_record(2048),
        "s1._domainkey.flaky.example": rsa_key_record(2048),
    }


def build_zones() -> Zones:
    """Every test zone, ready to serve."""
    zones = Zones()
    for name, records in SPF_ZONES.items():
        zones.txt(name, *([records] if isinstance(records, str) else records))
    for name, records in DMARC_ZONES.items():
        texts = [records] if isinstance(records, str) else records
        zones.txt(f"_dmarc.{name}", *(t.format(domain=name) for t in texts))
        zones.txt(name, GOOD_SPF)
    for name, record in dkim_zones().items():
        zones.txt(name, record)
    _add_hosts(zones)
    _add_special(zones)
    return zones


def _add_hosts(zones: Zones) -> None:
    zones.mx("spf-good.example", "mx1.spf-good.example")
    zones.a("mx1.spf-good.example", "192.0.2.10")
    for i in range(6):
        zones.txt(f"n{i}.lookups.example", "v=spf1 a mx ~all")
        zones.a(f"n{i}.lookups.example", f"198.51.100.{i}")
        zones.mx(f"n{i}.lookups.example", f"mx.n{i}.lookups.example")
    for name in ("dmarc-good.example", "reports.vendor.example", "all-good.example"):
        zones.mx(name, f"mx.{name}")
    zones.txt("dmarc-external-ok.example._report._dmarc.reports.vendor.example", "v=DMARC1")
    zones.a("subdomain-only.dmarc-good.example", "192.0.2.7")


def _add_special(zones: Zones) -> None:
    for name in ("all-good.example", "flaky.example"):
        zones.txt(name, GOOD_SPF)
        zones.mx(name, "mx1.spf-good.example")
        zones.txt(f"_dmarc.{name}", GOOD_DMARC.format(domain=name))
    zones.flaky["flaky.example"] = 2
    zones.servfail.add("servfail.example")
    zones.txt("spf-incservfail.example", "v=spf1 include:servfail.example -all")
    zones.txt("_dmarc.org-spnone.example",
              "v=DMARC1; p=reject; sp=none; rua=mailto:d@org-spnone.example")
    zones.a("mail.org-spnone.example", "192.0.2.8")
