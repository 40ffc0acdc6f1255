"""Find the planted canary in a reply, whole or in a recognizable part, and redact it.

A part is any run of at least half the canary (never fewer than 8 letters and digits), compared
without case and without separators, forwards or backwards; tokens that decode (URL encoding,
base64, hex) to such a run count too. Detection and redaction use the same spans, so what is
detected is what is hidden.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

MIN_PART = 8
REDACTED = "[canary]"
_TOKEN = re.compile(r"[A-Za-z0-9+/_%-]{12,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}){8,}")


@dataclass(frozen=True)
class CanarySpan:
    """Where the canary shows in a reply, and in what form (``whole``, ``part``, ``base64``…)."""

    start: int
    end: int
    form: str


def normalize(text: str) -> tuple[str, list[int]]:
    """Letters and digits of ``text``, case-folded, with each one's index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isalnum():
            folded = char.casefold()
            chars.append(folded)
            where.extend([index] * len(folded))
    return "".join(chars), where


class CanaryMatcher:
    """Finds one canary's whole, partial, reversed and encoded forms in text."""

    def __init__(self, canary: str) -> None:
        self.needle = normalize(canary)[0]
        if not self.needle:
            raise ValueError("the canary has no letters or digits")
        size = len(self.needle)
        self.part = size if size <= MIN_PART else max(MIN_PART, -(-size // 2))
        forwards = {self.needle[i : i + self.part] for i in range(size - self.part + 1)}
        self.windows = forwards | {w[::-1] for w in forwards}

    def spans(self, text: str) -> list[CanarySpan]:
        """Every place the canary shows, plain spans first, then encoded tokens."""
        return self._plain_spans(text) + self._encoded_spans(text)

    def redact(self, text: str) -> str:
        """``text`` with every span replaced by ``[canary]``."""
        for span in sorted(_merge(self.spans(text)), key=lambda s: s.start, reverse=True):
            text = text[: span.start] + REDACTED + text[span.end :]
        return text

    def _in(self, text: str) -> bool:
        plain = normalize(text)[0]
        return any(window in plain for window in self.windows)

    def _plain_spans(self, text: str) -> list[CanarySpan]:
        plain, where = normalize(text)
        covered = bytearray(len(plain))
        for window in self.windows:
            at = plain.find(window)
            while at >= 0:
                covered[at : at + len(window)] = b"\1" * len(window)
                at = plain.find(window, at + 1)
        return [self._span(plain, where, a, b) for a, b in _runs(covered)]

    def _span(self, plain: str, where: list[int], a: int, b: int) -> CanarySpan:
        found = plain[a:b]
        form = "part"
        if self.needle in found:
            form = "whole"
        elif self.needle[::-1] in found:
            form = "reversed"
        return CanarySpan(where[a], where[b - 1] + 1, form)

    def _encoded_spans(self, text: str) -> list[CanarySpan]:
        spans = []
        for token in _TOKEN.finditer(text):
            for form, decoded in decodings(token.group()):
                if self._in(decoded):
                    spans.append(CanarySpan(token.start(), token.end(), form))
                    break
        return spans


def decodings(token: str) -> Iterator[tuple[str, str]]:
    """The texts a token may stand for: URL-decoded, base64-decoded (any offset), hex-decoded."""
    unquoted = unquote(token)
    if unquoted != token:
        yield "url-encoded", unquoted
    if _HEX.fullmatch(unquoted):
        yield "hex", bytes.fromhex(unquoted).decode("utf-8", "ignore")
    for offset in range(4):
        body = unquoted[offset:].rstrip("=")
        padded = body + "=" * (-len(body) % 4)
        for alphabet in (None, b"-_"):
            try:
                raw = base64.b64decode(padded, altchars=alphabet)
            except (binascii.Error, ValueError):
                continue
            yield "base64", raw.decode("utf-8", "ignore")


def _runs(covered: bytearray) -> Iterator[tuple[int, int]]:
    start = None
    for index, flag in enumerate([*covered, 0]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            yield start, index
            start = None


def _merge(spans: list[CanarySpan]) -> list[CanarySpan]:
    merged: list[CanarySpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            last = merged.pop()
            span = CanarySpan(last.start, max(last.end, span.end), last.form)
        merged.append(span)
    return merged
