"""probe.redirects: http_url → https on the same host first; no plain-HTTP scripts."""

from __future__ import annotations

import socket

import pytest

from launchgate.checks.probe.client import ProbeError
from launchgate.checks.probe.redirects import RedirectsCheck
from launchgate.core.findings import Severity
from tests.checks.probe.conftest import rules
from tests.checks.probe.servers import chat_app, redirect_app


def test_http_redirects_to_https_same_host(serve, https, probe):
    app = https(chat_app())
    http = serve(redirect_app(lambda: app.url))
    result = probe(RedirectsCheck(), url=app.url, http_url=http.url)
    assert result.findings == ()


def test_http_serving_the_app_is_a_blocker(serve, https, probe):
    app = https(chat_app())
    http = serve(chat_app())
    [finding] = probe(RedirectsCheck(), url=app.url, http_url=http.url).findings
    assert (finding.rule, finding.severity) == ("no-https-redirect", Severity.BLOCKER)
    assert finding.location.url == http.url


def test_redirect_to_another_host_first_is_a_blocker(serve, https, probe):
    app = https(chat_app())
    http = serve(redirect_app(lambda: "https://www.launchgate-canonical.example"))
    assert rules(probe(RedirectsCheck(), url=app.url, http_url=http.url)) == [
        "redirect-not-same-host-https"]


def test_redirect_loop_is_an_error(serve, https, probe):
    app = https(chat_app())
    http = serve(redirect_app(lambda: http_url))
    http_url = http.url
    with pytest.raises(ProbeError, match="redirect loop"):
        probe(RedirectsCheck(), url=app.url, http_url=http.url + "/")


def test_mixed_content_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"mixed-content"})))
    [finding] = probe(RedirectsCheck(), url=app.url).findings
    assert (finding.rule, finding.severity) == ("mixed-content", Severity.BLOCKER)
    assert "http://cdn.invalid/app.js" in finding.evidence


def test_target_down_is_an_error(serve, probe):
    served = serve(chat_app())
    url = served.url
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    with pytest.raises(ProbeError, match="cannot connect"):
        probe(RedirectsCheck(), url=url.replace(str(served.port), str(closed)))
