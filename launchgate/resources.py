"""Where shipped data lives: the semgrep rules and the demo service, in a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
# site-packages may hold an unrelated "rules" folder: only a source tree has pyproject.toml.
_IS_CHECKOUT = (_CHECKOUT / "pyproject.toml").is_file()


def _locate(folder: str, installed_as: str) -> Path:
    """``folder`` at the top of a checkout, else its copy inside the installed package."""
    return _CHECKOUT / folder if _IS_CHECKOUT else _PACKAGE / installed_as


def rules_dir() -> Path:
    """The built-in semgrep rules (``rules/``)."""
    return _locate("rules", "_rules")


def examples_dir() -> Path:
    """The demo chatbot service and demo repository contents (``examples/``)."""
    return _locate("examples", "_examples")


# What launchgate writes into a workspace; its own scans pass over these (they hold no values).
RESULTS_DIR = "launchgate-results"
OWN_OUTPUTS = (f"{RESULTS_DIR}/*", "launchgate-report.json")
