"""A stand-in for the OpenAI client with the same call shape, so the demo runs offline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import SimpleNamespace


@dataclass
class _Completions:
    """Answers every request with one scripted tool call, as the real API would."""

    script: list[dict[str, str]] = field(default_factory=list)

    def create(self, **request):
        step = self.script.pop(0) if self.script else {"name": "search_docs", "query": "pricing"}
        name = step.pop("name")
        call = SimpleNamespace(
            id="call_1",
            function=SimpleNamespace(name=name, arguments=json.dumps(step)),
        )
        message = SimpleNamespace(content=None, tool_calls=[call])
        return SimpleNamespace(choices=[SimpleNamespace(message=message)])


class OpenAI:
    """Same constructor and ``chat.completions.create`` as the real client."""

    def __init__(self, api_key: str | None = None):
        self.api_key = api_key
        self.chat = SimpleNamespace(completions=_Completions())
