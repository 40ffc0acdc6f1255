"""Probes of the running preview deployment, over one bounded, host-locked HTTP client."""
