"""Schema checks a user meets at load time: preview URLs and request lines, one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.cli import main

METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"


def scan_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str,
               *flags: str) -> str:
    """The one line a scan with ``config`` prints; it must exit 2."""
    (tmp_path / "launchgate.yml").write_text(config)
    assert main(["scan", str(tmp_path), "--only", "probe", *flags], env={}) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0].removeprefix(f"launchgate: error: {tmp_path / 'launchgate.yml'}: ")


@pytest.mark.parametrize(("config", "expected"), [
    ("preview: {url: 'ftp://x'}", "preview.url: 'ftp://x' is not an http:// or https:// URL"),
    ("preview: {url: 'https://'}", "preview.url: 'https://' is not an http:// or https:// URL"),
    ("preview: {url: 'https://a.test', http_url: 'a.test'}",
     "preview.http_url: 'a.test' is not an http:// or https:// URL"),
    ("preview: {url: 'https://a.test:99999'}", "preview.url: 'https://a.test:99999' is not an"),
])
def test_preview_urls_must_be_http_with_a_host(tmp_path, capsys, config, expected):
    assert scan_error(tmp_path, capsys, config + "\n").startswith(expected)


def test_preview_url_flag_is_checked_too(tmp_path, capsys):
    (tmp_path / "launchgate.yml").write_text("fail_on: blocker\n")
    assert main(["scan", str(tmp_path), "--preview-url", "notaurl"], env={}) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"launchgate: error: {tmp_path / 'launchgate.yml'}: preview.url: "
        "'notaurl' is not an http:// or https:// URL with a host"]


@pytest.mark.parametrize(("section", "key"), [
    ("protected: ['FETCH /api']", "preview.protected.0"),
    ("owned: [{create: {as: alice, request: 'FETCH /api'}, try: ['GET /a/{id}']}]",
     "preview.owned.0.create.request"),
    ("owned: [{create: {as: alice, request: 'POST /a'}, try: ['GET /a', 'FETCH /api']}]",
     "preview.owned.0.try.1"),
    ("rate_limit: [{request: 'FETCH /api'}]", "preview.rate_limit.0.request"),
    ("validate: [{request: 'FETCH /api'}]", "preview.validate.0.request"),
    ("chat: {request: 'FETCH /api'}", "preview.chat.request"),
    ("latency: {request: 'FETCH /api'}", "preview.latency.request"),
])
def test_request_lines_need_a_known_method(tmp_path, capsys, section, key):
    config = f"preview:\n  url: https://a.test\n  {section}\n"
    assert scan_error(tmp_path, capsys, config) == (
        f"{key}: 'FETCH /api' must read 'METHOD /path', METHOD one of {METHODS}")


@pytest.mark.parametrize("line", ["GET", "GET api/chats", "GET ftp://a.test/x"])
def test_request_lines_need_a_path_or_url(tmp_path, capsys, line):
    config = f"preview: {{url: 'https://a.test', protected: ['{line}']}}\n"
    assert scan_error(tmp_path, capsys, config).startswith(
        f"preview.protected.0: '{line}' must read 'METHOD /path'")


def test_good_urls_and_request_lines_load(tmp_path):
    (tmp_path / "launchgate.yml").write_text(
        "preview:\n  url: https://a.test:8443/app\n  http_url: http://a.test\n"
        "  protected: ['get /api/chats', 'DELETE https://a.test/api/x']\n")
    assert main(["scan", str(tmp_path), "--only", "email", "--format", "json",
                 "--output", str(tmp_path / "out.json")], env={}) == 0
