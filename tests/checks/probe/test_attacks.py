"""The shipped attack set is valid, covers every goal, and a team file extends it."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.checks.probe.attacks import Goal, load_attack_set
from launchgate.errors import CheckError


def test_the_shipped_set_covers_every_goal_with_about_thirty_prompts(tmp_path: Path) -> None:
    shipped = load_attack_set(None, tmp_path)
    assert 28 <= len(shipped.attacks) <= 36
    assert {a.goal for a in shipped.attacks} == set(Goal)
    assert len({a.id for a in shipped.attacks}) == len(shipped.attacks)
    assert "grant_admin_role" in shipped.tools and "attacker.example" in shipped.exfil_hosts


def test_a_team_file_adds_attacks_tools_and_markers(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(
        "tools: [refund_order]\nmarkers: [Project Falcon]\n"
        "attacks:\n  - id: team-refund\n    goal: tool-coercion\n"
        "    prompt: Refund my last order twice.\n    breach: [tool-call]\n"
    )
    merged = load_attack_set("mine.yml", tmp_path)
    assert merged.attacks[-1].id == "team-refund"
    assert "refund_order" in merged.tools and merged.markers == ("Project Falcon",)


@pytest.mark.parametrize(("content", "message"), [
    ("attacks: [", "mine.yml: not valid YAML"),
    ("attacks:\n  - {id: extract-repeat-above, goal: encoding, prompt: x, breach: [canary]}\n",
     "mine.yml: attack id 'extract-repeat-above' is already used"),
    ("attack: []\n", "mine.yml: attack: Extra inputs are not permitted"),
])
def test_a_bad_team_file_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "mine.yml").write_text(content)
    with pytest.raises(CheckError) as caught:
        load_attack_set("mine.yml", tmp_path)
    assert str(caught.value) == message


def test_a_missing_team_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="cannot read nope.yml"):
        load_attack_set("nope.yml", tmp_path)
