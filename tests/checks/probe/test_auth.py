"""probe.auth: anonymous on protected routes, bob and anonymous on alice's objects."""

from __future__ import annotations

import pytest

from launchgate.checks.probe.auth import AuthCheck
from launchgate.checks.probe.client import ProbeError
from launchgate.core.findings import Severity
from tests.checks.probe.servers import chat_app

OWNED = [{"create": {"as": "alice", "request": "POST /api/chats", "json": {"title": "probe"}},
          "try": ["GET /api/chats/{id}", "PATCH /api/chats/{id}", "DELETE /api/chats/{id}"],
          "try_as": ["bob"]}]


def test_boundaries_hold_and_objects_are_cleaned_up(https, probe):
    app = https(chat_app())
    result = probe(AuthCheck(), url=app.url, protected=["GET /api/chats"], owned=OWNED)
    assert result.findings == ()
    assert "cleaned up 5 of 5 objects the probe created" in result.notes


def test_protected_route_open_to_anonymous_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"anon-chats"})))
    [finding] = probe(AuthCheck(), url=app.url, protected=["GET /api/chats"]).findings
    assert (finding.rule, finding.severity) == ("protected-open-to-anonymous", Severity.BLOCKER)
    assert finding.evidence.startswith(f"GET {app.url}/api/chats as anonymous")


def test_object_open_to_other_accounts_is_a_blocker(https, probe):
    app = https(chat_app(frozenset({"idor"})))
    result = probe(AuthCheck(), url=app.url, owned=OWNED)
    titles = sorted(f.title for f in result.findings)
    assert titles == [f"{m} on alice's object succeeds for {who}"
                      for m in ("DELETE", "GET", "PATCH") for who in ("anonymous", "bob")]
    assert all("Bearer" not in f.evidence for f in result.findings)


def test_create_that_fails_is_an_error(https, probe):
    app = https(chat_app())
    owned = [{**OWNED[0], "create": {**OWNED[0]["create"], "as": "nobody"}}]
    with pytest.raises(ProbeError, match="no account 'nobody'"):
        probe(AuthCheck(), url=app.url, owned=owned)
