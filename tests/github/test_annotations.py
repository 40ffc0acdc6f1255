"""Annotations: escaped so scanned text cannot forge workflow commands, and capped per step."""

from __future__ import annotations

from dataclasses import replace

import pytest

from launchgate.core.findings import Location
from launchgate.github.annotations import (
    PER_STEP_CAP,
    annotation,
    annotation_lines,
    escape_data,
    escape_property,
)
from tests.scorecards import card_of, leaked_key, reflected_origin


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\r\n::set-env x::1", "a%0D%0A::set-env x::1", "a%0D%0A%3A%3Aset-env x%3A%3A1"),
        ("x,line=1,file=evil", "x,line=1,file=evil", "x%2Cline=1%2Cfile=evil"),
        ("%0A", "%250A", "%250A"),
        ("plain/path.py", "plain/path.py", "plain/path.py"),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_a_hostile_file_name_and_title_stay_inside_one_annotation() -> None:
    hostile = replace(
        leaked_key(path="a,line=9::x\n::error::pwned.py", line=3),
        title="key\n::add-mask::nothing\r\n%",
        remediation="",
    )

    line = annotation("error", hostile)

    assert line == (
        "::error title=launchgate%3A Secret handling,file=a%2Cline=9%3A%3Ax%0A%3A%3Aerror%3A%3A"
        "pwned.py,line=3,col=5::key ::add-mask::nothing %25 (AWS Access Key AKIA…(20 chars))"
    )
    assert "\n" not in line and "\r" not in line


def test_a_probe_finding_has_no_file() -> None:
    assert annotation("warning", reflected_origin()) == (
        "::warning title=launchgate%3A CORS policy::Origin reflected without credentials at "
        "POST https://pr-7.preview.test/api/chat"
    )


def test_blockers_and_warnings_are_capped_then_one_notice_counts_the_rest() -> None:
    blockers = [replace(leaked_key(path=f"f{n}.py"), fingerprint="") for n in range(14)]
    warnings = [
        replace(reflected_origin(), location=Location(url=f"https://p.test/{n}"), fingerprint="")
        for n in range(12)
    ]

    lines = annotation_lines(card_of(*blockers, *warnings))

    assert [line.split(" ", 1)[0] for line in lines] == (
        ["::error"] * PER_STEP_CAP + ["::warning"] * PER_STEP_CAP + ["::notice"]
    )
    assert lines[0].startswith("::error title=launchgate%3A Secret handling,file=f0.py,")
    assert lines[-1] == "::notice title=launchgate::6 more findings are in the job summary"


def test_nothing_to_say_prints_nothing() -> None:
    assert annotation_lines(card_of()) == []
