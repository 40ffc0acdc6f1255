"""``launchgate scan --only email`` on a repository whose launchgate.yml points at the test DNS."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from launchgate.cli import main
from launchgate.demo.dns import silent_server

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"}


def make_repo(root: Path, email: dict[str, Any]) -> Path:
    """A git repository with a launchgate.yml holding ``email``."""
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "launchgate.yml").write_text(json.dumps({"email": email}), encoding="utf-8")
    return root


def scan(repo: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    out = repo / "report.json"
    argv = ["scan", str(repo), "--only", "email", "--format", "json", "--output", str(out), *extra]
    code = main(argv, env=ENV)
    return code, json.loads(out.read_text(encoding="utf-8"))


def email_row(report: dict[str, Any]) -> dict[str, Any]:
    (row,) = [r for r in report["rows"] if r["id"] == "email-authentication"]
    return row


def test_good_domain_passes(tmp_path: Path, nameserver: str) -> None:
    repo = make_repo(tmp_path / "repo", {
        "domain": "all-good.example", "dkim_selectors": ["s1"], "nameservers": [nameserver],
    })

    code, report = scan(repo)

    assert (code, report["verdict"], email_row(report)["status"]) == (0, "pass", "pass")
    assert "email.spf: SPF 2/10 DNS lookups, 0/2 void lookups" in email_row(report)["notes"]


@pytest.mark.parametrize(
    ("domain", "rule"),
    [
        ("spf-plusall.example", "spf-all-permissive"),
        ("dkim-weak.example", "dkim-weak-key"),
        ("dmarc-none.example", "dmarc-policy-none"),
    ],
)
def test_each_failing_zone_fails_the_gate(
    tmp_path: Path, nameserver: str, domain: str, rule: str
) -> None:
    repo = make_repo(tmp_path / "repo", {
        "domain": domain, "dkim_selectors": ["s1"], "nameservers": [nameserver],
    })

    code, report = scan(repo)

    assert (code, report["verdict"], email_row(report)["status"]) == (1, "fail", "fail")
    assert rule in {f["rule"] for f in report["findings"] if f["severity"] == "blocker"}


def test_warnings_only_pass_unless_fail_on_warning(tmp_path: Path, nameserver: str) -> None:
    repo = make_repo(tmp_path / "repo", {
        "domain": "dmarc-norua.example", "nameservers": [nameserver],
        "dkim_guess_selectors": ["s1"],
    })

    assert scan(repo)[0] == 0
    assert email_row(scan(repo)[1])["status"] == "warn"
    assert scan(repo, "--fail-on", "warning")[0] == 1


def test_dns_that_never_answers_is_an_error_row_not_a_verdict(tmp_path: Path) -> None:
    with silent_server() as address:
        repo = make_repo(tmp_path / "repo", {
            "domain": "all-good.example", "dkim_selectors": ["s1"], "nameservers": [address],
            "dns_timeout_s": 0.2, "dns_retries": 1,
        })
        code, report = scan(repo)

    row = email_row(report)
    assert (code, row["status"], row["blockers"]) == (0, "error", 0)
    assert "email.spf: error — DNS lookup of TXT all-good.example timed out (2 tries)" in (
        "; ".join(row["notes"])
    )


def test_no_domain_skips_the_row_with_the_reason(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {})

    code, report = scan(repo)

    assert (code, email_row(report)["status"]) == (0, "skip")
    assert "email.dmarc: skipped — no email.domain configured" in email_row(report)["notes"]


def test_bad_nameserver_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = make_repo(tmp_path / "repo", {"domain": "x.example", "nameservers": ["dns.example"]})

    assert main(["scan", str(repo), "--only", "email"], env=ENV) == 2
    err = capsys.readouterr().err
    assert "email.nameservers: 'dns.example' is not an IP address" in err
