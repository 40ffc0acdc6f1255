"""Email authentication checks: SPF, DKIM and DMARC, read from DNS."""
