"""The sticky pull request comment: found by a hidden marker and its author, updated in place."""

from __future__ import annotations

import enum
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from launchgate.core.scorecard import Scorecard
from launchgate.github.api import GitHubClient, GitHubError
from launchgate.github.sizing import fit_markdown, utf16_units
from launchgate.report.markdown import Detail

log = logging.getLogger(__name__)

COMMENT_LIMIT = 65_536  # GitHub refuses a longer issue comment body
# The Actions token (and any GitHub App token) is an installation token; its comments are
# written by a bot account, and GET /user is closed to it, so that endpoint is never called.
INSTALLATION_TOKEN_PREFIX = "ghs_"


class CommentOutcome(enum.StrEnum):
    """What happened to the sticky comment."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Author:
    """Whose comments may be taken over: any bot (installation token) or one login."""

    login: str | None = None

    def wrote(self, comment: Mapping[str, Any]) -> bool:
        user = comment.get("user")
        if not isinstance(user, dict):
            return False
        if self.login is None:
            return user.get("type") == "Bot"
        return bool(user.get("login") == self.login)


def comment_key(parts: Sequence[str | None]) -> str:
    """Which gate a comment belongs to: ``default``, or a short hash of what sets it apart."""
    if not any(parts):
        return "default"
    joined = "\0".join(p or "" for p in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def marker(key: str) -> str:
    """The hidden first line that marks our comment for one configuration."""
    return f"<!-- launchgate:sticky-comment key={key} -->"


def comment_body(card: Scorecard, key: str, summary_url: str | None) -> str:
    """The marker and the scorecard, shed to fit GitHub's limit, linking the full job summary."""
    return fit_markdown(
        card,
        COMMENT_LIMIT,
        utf16_units,
        Detail(full_report_url=summary_url),
        wrap=lambda markdown: f"{marker(key)}\n{markdown}",
    )


def resolve_author(client: GitHubClient, token: str) -> Author:
    """Whose comment to look for: a bot for installation tokens, else the token's own user."""
    if token.startswith(INSTALLATION_TOKEN_PREFIX):
        return Author()
    user = client.get("/user")
    login = user.get("login") if isinstance(user, dict) else None
    if not isinstance(login, str):
        raise GitHubError("GET /user: no login in GitHub's answer")
    return Author(login)


def keep_comment(
    client: GitHubClient, repo: str, number: int, body: str, author: Author
) -> CommentOutcome:
    """Create the comment, update it in place, or leave it alone when nothing changed."""
    key_line = body.split("\n", 1)[0]
    existing = find_comment(client, repo, number, key_line, author)
    if existing is None:
        return create_comment(client, repo, number, body, author)
    if _normalised(str(existing.get("body", ""))) == _normalised(body):
        return CommentOutcome.UNCHANGED
    client.patch(f"/repos/{repo}/issues/comments/{existing['id']}", {"body": body})
    return CommentOutcome.UPDATED


def create_comment(
    client: GitHubClient, repo: str, number: int, body: str, author: Author
) -> CommentOutcome:
    """Create the comment; after a server error, look again before the one more try."""
    path = f"/repos/{repo}/issues/{number}/comments"
    try:
        client.post(path, {"body": body})
    except GitHubError as exc:
        if 0 < exc.status < 500:
            raise
        # The create may have gone through before the error: a blind retry could post twice.
        log.info("creating the comment failed (%s); looking before trying again", exc)
        if find_comment(client, repo, number, body.split("\n", 1)[0], author) is None:
            client.post(path, {"body": body})
    return CommentOutcome.CREATED


def find_comment(
    client: GitHubClient, repo: str, number: int, key_line: str, author: Author
) -> dict[str, Any] | None:
    """Our earliest comment on the pull request, looking through every page."""
    for comment in client.paginate(f"/repos/{repo}/issues/{number}/comments"):
        body = comment.get("body")
        if isinstance(body, str) and body.startswith(key_line) and author.wrote(comment):
            return comment
    return None


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").strip()
