"""Each AI-provider detector: strings it must flag and strings it must leave alone."""

from __future__ import annotations

import pytest

from launchgate.checks.secrets.engine import LineScanner
from tests.checks.secrets.conftest import ALNUM, fake

URLSAFE = ALNUM + "-_"
SCANNER = LineScanner()

MUST_FLAG = [
    ("openai-api-key", fake("sk-proj-", 74, URLSAFE) + "T3BlbkFJ" + fake("", 74, URLSAFE)),
    ("openai-api-key", fake("sk-svcacct-", 60, URLSAFE)),
    ("openai-api-key", fake("sk-", 20) + "T3BlbkFJ" + fake("", 20, seed=2)),
    ("openai-api-key", fake("sk-", 48)),
    ("anthropic-api-key", fake("sk-ant-api03-", 93, URLSAFE) + "AA"),
    ("google-api-key", fake("AIza", 35, URLSAFE)),
    ("huggingface-token", fake("hf_", 34)),
    ("groq-api-key", fake("gsk_", 52)),
    ("replicate-api-token", fake("r8_", 37)),
    ("pinecone-api-key", fake("pcsk_", 6) + "_" + fake("", 60)),
]

MUST_IGNORE = [
    'OPENAI_API_KEY = "sk-your-api-key-here"',
    "api_key = os.environ[\"OPENAI_API_KEY\"]",
    "model = 'sk-ant-placeholder'",
    "from huggingface_hub import hf_hub_download",
    "const key = process.env.GROQ_API_KEY;",
    "task-" + fake("", 48),
    'firebase = {"apiKey": "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}',
    "replicate r8_short",
]


@pytest.mark.parametrize(("rule", "value"), MUST_FLAG)
def test_flags(rule: str, value: str) -> None:
    hits = SCANNER.scan_line(f'KEY = "{value}"', "app/settings.py")
    assert [(h.rule, h.value, h.start) for h in hits] == [(rule, value, 7)]


@pytest.mark.parametrize("line", MUST_IGNORE)
def test_ignores(line: str) -> None:
    assert SCANNER.scan_line(line, "app/settings.py") == []
