"""The demo's sending domain: SPF, DKIM and DMARC zones, wrong when flawed, right when fixed."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from launchgate.demo.dns import Zones

DOMAIN = "acme-chat.example"
SELECTOR = "s1"


def rsa_key_record(bits: int) -> str:
    """A DKIM record holding a freshly made RSA public key of ``bits`` bits (1024 or more)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits).public_key()
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()


def demo_zones(fixed: bool) -> Zones:
    """Fixed: strict SPF, 2048-bit DKIM, DMARC reject. Flawed: ``?all``, 1024 bits, ``p=none``."""
    zones = Zones()
    zones.mx(DOMAIN, f"mx.{DOMAIN}")
    zones.a(f"mx.{DOMAIN}", "192.0.2.25")
    if fixed:
        zones.txt(DOMAIN, "v=spf1 ip4:192.0.2.0/24 mx -all")
        zones.txt(f"{SELECTOR}._domainkey.{DOMAIN}", rsa_key_record(2048))
        zones.txt(f"_dmarc.{DOMAIN}", f"v=DMARC1; p=reject; rua=mailto:dmarc@{DOMAIN}; adkim=s")
    else:
        zones.txt(DOMAIN, "v=spf1 ip4:192.0.2.0/24 ?all")
        zones.txt(f"{SELECTOR}._domainkey.{DOMAIN}", rsa_key_record(1024))
        zones.txt(f"_dmarc.{DOMAIN}", "v=DMARC1; p=none")
    return zones
