"""A small GitHub REST client over httpx: GHES base URL, retries with backoff, a total time cap."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from launchgate import __version__
from launchgate.errors import LaunchgateError
from launchgate.report.text import flatten

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.github.com"
MAX_PAGES = 100


class GitHubError(LaunchgateError):
    """A GitHub API call failed; ``status`` is the HTTP status, 0 when no answer came."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts per call, the backoff base and a cap on the whole session."""

    attempts: int = 5
    backoff_s: float = 1.0
    total_s: float = 90.0
    timeout_s: float = 15.0


class GitHubClient:
    """Calls GitHub's REST API with one token; the token is sent in a header and never logged."""

    def __init__(self, token: str, api_url: str, policy: RetryPolicy | None = None) -> None:
        if urlsplit(api_url).scheme not in ("http", "https") or not urlsplit(api_url).netloc:
            raise GitHubError(f"the API address is not an http(s) URL: {flatten(api_url, 100)}")
        self._policy = policy or RetryPolicy()
        self._base = api_url.rstrip("/")
        self._deadline = time.monotonic() + self._policy.total_s
        self._http = httpx.Client(
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": f"launchgate/{__version__}",
            },
            timeout=self._policy.timeout_s,
            follow_redirects=False,
        )

    def __enter__(self) -> GitHubClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._http.close()

    def get(self, path: str) -> Any:
        """The JSON body of ``GET path``."""
        return _json(self._call("GET", self._base + path))

    def post(self, path: str, body: Mapping[str, Any]) -> Any:
        """The JSON body of ``POST path``; only refusals that did nothing are retried."""
        return _json(self._call("POST", self._base + path, body))

    def patch(self, path: str, body: Mapping[str, Any]) -> Any:
        """The JSON body of ``PATCH path`` (idempotent, so retried like a read)."""
        return _json(self._call("PATCH", self._base + path, body))

    def paginate(self, path: str) -> Iterator[dict[str, Any]]:
        """Every item of a list endpoint, following ``Link: rel="next"`` on the same host."""
        url: str | None = f"{self._base}{path}{'&' if '?' in path else '?'}per_page=100"
        for _ in range(MAX_PAGES):
            if url is None:
                return
            response = self._call("GET", url)
            items = _json(response)
            yield from (item for item in items if isinstance(item, dict))
            url = self._next_page(response)
        log.warning("stopped after %d pages of %s", MAX_PAGES, path)

    def _next_page(self, response: httpx.Response) -> str | None:
        url = response.links.get("next", {}).get("url")
        if url and _origin(url) != _origin(self._base):
            log.warning("ignoring a next-page link to another host")
            return None
        return url

    def _call(self, method: str, url: str, body: Mapping[str, Any] | None = None) -> httpx.Response:
        """One API call with retries; raises ``GitHubError`` with the status and GitHub's reason."""
        where = f"{method} {urlsplit(url).path}"
        for attempt in range(1, self._policy.attempts + 1):
            response = self._send(method, url, body, where)
            wait = self._retry_wait(response, attempt, safe=method != "POST")
            if wait is None:
                return _checked(response, where)
            if attempt == self._policy.attempts or time.monotonic() + wait > self._deadline:
                break
            log.info("%s: GitHub answered %s; retrying in %.1fs", where, _status(response), wait)
            time.sleep(wait)
        raise _error(response, where, "gave up after retries")

    def _send(
        self, method: str, url: str, body: Mapping[str, Any] | None, where: str
    ) -> httpx.Response | None:
        """The response, or ``None`` when the connection failed (treated like a 5xx)."""
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise GitHubError(f"{where}: out of time ({self._policy.total_s:.0f}s cap)")
        try:
            return self._http.request(
                method, url, json=body, timeout=min(self._policy.timeout_s, remaining)
            )
        except httpx.HTTPError as exc:
            log.info("%s: %s", where, type(exc).__name__)
            return None

    def _retry_wait(
        self, response: httpx.Response | None, attempt: int, safe: bool
    ) -> float | None:
        """Seconds to wait before trying again, or ``None`` when the answer is final."""
        backoff = self._policy.backoff_s * 2 ** (attempt - 1)
        if response is None or response.status_code >= 500:
            # A failed create may still have created: only reads and updates are repeated.
            return backoff if safe else None
        if not is_rate_limited(response):
            return None
        return _retry_after(response) if _retry_after(response) is not None else max(backoff, 60)


def is_rate_limited(response: httpx.Response) -> bool:
    """A 429, or a 403 that GitHub marks as a primary or secondary rate limit."""
    if response.status_code == 429:
        return True
    if response.status_code != 403:
        return False
    if "retry-after" in response.headers or response.headers.get("x-ratelimit-remaining") == "0":
        return True
    return "rate limit" in _reason(response).lower()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    if value.strip().isdigit():
        return float(value.strip())
    reset = response.headers.get("x-ratelimit-reset", "")
    if response.headers.get("x-ratelimit-remaining") == "0" and reset.isdigit():
        return max(0.0, float(reset) - time.time())
    return None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        where = f"{response.request.method} {response.request.url.path}"
        raise GitHubError(f"{where}: GitHub's answer is not JSON", response.status_code) from exc


def _checked(response: httpx.Response | None, where: str) -> httpx.Response:
    if response is None or response.status_code >= 400:
        raise _error(response, where, "")
    return response


def _error(response: httpx.Response | None, where: str, note: str) -> GitHubError:
    suffix = f" ({note})" if note else ""
    if response is None:
        return GitHubError(f"{where}: no answer from GitHub{suffix}")
    reason = _reason(response)
    text = f"{where}: GitHub answered {response.status_code}" + (f": {reason}" if reason else "")
    return GitHubError(text + suffix, response.status_code)


def _reason(response: httpx.Response) -> str:
    """GitHub's ``message`` field, one line and short (it is GitHub's text, never the token)."""
    try:
        data = response.json()
    except ValueError:
        return ""
    return flatten(data.get("message", ""), 200) if isinstance(data, dict) else ""


def _status(response: httpx.Response | None) -> str:
    return "no answer" if response is None else str(response.status_code)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc
