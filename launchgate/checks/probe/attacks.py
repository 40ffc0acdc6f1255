"""The prompt-injection attack set: the shipped YAML plus the team's own file, validated."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from launchgate.checks.probe.breach import Detector
from launchgate.errors import CheckError

BUILTIN = "attacks.yml"


class Goal(enum.StrEnum):
    """What an attack tries to make the chatbot do."""

    SYSTEM_PROMPT_EXTRACTION = "system-prompt-extraction"
    INSTRUCTION_OVERRIDE = "instruction-override"
    TOOL_COERCION = "tool-coercion"
    CROSS_TENANT = "cross-tenant"
    EXFILTRATION = "exfiltration"
    ENCODING = "encoding"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Attack(_Model):
    """One prompt, its goal, and what counts as its breach (besides what every reply meets)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    goal: Goal
    prompt: str = Field(min_length=1, max_length=8000)
    breach: list[Detector] = Field(min_length=1)
    markers: list[str] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list)


class AttackFile(_Model):
    """The shape of ``attacks.yml`` and of a team's file (``preview.chat.attacks``)."""

    version: int = 1
    tools: list[str] = Field(default_factory=list)
    exfil_hosts: list[str] = Field(default_factory=list)
    markers: list[str] = Field(default_factory=list)
    attacks: list[Attack] = Field(default_factory=list)


@dataclass(frozen=True)
class AttackSet:
    """Everything the probe sends and looks for."""

    attacks: tuple[Attack, ...]
    tools: frozenset[str]
    exfil_hosts: frozenset[str]
    markers: tuple[str, ...]


def load_attack_set(team_file: str | None, root: Path) -> AttackSet:
    """The shipped attacks, plus the team's file when the configuration names one."""
    shipped = resources.files("launchgate").joinpath("data", BUILTIN).read_text(encoding="utf-8")
    files = [_parse(shipped, BUILTIN)]
    if team_file:
        path = Path(team_file) if Path(team_file).is_absolute() else root / team_file
        files.append(_parse(_read(path, team_file), team_file))
    attacks = tuple(a for f in files for a in f.attacks)
    ids = [a.id for a in attacks]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise CheckError(f"{team_file}: attack id '{duplicate}' is already used")
    return AttackSet(
        attacks=attacks,
        tools=frozenset(t for f in files for t in f.tools),
        exfil_hosts=frozenset(h.lower() for f in files for h in f.exfil_hosts),
        markers=tuple(m for f in files for m in f.markers),
    )


def _read(path: Path, name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckError(f"preview.chat.attacks: cannot read {name} ({exc})") from None


def _parse(text: str, name: str) -> AttackFile:
    try:
        data: Any = yaml.safe_load(text)
        return AttackFile.model_validate(data if data is not None else {})
    except yaml.YAMLError:
        raise CheckError(f"{name}: not valid YAML") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        raise CheckError(f"{name}: {where}: {error['msg']}") from None
