"""SARIF 2.1.0: the fields the format and code scanning require, stable ids, nothing secret."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import jsonschema

from launchgate.report.sarif import FINGERPRINT_KEY, render_sarif
from tests.scorecards import RAW_SECRET, card_of, leaked_key, reflected_origin

_TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_POSITIVE = {"type": "integer", "minimum": 1}
# The parts of the SARIF 2.1.0 schema a producer must get right, plus code scanning's own
# demands: every result has a location with a file and a line.
REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string", "pattern": "sarif-schema-2\\.1\\.0\\.json$"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
                                },
                            }
                        },
                    },
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
    "$defs": {
        "rule": {
            "type": "object",
            "required": ["id", "shortDescription", "defaultConfiguration"],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "shortDescription": _TEXT,
                "fullDescription": _TEXT,
                "help": _TEXT,
                "defaultConfiguration": {
                    "type": "object",
                    "properties": {"level": _LEVEL},
                },
                "properties": {
                    "type": "object",
                    "properties": {
                        "security-severity": {"type": "string", "pattern": "^[0-9]+\\.[0-9]$"}
                    },
                },
            },
        },
        "result": {
            "type": "object",
            "required": ["ruleId", "ruleIndex", "message", "locations", "partialFingerprints"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": 0},
                "level": _LEVEL,
                "message": _TEXT,
                "partialFingerprints": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                },
                "locations": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/loc"}},
            },
        },
        "loc": {
            "type": "object",
            "required": ["physicalLocation"],
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "required": ["artifactLocation", "region"],
                    "properties": {
                        "artifactLocation": {
                            "type": "object",
                            "required": ["uri"],
                            # code scanning accepts paths in the repository, not URLs
                            "properties": {"uri": {"type": "string", "pattern": "^[^:]+$"}},
                        },
                        "region": {
                            "type": "object",
                            "required": ["startLine"],
                            "properties": {"startLine": _POSITIVE, "startColumn": _POSITIVE},
                        },
                    },
                }
            },
        },
    },
}


def sarif_of(*findings: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_sarif(card_of(*findings)))
    return document


def test_the_document_has_every_required_field() -> None:
    document = sarif_of(leaked_key(), reflected_origin())

    jsonschema.validate(document, REQUIRED)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_the_schema_check_catches_a_broken_document() -> None:
    document = sarif_of(leaked_key())
    del document["runs"][0]["results"][0]["locations"]

    try:
        jsonschema.validate(document, REQUIRED)
    except jsonschema.ValidationError as exc:
        assert "'locations' is a required property" in exc.message
    else:
        raise AssertionError("a result without a location passed")


def test_rule_ids_and_fingerprints_survive_line_shifts() -> None:
    before = sarif_of(leaked_key(line=12))["runs"][0]["results"][0]
    after = sarif_of(leaked_key(line=40))["runs"][0]["results"][0]

    assert before["ruleId"] == after["ruleId"] == "secret-handling/aws-access-key"
    assert before["partialFingerprints"] == after["partialFingerprints"]
    assert before["partialFingerprints"][FINGERPRINT_KEY] == leaked_key().fingerprint
    assert (before["level"], after["locations"][0]["physicalLocation"]["region"]) == (
        "error",
        {"startLine": 40, "startColumn": 5},
    )


def test_a_probe_finding_points_at_the_configuration_and_keeps_its_url() -> None:
    result = sarif_of(reflected_origin())["runs"][0]["results"][0]

    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "launchgate.yml",
        "uriBaseId": "%SRCROOT%",
    }
    assert result["properties"]["url"] == "https://pr-7.preview.test/api/chat"
    assert result["level"] == "warning"


def test_paths_become_uris_and_one_rule_serves_many_results() -> None:
    findings = [replace(leaked_key(path=p), fingerprint="") for p in ("./a b/c#.py", "d.py")]

    run = sarif_of(*findings)["runs"][0]

    assert len(run["tool"]["driver"]["rules"]) == 1
    places = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = [place["artifactLocation"]["uri"] for place in places]
    assert uris == ["a%20b/c%23.py", "d.py"]


def test_the_secret_appears_only_redacted_and_hashed() -> None:
    text = render_sarif(card_of(leaked_key()))

    assert RAW_SECRET not in text
    props = json.loads(text)["runs"][0]["results"][0]["properties"]
    assert props["redacted"] == "AKIA…(20 chars)"
    assert len(props["hashedSecret"]) == 40


def test_a_clean_scorecard_is_an_empty_run() -> None:
    run = sarif_of()["runs"][0]

    assert (run["results"], run["tool"]["driver"]["rules"]) == ([], [])
