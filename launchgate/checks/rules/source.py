"""What launchgate reads from a matched file itself: the snippet and the stable fingerprint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from launchgate.core.findings import make_fingerprint, redact

SNIPPET_CHARS = 160
# Long key-like runs (letters and digits mixed) are redacted before a snippet is shown.
_KEYLIKE = re.compile(r"(?=[A-Za-z0-9_\-+/=]*\d)(?=[A-Za-z0-9_\-+/=]*[A-Za-z])[A-Za-z0-9_\-+/=]{20,}")


@dataclass(frozen=True)
class SourceFile:
    """One scanned file's bytes and lines, read once per run."""

    data: bytes
    lines: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> SourceFile:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        return cls(data, tuple(data.decode("utf-8", "replace").splitlines()))

    def text(self, start: int, end: int) -> str:
        """The matched text between two byte offsets."""
        return self.data[start:end].decode("utf-8", "replace")

    def snippet(self, line: int, end_line: int | None = None) -> str:
        """The matched lines (up to three) on one line, trimmed, key-like strings redacted."""
        last = min(end_line or line, line + 2, len(self.lines))
        text = " ".join(self.lines[n - 1].strip() for n in range(max(line, 1), last + 1))
        text = _KEYLIKE.sub(lambda m: redact(m.group(0)), text)
        return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def fingerprint(rule: str, path: str, matched: str) -> str:
    """Rule, path and a hash of the whitespace-normalised match: survives line shifts."""
    normalised = " ".join(matched.split())
    digest = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
    return make_fingerprint(rule, path, digest)
