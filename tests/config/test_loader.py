"""launchgate.yml: defaults, overrides, ${NAME} expansion and one-line errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.config import load_config
from launchgate.errors import ConfigError


def write(root: Path, text: str) -> Path:
    path = root / "launchgate.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config, source = load_config(None, tmp_path, env={})
    assert source == "defaults"
    assert config.fail_on == "blocker"
    assert config.secrets.history == "full"
    assert config.secrets.bundles == ["dist", "build", ".next/static"]


def test_full_example_from_design_loads(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
fail_on: warning
secrets: {history: pr, bundles: [dist], exclude: ["tests/fixtures/**"]}
rules: {exclude: ["vendor/**"], only_new: true}
preview:
  url: https://pr-42.preview.example.com
  accounts:
    alice: {headers: {Authorization: "Bearer ${TOKEN_A}"}}
  protected: ["GET /api/chats"]
  owned:
    - create: {as: alice, request: "POST /api/chats", json: {title: probe}, id: "$.id"}
      try: ["GET /api/chats/{id}"]
  rate_limit: [{request: "POST /api/chat", as: alice, json: {message: hi}, burst: 30}]
  validate: [{request: "POST /api/chat", as: alice, json: {message: hi}}]
  chat: {request: "POST /api/chat", as: alice, json: {message: "{prompt}"}, reply: "$.reply"}
  latency: {request: "POST /api/chat", as: alice, json: {message: hi}, count: 40, p95_ms: 500}
email: {domain: example.com, dkim_selectors: [s1], nameservers: ["127.0.0.1:5353"]}
ignore: [{fingerprint: abc, reason: rotated}]
""",
    )
    config, _ = load_config(None, tmp_path, env={"TOKEN_A": "t0ken"})
    assert config.preview.accounts["alice"].headers["Authorization"] == "Bearer t0ken"
    assert config.preview.owned[0].create.as_ == "alice"
    assert config.preview.owned[0].try_ == ["GET /api/chats/{id}"]
    assert config.preview.latency is not None and config.preview.latency.p95_ms == 500
    assert config.ignore[0].reason == "rotated"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("secrets: {histroy: full}\n", "launchgate.yml: secrets.histroy: unknown key"),
        ("fail_on: sometimes\n", "launchgate.yml: fail_on: input should be 'blocker'"),
        ("preview: {max_requests: lots}\n", "preview.max_requests: input should be a valid int"),
        (
            "secrets: {bundles: dist}\n",
            "launchgate.yml: secrets.bundles: input should be a valid list",
        ),
        (
            "preview: {owned: [{create: {as: a, request: POST /x}}]}\n",
            "preview.owned.0.try: field required",
        ),
        ("- just\n- a list\n", "launchgate.yml: the top level must be a mapping"),
        ("a: [unclosed\n", "launchgate.yml: not valid YAML (line 2)"),
    ],
)
def test_bad_file_is_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(None, tmp_path, env={})
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_variable_names_it_and_where(tmp_path: Path) -> None:
    write(tmp_path, 'preview: {accounts: {bob: {headers: {Authorization: "Bearer ${TOK_BOB}"}}}}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(None, tmp_path, env={})
    assert str(caught.value).endswith(
        "preview.accounts.bob.headers.Authorization: environment variable TOK_BOB is not set"
    )


def test_overrides_win_over_the_file(tmp_path: Path) -> None:
    write(tmp_path, "fail_on: warning\npreview: {url: https://a.example}\n")
    overrides = {"fail_on": "never", "preview.url": "https://b.example"}
    config, _ = load_config(None, tmp_path, overrides, env={})
    assert (config.fail_on, config.preview.url) == ("never", "https://b.example")


def test_named_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "nope.yml", tmp_path, env={})
