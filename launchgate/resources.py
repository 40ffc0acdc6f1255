"""Where shipped data lives: the semgrep rules and the demo service, in a checkout or a wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _locate(folder: str, package: str) -> Path:
    in_checkout = _CHECKOUT / folder
    if in_checkout.is_dir():
        return in_checkout
    return Path(str(resources.files(package)))


def rules_dir() -> Path:
    """The built-in semgrep rules (``rules/``)."""
    return _locate("rules", "launchgate._rules")


def examples_dir() -> Path:
    """The demo chatbot service and demo repository contents (``examples/``)."""
    return _locate("examples", "launchgate._examples")


# What launchgate writes into a workspace; its own scans pass over these (they hold no values).
RESULTS_DIR = "launchgate-results"
OWN_OUTPUTS = (f"{RESULTS_DIR}/*", "launchgate-report.json")
