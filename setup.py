"""Packaging: ship rules/ and examples/ inside the wheel as launchgate._rules and ._examples."""

from __future__ import annotations

import os

from setuptools import find_packages, setup


def tree(folder: str) -> list[str]:
    """Every file below ``folder``, relative to it, without bytecode caches."""
    return [
        os.path.relpath(os.path.join(parent, name), folder)
        for parent, _, names in os.walk(folder)
        if "__pycache__" not in parent
        for name in names
    ]


setup(
    packages=find_packages(include=["launchgate*"]) + ["launchgate._rules", "launchgate._examples"],
    package_dir={"launchgate._rules": "rules", "launchgate._examples": "examples"},
    package_data={
        "launchgate": ["report/templates/*.j2", "data/*"],
        "launchgate._rules": tree("rules"),
        "launchgate._examples": tree("examples"),
    },
)
