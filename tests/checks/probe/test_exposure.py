"""probe.exposure: dotfiles, maps and keys in served assets."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from launchgate.checks.probe.exposure import ExposureCheck
from launchgate.checks.probe.keys import find_keys
from launchgate.core.findings import Row, Severity, hash_secret
from tests.checks.probe.servers import chat_app, fake_key


def test_nothing_exposed_passes(https, probe):
    assert probe(ExposureCheck(), url=https(chat_app()).url).findings == ()


def test_served_dotenv_is_a_blocker_and_its_key_is_reported_hashed(https, probe):
    result = probe(ExposureCheck(), url=https(chat_app(frozenset({"dotenv"}))).url)
    by_rule = {f.rule: f for f in result.findings}
    assert sorted(by_rule) == ["exposed-environment-file", "served-secret"]
    assert by_rule["exposed-environment-file"].row is Row.SECRET_HANDLING
    secret = by_rule["served-secret"].secret
    assert secret is not None and secret.hashed_secret == hash_secret(fake_key())
    assert all(fake_key() not in f.evidence for f in result.findings)


def test_source_map_with_key_is_found(https, probe):
    app = https(chat_app(frozenset({"source-map"})))
    result = probe(ExposureCheck(), url=app.url)
    by_rule = {f.rule: f for f in result.findings}
    assert sorted(by_rule) == ["served-secret", "served-source-map"]
    key = by_rule["served-secret"]
    assert (key.severity, key.location.url) == (Severity.BLOCKER, f"{app.url}/static/app.js.map")
    assert (key.location.line, key.location.column) == (1, 14)


def test_key_patterns_catch_and_ignore():
    assert [k.type for k in find_keys(f"x = '{fake_key()}'")] == ["OpenAI API Key"]
    assert find_keys("const skip = 'sk-not-a-key'; // sk-short") == []


def test_script_cut_at_the_size_cap_is_noted(https, probe):
    page = HTMLResponse('<script src="/a.js"></script>')
    script = Response("x" * 5000, media_type="application/javascript")
    app = https(Starlette(routes=[Route("/", page), Route("/a.js", script)]))
    result = probe(ExposureCheck(), url=app.url, max_response_bytes=1000)
    assert f"{app.url}/a.js: only the first 1000 bytes scanned " \
           "(preview.max_response_bytes)" in result.notes
