"""Reply text from JSON, server-sent events and JSON lines; reply paths."""

from __future__ import annotations

import pytest

from launchgate.checks.probe.replies import ReplyError, join_events, json_path, reply_text

SSE_SHAPES = [
    ('data: {"delta": "he"}\n\ndata: {"delta": "llo"}\n\ndata: [DONE]\n\n', "hello"),
    ('data: {"choices": [{"delta": {"content": "he"}}]}\n\n'
     'data: {"choices": [{"delta": {"content": "llo"}}]}\n\ndata: [DONE]\n\n', "hello"),
    ("data: he\n\ndata: llo\n\n", "hello"),
    ('event: token\ndata: {"reply": "hello"}\n\ndata: [DONE]\n\ndata: "late"\n\n', "hello"),
]


@pytest.mark.parametrize(("body", "text"), SSE_SHAPES)
def test_events_are_joined_to_the_end(body: str, text: str) -> None:
    assert join_events(body, "$.reply") == text


def test_whole_replies_json_lines_and_plain_text() -> None:
    assert reply_text('{"data": {"reply": "hi"}}', "$.data.reply") == "hi"
    assert reply_text('{"text": "a"}\n{"text": "b"}\n', "$.text") == "ab"
    assert reply_text("just text, chunked", "$.reply") == "just text, chunked"
    with pytest.raises(ReplyError, match=r"no text at \$.reply"):
        reply_text('{"answer": "hi"}', "$.reply")


def test_json_paths() -> None:
    data = {"a": [{"b": "x"}], "c-d": 1}
    assert json_path(data, "$.a[0].b") == "x"
    assert json_path(data, '$["c-d"]') == 1
    assert json_path(data, "$.a[3]") is None
    with pytest.raises(ReplyError, match="must start with"):
        json_path(data, "a.b")
