"""The markdown scorecard, rendered from a jinja2 template."""

from __future__ import annotations

import re

import jinja2

from launchgate import __version__
from launchgate.core.findings import Severity
from launchgate.core.scorecard import Scorecard

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MENTION = re.compile(r"@(?=\w)")


def escape_markdown(text: object) -> str:
    """Neutralise markdown, HTML and @-mentions in text that came from the scanned repository."""
    flat = " ".join(str(text).split())
    return _MENTION.sub("@\u200b", _MD_SPECIAL.sub(r"\\\1", flat))


def escape_code(text: object) -> str:
    """Text for inside single backticks: one line, no backticks, no mentions that notify."""
    flat = " ".join(str(text).split()).replace("`", "'")
    return flat.replace("|", "\\|")


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("launchgate.report", "templates"),
    autoescape=False,  # markdown, not HTML: text is escaped by the md and code filters
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["md"] = escape_markdown
_ENV.filters["code"] = escape_code


def render_markdown(card: Scorecard) -> str:
    """The scorecard: the rows as a table, then blockers and warnings with where and how to fix."""
    template = _ENV.get_template("scorecard.md.j2")
    return template.render(
        card=card,
        blockers=[f for f in card.findings if f.severity is Severity.BLOCKER],
        warnings=[f for f in card.findings if f.severity is Severity.WARNING],
        attested=[f for f in card.findings if f.details.get("attested") is True],
        version=__version__,
    )
