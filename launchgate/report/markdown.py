"""The markdown scorecard from a jinja2 template; text from the scanned repository is escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import jinja2

from launchgate import __version__
from launchgate.core.findings import Severity
from launchgate.core.scorecard import Scorecard
from launchgate.report.text import FIELD_CHARS, flatten

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
_ZWSP = "\u200b"
# GitHub links these after markdown is parsed, so a backslash does not stop them: a zero-width
# space does. @-mentions and team mentions notify people; #123 and GH-123 cross-reference issues.
# An @ inside an email address (dmarc@example.com) mentions nobody and is left as it is.
_AUTOLINKS = (
    (re.compile(r"(?<![\w.+-])@(?=\w)"), "@" + _ZWSP),
    (re.compile(r"#(?=\d)"), "#" + _ZWSP),
    (re.compile(r"(?i)\bgh-(?=\d)"), "GH-" + _ZWSP),
    (re.compile(r"(?i)(?<=[a-z])://"), ":" + _ZWSP + "//"),
    (re.compile(r"(?i)\bwww\."), "www" + _ZWSP + "."),
)


@dataclass(frozen=True)
class Detail:
    """How much the scorecard holds; the PR comment sheds detail to fit GitHub's size limit."""

    warnings: bool = True
    ignored: bool = True
    blocker_details: bool = True
    note_chars: int | None = None
    max_blockers: int | None = None
    full_report_url: str | None = None


def escape_markdown(text: object, limit: int = FIELD_CHARS) -> str:
    """Neutralise markdown, HTML, mentions and issue links in text from the scanned repository."""
    escaped = _MD_SPECIAL.sub(r"\\\1", flatten(text, limit))
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def escape_code(text: object) -> str:
    """Text for inside single backticks: one line, no backticks (mentions do not work in code)."""
    return flatten(text).replace("`", "'").replace("|", "\\|")


def escape_url(url: object) -> str:
    """A URL that cannot leave the ``(...)`` of a markdown link."""
    return quote(flatten(url), safe=":/?&=%#@+,;~")


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("launchgate.report", "templates"),
    autoescape=False,  # markdown, not HTML: text is escaped by the md and code filters
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["md"] = escape_markdown
_ENV.filters["code"] = escape_code
_ENV.filters["url"] = escape_url


def render_markdown(card: Scorecard, detail: Detail | None = None) -> str:
    """The scorecard: the rows as a table, then blockers and warnings with where and how to fix."""
    detail = detail or Detail()
    blockers = [f for f in card.findings if f.severity is Severity.BLOCKER]
    shown = blockers if detail.max_blockers is None else blockers[: detail.max_blockers]
    template = _ENV.get_template("scorecard.md.j2")
    return template.render(
        card=card,
        detail=detail,
        blockers=shown,
        hidden_blockers=len(blockers) - len(shown),
        warnings=[f for f in card.findings if f.severity is Severity.WARNING],
        note_chars=detail.note_chars or FIELD_CHARS,
        attested=[f for f in card.findings if f.details.get("attested") is True],
        version=__version__,
    )
